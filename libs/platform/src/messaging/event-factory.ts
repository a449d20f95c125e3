import { v7 as uuidv7 } from 'uuid';
import { EventDefinition, EventEnvelope } from '@kpa/contracts';
import { RequestContext } from '../context/request-context';

/**
 * Builds an event envelope for the current request: id (uuid v7), actor and correlation id
 * come from the request context. Called by services, which pass it to the outbox. The payload
 * type is the definition's (NoInfer: the data cannot widen it).
 */
export function createEvent<TData>(definition: EventDefinition<TData>, siteId: string | null, data: NoInfer<TData>, now: Date = new Date()): EventEnvelope<TData> {
  const context = RequestContext.current();
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: now.toISOString(),
    siteId,
    actor: context?.actor ?? 'system',
    correlationId: context?.requestId ?? 'none',
    data,
  };
}
