import { EntityManager } from 'typeorm';
import { EventDefinition, EventEnvelope } from '@kpa/contracts';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** The service's schema, where its outbox and inbox live. */
  schema: string;
}

/** Handles one event inside the transaction that also records it in the inbox. */
export type EventHandler<TData = any> = (event: EventEnvelope<TData>, manager: EntityManager) => Promise<void>;

declare const bound: unique symbol;

/** A subscription's handlers keyed by `<type>.v<version>`, each bound with `on()` to its event's payload type. */
export type EventHandlers = Readonly<Record<string, EventHandler>> & { readonly [bound]: true };

/** One handler bound to its event definition: the payload type comes from the definition, never from the handler. */
export interface EventHandlerBinding {
  readonly key: string;
  readonly handle: EventHandler;
}

export function on<TData>(definition: EventDefinition<TData>, handle: EventHandler<NoInfer<TData>>): EventHandlerBinding {
  return { key: handlerKey(definition), handle };
}

/** The handlers of a subscription, one per event (a second handler of the same event is a bug). */
export function eventHandlers(...bindings: EventHandlerBinding[]): EventHandlers {
  const handlers: Record<string, EventHandler> = {};
  for (const { key, handle } of bindings) {
    if (handlers[key]) throw new Error(`two handlers of ${key}`);
    handlers[key] = handle;
  }
  return handlers as EventHandlers;
}

/**
 * A durable JetStream consumer of a service. `filter` is a subject inside the namespace
 * (e.g. `events.membership.>`); `handlers` (built by `eventHandlers(on(EVENT_V1, handler), …)`)
 * are keyed by `<type>.v<version>`, events of other types on the subject are acknowledged and skipped.
 */
export interface EventSubscription {
  readonly durable: string;
  readonly filter: string;
  readonly handlers: EventHandlers;
}

/** Injection token of the service's subscriptions (a multi-provider array). */
export const EVENT_SUBSCRIPTIONS = Symbol('EVENT_SUBSCRIPTIONS');

export function handlerKey(definition: { type: string; version: number }): string {
  return `${definition.type}.v${definition.version}`;
}
