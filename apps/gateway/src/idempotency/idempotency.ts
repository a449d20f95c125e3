import { createHash } from 'node:crypto';

export const IDEMPOTENCY_TTL_HOURS = 24;

/** What makes "the same request": method, path and body (keys sorted, so key order does not matter). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/**
 * The key the services record a command's result under: the client's key scoped to its owner and
 * to the request, so neither another caller's key nor another request under the same key can ever
 * replay it (the gateway answers 422 for the latter before any call).
 */
export function serviceIdempotencyKey(owner: string, key: string, fingerprint: string): string {
  return createHash('sha256').update(`${owner}\n${key}\n${fingerprint}`).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function isAcceptableKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(key);
}
