import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, isUuid, PageRequest } from '@kpa/contracts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** Keyset cursor over (createdAt, id): stable under inserts, opaque to callers. */
export interface Cursor {
  createdAt: string;
  id: string;
}

/**
 * Secret of the cursors when the configuration gives none: only outside production (ServiceConfig
 * requires CURSOR_SECRET there), so that tests and `npm start` need nothing to page.
 */
export const DEV_CURSOR_SECRET = 'kpa-dev-cursor-secret-not-for-production';

let cursorSecret = DEV_CURSOR_SECRET;

/** Set once at start (PlatformModule) from CURSOR_SECRET: every instance of a service must share it. */
export function useCursorSecret(secret: string): void {
  cursorSecret = secret;
}

function mac(payload: string, scope: string, secret: string): Buffer {
  // The scope is signed, not carried: a cursor of one list is refused by another.
  return createHmac('sha256', secret).update(`${scope}\n${payload}`).digest();
}

/** `payload.signature`, both base64url: the values of the last row seen, signed for one list. */
export function sealCursor(values: readonly string[], scope: string, secret: string): string {
  const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
  return `${payload}.${mac(payload, scope, secret).toString('base64url')}`;
}

/** The values of a cursor sealed by `sealCursor` with the same scope and secret, or undefined for anything else. */
export function openCursor(value: string, scope: string, secret: string): string[] | undefined {
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(payload, scope, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(values) && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export function invalidCursor(): DomainError {
  return new DomainError('INVALID_CURSOR', 'cursor is not a value returned as nextCursor by this list; drop it to start from the first page.', { field: 'cursor' });
}

export function encodeCursor(cursor: Cursor, scope: string): string {
  return sealCursor([cursor.createdAt, cursor.id], scope, cursorSecret);
}

/** The cursor of this list's previous page; INVALID_CURSOR for a forged, altered or foreign one. */
export function decodeCursor(value: string | undefined, scope: string): Cursor | undefined {
  if (value === undefined) return undefined;
  const values = openCursor(value, scope, cursorSecret);
  if (values?.length === 2) {
    const [createdAt, id] = values;
    // Signed by us, so well-formed; checked again because a leaked secret must not reach SQL as a 500.
    if (!Number.isNaN(Date.parse(createdAt)) && isUuid(id)) return { createdAt, id };
  }
  throw invalidCursor();
}

export function pageSize(request: PageRequest): number {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new DomainError('VALIDATION_FAILED', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, { field: 'limit' });
  }
  return limit;
}

/** One page of a keyset-paginated query ordered by (created_at, id). */
export async function keysetPage<E extends { createdAt: Date; id: string }>(
  query: import('typeorm').SelectQueryBuilder<E>,
  request: PageRequest,
): Promise<{ items: E[]; nextCursor: string | null }> {
  const limit = pageSize(request);
  const alias = query.alias;
  const scope = query.expressionMap.mainAlias?.hasMetadata ? query.expressionMap.mainAlias.metadata.tableName : alias;
  const cursor = decodeCursor(request.cursor, scope);
  if (cursor) {
    query.andWhere(`(${alias}.createdAt, ${alias}.id) > (:cursorCreatedAt, :cursorId)`, {
      cursorCreatedAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }, scope) : null,
  };
}

/**
 * The same page over items already in memory (ordered by createdAt, id): for filters computed
 * in code rather than SQL, on lists small enough to read whole (the members of one site).
 */
export function keysetSlice<E extends { createdAt: Date; id: string }>(sorted: E[], request: PageRequest, scope: string): { items: E[]; nextCursor: string | null } {
  const limit = pageSize(request);
  const cursor = decodeCursor(request.cursor, scope);
  const after = cursor
    ? sorted.filter((item) => {
        const at = item.createdAt.toISOString();
        return at > cursor.createdAt || (at === cursor.createdAt && item.id > cursor.id);
      })
    : sorted;
  const items = after.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: after.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }, scope) : null };
}
