import { DomainError } from '@kpa/contracts';
import { codeOf } from '@kpa/testing/refusal';
import { decodeCursor, encodeCursor, keysetSlice, openCursor, pageSize, sealCursor } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = { createdAt: '2026-11-22T00:12:01.857Z', id: '01a20098-77c1-700a-b81f-d70c21407268' };
    expect(decodeCursor(encodeCursor(cursor, 'invoice'), 'invoice')).toEqual(cursor);
    expect(decodeCursor(undefined, 'invoice')).toBeUndefined();
  });

  it('refuses a cursor it did not make, with a message that says what to do', () => {
    const unsigned = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const bad of ['nope', '', '.', unsigned(['x', 'y']), unsigned(['2026-01-01", "1\'; DROP']), unsigned(['9999-99-99', '00000000-0000-0000-0000-000000000000'])]) {
      expect(codeOf(() => decodeCursor(bad, 'invoice'))).toBe('INVALID_CURSOR');
    }
    expect(() => decodeCursor('nope', 'invoice')).toThrow(/drop it to start from the first page/);
  });

  describe('signing', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const sealed = sealCursor(['2026-03-01', '01a20098-77c1-700a-b81f-d70c21407268'], 'receivables', secret);

    it('opens what it sealed, with the same scope and secret only', () => {
      expect(openCursor(sealed, 'receivables', secret)).toEqual(['2026-03-01', '01a20098-77c1-700a-b81f-d70c21407268']);
      expect(openCursor(sealed, 'invoice', secret)).toBeUndefined();
      expect(openCursor(sealed, 'receivables', `${secret}!`)).toBeUndefined();
    });

    it('refuses a tampered payload or signature', () => {
      const [payload, signature] = sealed.split('.');
      const forged = Buffer.from(JSON.stringify(['9999-99-99', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
      const flipped = Buffer.from(signature, 'base64url');
      flipped[0] ^= 1;
      for (const bad of [`${forged}.${signature}`, `${payload}.${flipped.toString('base64url')}`, `${payload}.${signature.slice(0, -2)}`, payload, `${sealed}.x`]) {
        expect(openCursor(bad, 'receivables', secret)).toBeUndefined();
      }
    });

    it('refuses a signed value of the wrong shape', () => {
      expect(openCursor(sealCursor([], 'x', secret), 'x', secret)).toEqual([]);
      expect(codeOf(() => decodeCursor(encodeCursor({ createdAt: 'yesterday', id: '01a20098-77c1-700a-b81f-d70c21407268' }, 'x'), 'x'))).toBe('INVALID_CURSOR');
      expect(codeOf(() => decodeCursor(encodeCursor({ createdAt: '2026-03-01', id: 'not-an-id' }, 'x'), 'x'))).toBe('INVALID_CURSOR');
    });

    it('refuses a cursor of another list', () => {
      const cursor = encodeCursor({ createdAt: '2026-03-01T00:00:00.000Z', id: '01a20098-77c1-700a-b81f-d70c21407268' }, 'member');
      expect(codeOf(() => decodeCursor(cursor, 'client'))).toBe('INVALID_CURSOR');
    });
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
    const first = keysetSlice(items, { limit: 2 }, 'x');
    expect(first.items.map((i) => i.id.slice(-1))).toEqual(['0', '1']);
    const second = keysetSlice(items, { limit: 2, cursor: first.nextCursor! }, 'x');
    expect(second.items.map((i) => i.id.slice(-1))).toEqual(['2', '3']);
    const last = keysetSlice(items, { limit: 2, cursor: second.nextCursor! }, 'x');
    expect(last).toEqual({ items: [items[4]], nextCursor: null });
  });
});
