import fc from 'fast-check';
import { allocateCents, AllocationRecipient, tieKey } from './allocate';

function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

function shares(allocation: { shares: Map<string, bigint> }): Record<string, bigint> {
  return Object.fromEntries(allocation.shares);
}

describe('allocateCents: largest remainder', () => {
  it('gives each the floor of its exact share, then the leftover cents to the largest remainders', () => {
    // 1000 × 1/6 = 166.67, × 2/6 = 333.33, × 3/6 = 500: floors 166 + 333 + 500 = 999, the cent goes to a (remainder 4/6).
    expect(
      shares(
        allocateCents(
          1000n,
          [
            { id: 'a', weight: 1n },
            { id: 'b', weight: 2n },
            { id: 'c', weight: 3n },
          ],
          'p',
        ),
      ),
    ).toEqual({ a: 167n, b: 333n, c: 500n });
  });

  it('does not depend on order where MoneyPHP does ([70, 30] of 5 cents)', () => {
    const x = allocateCents(
      5n,
      [
        { id: 'x', weight: 70n },
        { id: 'y', weight: 30n },
      ],
      'salt',
    );
    const y = allocateCents(
      5n,
      [
        { id: 'y', weight: 30n },
        { id: 'x', weight: 70n },
      ],
      'salt',
    );
    expect(shares(x)).toEqual(shares(y));
    expect(sum(x.shares.values())).toBe(5n);
  });

  it('breaks a tie by the salted hash of the ids, so the salt (the period) decides who gets the cent', () => {
    const recipients = [
      { id: 'a', weight: 1n },
      { id: 'b', weight: 1n },
      { id: 'c', weight: 1n },
    ];
    const winners = new Set<string>();
    for (const salt of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']) {
      const result = allocateCents(100n, recipients, salt);
      const winner = [...result.shares].find(([, cents]) => cents === 34n)?.[0] as string;
      const expected = ['a', 'b', 'c'].sort((l, r) => (tieKey(salt, l) < tieKey(salt, r) ? -1 : 1))[0];
      expect(winner).toBe(expected);
      winners.add(winner);
    }
    expect(winners.size).toBeGreaterThan(1);
  });

  it('gives 0 to zero weights and everything undistributed when every weight is zero', () => {
    expect(
      shares(
        allocateCents(
          100n,
          [
            { id: 'a', weight: 0n },
            { id: 'b', weight: 5n },
          ],
          'p',
        ),
      ),
    ).toEqual({ a: 0n, b: 100n });
    expect(allocateCents(100n, [{ id: 'a', weight: 0n }], 'p')).toEqual({ shares: new Map([['a', 0n]]), undistributedCents: 100n });
    expect(allocateCents(100n, [], 'p')).toEqual({ shares: new Map(), undistributedCents: 100n });
    expect(allocateCents(0n, [{ id: 'a', weight: 1n }], 'p')).toEqual({ shares: new Map([['a', 0n]]), undistributedCents: 0n });
  });

  it('re-splits a capped excess among the others', () => {
    const result = allocateCents(
      1000n,
      [
        { id: 'a', weight: 1n, capCents: 100n },
        { id: 'b', weight: 1n },
        { id: 'c', weight: 1n, capCents: null },
      ],
      'p',
    );
    expect(shares(result)).toEqual({ a: 100n, b: 450n, c: 450n });
    expect(result.undistributedCents).toBe(0n);
  });

  it('caps in further rounds: a second cap can bind once the first excess is re-split', () => {
    // Round 1: 900 / 3 = 300 each, a is over 100. Round 2: 800 / 2 = 400, b is over 350. Round 3: c gets 450.
    const result = allocateCents(
      900n,
      [
        { id: 'a', weight: 1n, capCents: 100n },
        { id: 'b', weight: 1n, capCents: 350n },
        { id: 'c', weight: 1n },
      ],
      'p',
    );
    expect(shares(result)).toEqual({ a: 100n, b: 350n, c: 450n });
  });

  it('leaves the rest undistributed when everyone is capped', () => {
    const result = allocateCents(
      1000n,
      [
        { id: 'a', weight: 3n, capCents: 100n },
        { id: 'b', weight: 1n, capCents: 200n },
        { id: 'z', weight: 0n },
      ],
      'p',
    );
    expect(shares(result)).toEqual({ a: 100n, b: 200n, z: 0n });
    expect(result.undistributedCents).toBe(700n);
  });

  it('treats a cap exactly equal to the share as not binding', () => {
    expect(
      shares(
        allocateCents(
          100n,
          [
            { id: 'a', weight: 1n, capCents: 50n },
            { id: 'b', weight: 1n, capCents: 50n },
          ],
          'p',
        ),
      ),
    ).toEqual({ a: 50n, b: 50n });
  });

  it('refuses nonsense: negative total, weight or cap, duplicate ids', () => {
    expect(() => allocateCents(-1n, [], 'p')).toThrow(RangeError);
    expect(() => allocateCents(1n, [{ id: 'a', weight: -1n }], 'p')).toThrow(RangeError);
    expect(() => allocateCents(1n, [{ id: 'a', weight: 1n, capCents: -1n }], 'p')).toThrow(RangeError);
    expect(() =>
      allocateCents(
        1n,
        [
          { id: 'a', weight: 1n },
          { id: 'a', weight: 2n },
        ],
        'p',
      ),
    ).toThrow(/twice/);
  });

  it('keys the shares in id order whatever the input order', () => {
    expect([
      ...allocateCents(
        10n,
        [
          { id: 'b', weight: 1n },
          { id: 'a', weight: 1n },
        ],
        'p',
      ).shares.keys(),
    ]).toEqual(['a', 'b']);
  });
});

const recipientsArb = (withCaps: boolean): fc.Arbitrary<AllocationRecipient[]> =>
  fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      weight: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n }), fc.bigInt({ min: 1n, max: 1_000_000_000n })),
      capCents: withCaps ? fc.option(fc.bigInt({ min: 0n, max: 200_000n }), { nil: null }) : fc.constant(null),
    }),
    { selector: (r) => r.id, maxLength: 30 },
  );

const totalArb = fc.oneof(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 10n ** 15n }));

describe('allocateCents: properties', () => {
  it('shares + undistributed = total, none negative, nobody above cap, zero weight ⇒ 0', () => {
    fc.assert(
      fc.property(totalArb, recipientsArb(true), fc.string(), (total, recipients, salt) => {
        const result = allocateCents(total, recipients, salt);
        expect(sum(result.shares.values()) + result.undistributedCents).toBe(total);
        expect(result.shares.size).toBe(recipients.length);
        for (const r of recipients) {
          const share = result.shares.get(r.id) as bigint;
          expect(share >= 0n).toBe(true);
          if (r.capCents !== null && r.capCents !== undefined) expect(share <= r.capCents).toBe(true);
          if (r.weight === 0n) expect(share).toBe(0n);
        }
        expect(result.undistributedCents >= 0n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves something undistributed only when every recipient with a weight is at their cap', () => {
    fc.assert(
      fc.property(totalArb, recipientsArb(true), (total, recipients) => {
        const result = allocateCents(total, recipients, 's');
        if (result.undistributedCents > 0n) {
          for (const r of recipients.filter((x) => x.weight > 0n)) expect(result.shares.get(r.id)).toBe(r.capCents);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same result for any order of the input', () => {
    fc.assert(
      fc.property(
        totalArb,
        recipientsArb(true).chain((recipients) =>
          fc.tuple(fc.constant(recipients), fc.shuffledSubarray(recipients, { minLength: recipients.length, maxLength: recipients.length })),
        ),
        fc.string(),
        (total, [recipients, shuffled], salt) => {
          const a = allocateCents(total, recipients, salt);
          const b = allocateCents(total, shuffled, salt);
          expect([...b.shares]).toEqual([...a.shares]);
          expect(b.undistributedCents).toBe(a.undistributedCents);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('without caps, each share is within one cent of its exact value total × w / W', () => {
    fc.assert(
      fc.property(totalArb, recipientsArb(false), fc.string(), (total, recipients, salt) => {
        const result = allocateCents(total, recipients, salt);
        const weight = sum(recipients.map((r) => r.weight));
        for (const r of recipients) {
          const share = result.shares.get(r.id) as bigint;
          if (weight === 0n) continue;
          // |share − total × w / W| < 1  ⇔  |share × W − total × w| < W
          const gap = share * weight - total * r.weight;
          expect(gap < weight && -gap < weight).toBe(true);
          // Largest remainder never rounds down by a whole cent nor up by one: floor ≤ share ≤ floor + 1.
          expect(share === (total * r.weight) / weight || share === (total * r.weight) / weight + 1n).toBe(true);
        }
        if (weight > 0n) expect(result.undistributedCents).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it('with caps, nobody below their cap gets less per unit of weight than anyone else (beyond a cent)', () => {
    fc.assert(
      fc.property(totalArb, recipientsArb(true), (total, recipients) => {
        const result = allocateCents(total, recipients, 's');
        const weighted = recipients.filter((r) => r.weight > 0n);
        for (const i of weighted) {
          const si = result.shares.get(i.id) as bigint;
          if (i.capCents !== null && i.capCents !== undefined && si >= i.capCents) continue;
          for (const j of weighted) {
            const sj = result.shares.get(j.id) as bigint;
            // sj / wj < (si + 1) / wi + 1 / wi, from si > λ·wi − 1 and sj < λ·wj + 1.
            expect(sj * i.weight < (si + 1n) * j.weight + i.weight).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is a pure function: the same input gives the same output', () => {
    fc.assert(
      fc.property(totalArb, recipientsArb(true), fc.string(), (total, recipients, salt) => {
        expect(allocateCents(total, recipients, salt)).toEqual(allocateCents(total, recipients, salt));
      }),
      { numRuns: 100 },
    );
  });
});
