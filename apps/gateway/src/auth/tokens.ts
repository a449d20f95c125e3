import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'kpa-gateway';
const AUDIENCE = 'kpa-api';

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

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ sid: claims.sessionId }, keyOf(secret), {
    algorithm: 'HS256',
    subject: claims.userId,
    expiresIn: ttlSeconds,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
}

/** The claims of a valid, unexpired token signed by us; undefined for anything else. */
export function verifyAccessToken(token: string, secret: string): AccessClaims | undefined {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return undefined;
  }
}

/** Refresh tokens are random and opaque; only their SHA-256 is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
