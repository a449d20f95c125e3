import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '../logging/logger';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging/messaging.options';
import { IdempotencyRecordRepository } from './idempotency-record.repository';

/** Removes the expired results of keyed commands hourly (an expired key is also taken over when reused). */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly records: IdempotencyRecordRepository;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.records = new IdempotencyRecordRepository(options.schema);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.records.deleteExpired(this.dataSource).catch((error: unknown) => this.logger.warn({ err: error }, 'idempotency records cleanup failed'));
    }, 3600_000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
