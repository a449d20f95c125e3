import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { RequestContext } from '../context/request-context';
import { IdempotencyRecordRepository } from '../idempotency/idempotency-record.repository';
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
 *
 * Under an idempotency key (a handler marked `@IdempotentCommand()` called with one), the key is
 * taken first in the same transaction and the result recorded with the effect: a retry of the key,
 * on any instance, gets that result back without running the work again, even when the reply of
 * the first run was lost after its commit. A retry racing the first waits for its commit.
 */
@Injectable()
export class UnitOfWork {
  private readonly idempotency: IdempotencyRecordRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly config?: ServiceConfig,
  ) {
    this.idempotency = new IdempotencyRecordRepository(options.schema);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const key = this.idempotencyKey();
    let published = 0;
    let replayed = false;
    const result = await this.dataSource.transaction(async (manager) => {
      if (key) {
        const done = await this.idempotency.claim(manager, key);
        if (done) {
          replayed = true;
          return done.response as T;
        }
      }
      const value = await work({
        manager,
        publish: async (...events) => {
          await appendToOutbox(manager, this.options.schema, events);
          published += events.length;
        },
        publishSql: (events, param, fill) => {
          published += events.length;
          return outboxInsertSql(this.options.schema, events, param, fill);
        },
      });
      if (key) await this.idempotency.record(manager, key, value);
      return value;
    });
    if (published > 0) this.relay.kick();
    if (!replayed) this.crashPointForTests();
    return result;
  }

  /** The key of the command being handled, taken once: a second unit of work in the same command is a bug. */
  private idempotencyKey(): string | undefined {
    const context = RequestContext.current();
    if (!context?.idempotencyKey) return undefined;
    if (context.idempotencyKeyUsed) {
      throw new Error('A handler marked @IdempotentCommand() ran a second unit of work: its response must be the result of exactly one.');
    }
    context.idempotencyKeyUsed = true;
    return context.idempotencyKey;
  }

  /** Test-only: die like a killed process after the commit and before the reply (the reply is lost). */
  private crashPointForTests(): void {
    if (this.config?.NODE_ENV === 'test' && this.config.KPA_FAULT_INJECTION === 'exit_after_commit_before_reply') {
      process.kill(process.pid, 'SIGKILL');
    }
  }
}
