import { DomainError } from '@kpa/contracts';
import { decodeCursor, encodeCursor, keysetSlice, pageSize } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = { createdAt: '2026-11-22T00:12:01.857Z', id: '01a20098-77c1-700a-b81f-d70c21407268' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses a cursor it did not make, with a message that says what to do', () => {
    for (const bad of ['nope', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('["2026-01-01","1\'; DROP"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });

  it('takes a page size from 1 to 100, 50 by default', () => {
    expect(pageSize({})).toBe(50);
    expect(pageSize({ limit: 100 })).toBe(100);
    expect(() => pageSize({ limit: 0 })).toThrow(DomainError);
    expect(() => pageSize({ limit: 101 })).toThrow(DomainError);
    expect(() => pageSize({ limit: 1.5 })).toThrow(DomainError);
  });

  it('pages through items in memory like it does in SQL', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `00000000-0000-7000-8000-00000000000${i}`, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
    const first = keysetSlice(items, { limit: 2 });
    expect(first.items.map((i) => i.id.slice(-1))).toEqual(['0', '1']);
    const second = keysetSlice(items, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id.slice(-1))).toEqual(['2', '3']);
    const last = keysetSlice(items, { limit: 2, cursor: second.nextCursor! });
    expect(last).toEqual({ items: [items[4]], nextCursor: null });
  });
});
