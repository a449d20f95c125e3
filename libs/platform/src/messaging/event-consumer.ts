import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@kpa/contracts';
import { LOGGER, Logger } from '../logging/logger';
import { RequestContext } from '../context/request-context';
import { Metrics } from '../metrics/metrics';
import { ensureEventStream, isNotFound, namespaced, NatsClient } from './nats';
import { EVENT_SUBSCRIPTIONS, EventSubscription, handlerKey, MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/** After this many failed deliveries an event is parked (terminated) and logged as an error. */
const MAX_DELIVER = 20;
const ACK_WAIT_MS = 30_000;

/**
 * Runs the service's durable JetStream consumers. Each event is handled in one Postgres
 * transaction that first records its id in the inbox: a redelivered event finds its id there
 * and has no second effect. The ack is sent only after the commit; a crash in between means a
 * redelivery, which the inbox absorbs.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly running: { messages: ConsumerMessages; done: Promise<void> }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    private readonly metrics: Metrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.subscriptions.length === 0) return;
    const jsm = await this.nats.manager();
    const stream = await ensureEventStream(jsm, this.nats.namespace);
    const js = await this.nats.jetstream();
    for (const subscription of this.subscriptions) {
      const config = {
        durable_name: subscription.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: namespaced(this.nats.namespace, subscription.filter),
        max_deliver: MAX_DELIVER,
        ack_wait: nanos(ACK_WAIT_MS),
      };
      try {
        await jsm.consumers.info(stream, subscription.durable);
        await jsm.consumers.update(stream, subscription.durable, { filter_subject: config.filter_subject, max_deliver: MAX_DELIVER, ack_wait: config.ack_wait });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await jsm.consumers.add(stream, config);
      }
      const consumer = await js.consumers.get(stream, subscription.durable);
      const messages = await consumer.consume({ max_messages: 64 });
      const done = (async () => {
        for await (const message of messages) await this.handle(subscription, message);
      })();
      this.running.push({ messages, done });
      this.logger.info({ durable: subscription.durable, filter: config.filter_subject }, 'event consumer started');
    }
    // A consumer whose info cannot be read (NATS away) is left out of that scrape rather than failing it.
    this.metrics.consumerProbe = async () => {
      const states = await Promise.all(
        this.subscriptions.map(({ durable }) =>
          jsm.consumers.info(stream, durable).then(
            (info) => ({ consumer: durable, pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered }),
            () => undefined,
          ),
        ),
      );
      return states.filter((state) => state !== undefined);
    };
  }

  /** Before connections close: stop pulling, let the event in hand finish (its ack included). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const { messages } of this.running) messages.stop();
    await Promise.all(this.running.map(({ done }) => done.catch(() => undefined)));
    this.running.length = 0;
  }

  private async handle(subscription: EventSubscription, message: JsMsg): Promise<void> {
    let event: EventEnvelope;
    try {
      event = message.json<EventEnvelope>();
    } catch {
      this.logger.error({ subject: message.subject }, 'event is not JSON: parked');
      message.term();
      return;
    }
    const handler = subscription.handlers[handlerKey(event)];
    if (!handler) {
      message.ack();
      return;
    }
    await RequestContext.run({ requestId: event.correlationId, actor: event.actor, sites: event.siteId ? [event.siteId] : [] }, async () => {
      try {
        const applied = await this.handleOnce(subscription.durable, event, handler);
        message.ack();
        this.metrics.eventsConsumed.inc({ consumer: subscription.durable, outcome: applied ? 'applied' : 'duplicate' });
      } catch (error) {
        const attempt = message.info.deliveryCount;
        if (attempt >= MAX_DELIVER) {
          this.logger.error({ err: error, eventId: event.id, type: event.type, attempt }, 'event handling failed for good: parked');
          message.term();
        } else {
          this.logger.warn({ err: error, eventId: event.id, type: event.type, attempt }, 'event handling failed: will retry');
          message.nak(Math.min(60_000, 250 * 2 ** attempt));
        }
        this.metrics.eventsConsumed.inc({ consumer: subscription.durable, outcome: 'failed' });
      }
    });
  }

  /** The inbox row and the effect commit together; returns false for an event already handled. */
  private async handleOnce(consumer: string, event: EventEnvelope, handler: EventSubscription['handlers'][string]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id, `${event.type}.v${event.version}`],
      );
      if (inserted.length === 0) return false;
      await handler(event, manager);
      return true;
    });
  }
}
