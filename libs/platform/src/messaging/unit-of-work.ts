import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@kpa/contracts';
import { appendToOutbox, OutboxFill, outboxInsertSql } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

export interface Transaction {
  manager: EntityManager;
  /** Adds events to the outbox, in this transaction. */
  publish(...events: EventEnvelope[]): Promise<void>;
  /**
   * The same, as SQL the caller runs inside one of its own statements (see `outboxInsertSql`),
   * when a round trip matters: issuing a document while its series' counter row is locked.
   */
  publishSql(events: EventEnvelope[], param: (value: unknown) => string, fill?: OutboxFill): string;
}

/**
 * One use case, one transaction: the state change and its events commit together (outbox),
 * then the relay is woken to publish them.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let published = 0;
    const result = await this.dataSource.transaction((manager) =>
      work({
        manager,
        publish: async (...events) => {
          await appendToOutbox(manager, this.options.schema, events);
          published += events.length;
        },
        publishSql: (events, param, fill) => {
          published += events.length;
          return outboxInsertSql(this.options.schema, events, param, fill);
        },
      }),
    );
    if (published > 0) this.relay.kick();
    return result;
  }
}
