import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/** What travels with one request, from the gateway through NATS headers into every service. */
export interface RequestContextStore {
  requestId: string;
  /** The caller's user id, or `system` for work no person asked for. */
  actor: string;
  /**
   * The client's `Idempotency-Key`, scoped to its owner and request (a hash): set by the gateway for
   * an idempotent POST, and in a service for a handler marked `@IdempotentCommand()`, whose unit of
   * work then records its result under it in the same transaction (see docs/api.md, idempotency).
   */
  idempotencyKey?: string;
  /** Set by the unit of work that used the key: a command has one (see `@IdempotentCommand()`). */
  idempotencyKeyUsed?: boolean;
  /** Calls made per subject under this key, so two calls of one subject in one request get two keys. */
  idempotentCalls?: Map<string, number>;
  /**
   * The sites this work is for (the RPC request's `siteId` or `siteIds`, the event's `siteId`): the
   * database connections it uses see those sites' rows only, none when there are none, every site's
   * for regional work (`all`, see `acrossSites`). Row-level security: libs/platform/src/database/row-security.ts.
   */
  sites?: readonly string[] | 'all';
}

/** NATS header names carrying the request context. Never rename: services of another version read them. */
export const CONTEXT_HEADERS = { requestId: 'x-request-id', actor: 'x-actor', idempotencyKey: 'x-idempotency-key' } as const;

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** Runs work for one site (as a request or an event naming it would): its queries see that site's rows only. */
  forSite<T>(siteId: string, fn: () => T): T {
    const store = storage.getStore();
    return storage.run({ ...(store ?? { requestId: 'system', actor: 'system' }), sites: [siteId] }, fn);
  },
  /**
   * Runs regional work whose queries must see every site's rows (row-level security lets them).
   * Name why at the call: everything else works for one site.
   */
  acrossSites<T>(fn: () => T): T {
    const store = storage.getStore();
    return storage.run({ ...(store ?? { requestId: 'system', actor: 'system' }), sites: 'all' }, fn);
  },
  /** Sets the actor once the caller is authenticated (the store is created before auth). */
  setActor(actor: string): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
  /** Sets the idempotency key of the request being handled (the gateway, once it has claimed the client's key). */
  setIdempotencyKey(key: string): void {
    const store = storage.getStore();
    if (store) store.idempotencyKey = key;
  },
  /**
   * The key to send with an RPC of this subject, when the request has one: derived from the request's
   * key, the subject and how many calls of that subject came before, so a retry of the request sends
   * the same keys in the same order and each call finds its own recorded result.
   */
  idempotencyKeyFor(subject: string): string | undefined {
    const store = storage.getStore();
    if (!store?.idempotencyKey) return undefined;
    const calls = (store.idempotentCalls ??= new Map());
    const n = (calls.get(subject) ?? 0) + 1;
    calls.set(subject, n);
    return createHash('sha256').update(`${store.idempotencyKey}\n${subject}\n${n}`).digest('hex');
  },
};

/** Request ids accepted from a caller: short and printable, so they cannot poison the logs. */
export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value);
}

/** Idempotency keys between services are SHA-256 hashes: nothing else is taken from a header. */
export function isAcceptableIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
