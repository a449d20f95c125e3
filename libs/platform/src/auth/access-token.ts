import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * The gateway's signed tokens (HS256, JWT_SECRET), verified wherever a service must know who calls:
 * the API's access tokens (audience `kpa-api`) and the queue dashboard's (audience `kpa-queues`,
 * issued by the gateway to network admins only, read by the worker: docs/worker.md).
 */
const ISSUER = 'kpa-gateway';
export const API_AUDIENCE = 'kpa-api';
export const QUEUE_DASHBOARD_AUDIENCE = 'kpa-queues';
export type TokenAudience = typeof API_AUDIENCE | typeof QUEUE_DASHBOARD_AUDIENCE;

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/**
 * The HMAC key, made once: given a string, jsonwebtoken first tries to read it as a PEM public
 * key on every call, which costs more than the verification itself.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number, audience: TokenAudience = API_AUDIENCE): string {
  return jwt.sign({ sid: claims.sessionId }, keyOf(secret), {
    algorithm: 'HS256',
    subject: claims.userId,
    expiresIn: ttlSeconds,
    issuer: ISSUER,
    audience,
  });
}

/** The claims of a valid, unexpired token signed by us for this audience; undefined for anything else. */
export function verifyAccessToken(token: string, secret: string, audience: TokenAudience = API_AUDIENCE): AccessClaims | undefined {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return undefined;
  }
}
