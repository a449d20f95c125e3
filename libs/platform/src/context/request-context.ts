import { AsyncLocalStorage } from 'node:async_hooks';

/** What travels with one request, from the gateway through NATS headers into every service. */
export interface RequestContextStore {
  requestId: string;
  /** The caller's user id, or `system` for work no person asked for. */
  actor: string;
}

/** NATS header names carrying the request context. Never rename: services of another version read them. */
export const CONTEXT_HEADERS = { requestId: 'x-request-id', actor: 'x-actor' } as const;

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** Sets the actor once the caller is authenticated (the store is created before auth). */
  setActor(actor: string): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

/** Request ids accepted from a caller: short and printable, so they cannot poison the logs. */
export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value);
}
