import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { EventEnvelope } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { LOGGER, Logger } from '../logging/logger';
import { CONTEXT_HEADERS } from '../context/request-context';
import { Metrics } from '../metrics/metrics';
import { ensureEventStream, namespaced, NatsClient } from './nats';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

const BATCH_SIZE = 200;
const POLL_INTERVAL_MS = 1000;
const PUBLISHED_RETENTION_DAYS = 7;

/**
 * Publishes committed outbox rows to JetStream, with the event id as message id so a row
 * published twice (crash between publish and marking it sent) is dropped by JetStream.
 * Woken right after each commit that wrote events, and polls as a safety net (a crash, another
 * instance's rows). Rows are claimed with SKIP LOCKED so several instances share the work.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    private readonly config: ServiceConfig,
    private readonly metrics: Metrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.metrics.backlogProbe = async () => {
      const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${this.options.schema}".outbox WHERE published_at IS NULL`);
      return row.n as number;
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(await this.nats.manager(), this.nats.namespace);
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that wrote events: publish now rather than at the next poll. */
  kick(): void {
    this.wake?.();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        while (this.running && (await this.publishBatch()) === BATCH_SIZE);
        await this.cleanup();
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay: publishing failed, will retry');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_INTERVAL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Publishes one batch in one transaction; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const schema = this.options.schema;
    const js = await this.nats.jetstream();
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; subject: string; envelope: EventEnvelope }[] = await manager.query(
        `SELECT id, subject, envelope FROM "${schema}".outbox
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      this.crashPointForTests();
      await Promise.all(
        rows.map((row) => {
          const h = natsHeaders();
          h.set(CONTEXT_HEADERS.requestId, row.envelope.correlationId);
          return js.publish(namespaced(this.nats.namespace, row.subject), JSON.stringify(row.envelope), { msgID: row.id, headers: h });
        }),
      );
      await manager.query(`UPDATE "${schema}".outbox SET published_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      this.metrics.eventsPublished.inc(rows.length);
      return rows.length;
    });
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3600_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM "${this.options.schema}".outbox WHERE published_at < clock_timestamp() - interval '${PUBLISHED_RETENTION_DAYS} days'`);
  }

  /** Test-only: die like a killed process after the commit and before the publish. */
  private crashPointForTests(): void {
    if (this.config.NODE_ENV === 'test' && this.config.KPA_FAULT_INJECTION === 'exit_before_outbox_publish') {
      this.logger.warn('fault injection: killing the process before publishing the outbox');
      process.kill(process.pid, 'SIGKILL');
    }
  }
}
