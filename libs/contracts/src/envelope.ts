/**
 * The one envelope of every domain event. `id` is a uuid v7 (time-ordered) and doubles as the
 * JetStream message id (de-duplication) and the consumers' inbox key.
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  /** `<service>.<aggregate>.<verb>`, e.g. `membership.site.created`. */
  type: string;
  version: number;
  /** ISO 8601 instant with zone. */
  occurredAt: string;
  /** The tenant; null for network-wide facts (host structures). */
  siteId: string | null;
  /** Who caused it: a user id, or `system`. */
  actor: string;
  /** The request id of the call that caused it, to follow one request across services. */
  correlationId: string;
  data: TData;
}

/** A typed event definition: its type, version and (phantom) payload type. */
export interface EventDefinition<TData> {
  readonly type: string;
  readonly version: number;
  /** Never read at run time: carries the payload type. */
  readonly _data?: TData;
}

export function defineEvent<TData>(type: string, version: number): EventDefinition<TData> {
  return { type, version };
}

/** The subject of an event inside the namespace: `events.<type>.v<version>`. */
export function eventSubject(definition: { type: string; version: number }): string {
  return `events.${definition.type}.v${definition.version}`;
}

/** The site of an event its consumer knows to be site-scoped; one without a site is a producer's bug, said loudly. */
export function eventSiteId(event: EventEnvelope): string {
  if (!event.siteId) throw new Error(`${event.type} ${event.id} has no siteId`);
  return event.siteId;
}
