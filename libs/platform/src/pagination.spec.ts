import { DomainError } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = { createdAt: '2026-11-22T00:12:01.857Z', id: '01a20098-77c1-700a-b81f-d70c21407268' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses a cursor it did not make, with a message that says what to do', () => {
    for (const bad of ['nope', Buffer.from('["x","y"]').toString('base64url'), Buffer.from("[\"2026-01-01\",\"1'; DROP\"]").toString('base64url')]) {
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
});
