import { DomainError, PageRequest } from '@kpa/contracts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** Keyset cursor over (createdAt, id): stable under inserts, opaque to callers. */
export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not a value returned as nextCursor by this list; drop it to start from the first page.', {
    field: 'cursor',
  });
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
  const cursor = decodeCursor(request.cursor);
  const alias = query.alias;
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
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * The same page over items already in memory (ordered by createdAt, id): for filters computed
 * in code rather than SQL, on lists small enough to read whole (the members of one site).
 */
export function keysetSlice<E extends { createdAt: Date; id: string }>(sorted: E[], request: PageRequest): { items: E[]; nextCursor: string | null } {
  const limit = pageSize(request);
  const cursor = decodeCursor(request.cursor);
  const after = cursor
    ? sorted.filter((item) => {
        const at = item.createdAt.toISOString();
        return at > cursor.createdAt || (at === cursor.createdAt && item.id > cursor.id);
      })
    : sorted;
  const items = after.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: after.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
}
