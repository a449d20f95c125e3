import { createHash, randomBytes } from 'node:crypto';

/** Access tokens are signed and verified by the platform library, which the worker shares (its queue dashboard). */
export { signAccessToken, verifyAccessToken } from '@kpa/platform';
export type { AccessClaims } from '@kpa/platform';

/** Refresh tokens are random and opaque; only their SHA-256 is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
