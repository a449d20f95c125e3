import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@kpa/contracts';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** The service's schema, where its outbox and inbox live. */
  schema: string;
}

/** Handles one event inside the transaction that also records it in the inbox. */
export type EventHandler<TData = any> = (event: EventEnvelope<TData>, manager: EntityManager) => Promise<void>;

/**
 * A durable JetStream consumer of a service. `filter` is a subject inside the namespace
 * (e.g. `events.membership.>`); `handlers` are keyed by `<type>.v<version>`, events of other
 * types on the subject are acknowledged and skipped.
 */
export interface EventSubscription {
  readonly durable: string;
  readonly filter: string;
  readonly handlers: Record<string, EventHandler>;
}

/** Injection token of the service's subscriptions (a multi-provider array). */
export const EVENT_SUBSCRIPTIONS = Symbol('EVENT_SUBSCRIPTIONS');

export function handlerKey(definition: { type: string; version: number }): string {
  return `${definition.type}.v${definition.version}`;
}
