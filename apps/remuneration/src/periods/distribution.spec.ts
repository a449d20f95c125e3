import fc from 'fast-check';
import { DEFAULT_DISTRIBUTION_SETTINGS, DISTRIBUTION_RULES, DistributionRule, DistributionSettings } from '../settings/distribution-settings';
import { distribute, DistributionInput, DistributionResult, formatMemberShare, MemberInvolvement, MissionWork } from './distribution';

const NB = '\u00a0';

function settings(ruleWeights: Partial<Record<DistributionRule, number>>, more: Partial<DistributionSettings> = {}): DistributionSettings {
  return { ...DEFAULT_DISTRIBUTION_SETTINGS, ruleWeights: { time: 0, equal: 0, peer: 0, mission: 0, ...ruleWeights }, ...more };
}

function member(memberId: string, contributiveHundredths = 0, pointsReceived = 0, activeInPeriod = true): MemberInvolvement {
  return { memberId, activeInPeriod, contributiveHundredths, pointsReceived };
}

function byMember(result: DistributionResult): Record<string, bigint> {
  return Object.fromEntries(result.shares.map((s) => [s.memberId, s.totalCents]));
}

function rule(result: DistributionResult, memberId: string, r: DistributionRule) {
  return result.shares.find((s) => s.memberId === memberId)?.byRule.find((x) => x.rule === r);
}

describe('distribute: worked example {time: 50, peer: 30, equal: 20} of 1 000 €', () => {
  // Hours: A 8 h on M1 + 4.5 h contributive = 12.5 h; B 10 h on M1 + 10 h on M2 + 7.5 h = 27.5 h; C none. 40 h in all.
  const missions: MissionWork[] = [
    {
      missionId: 'm1',
      marginCents: 30_000n,
      participants: [
        { memberId: 'a', hundredths: 800 },
        { memberId: 'b', hundredths: 1000 },
      ],
    },
    { missionId: 'm2', marginCents: 0n, participants: [{ memberId: 'b', hundredths: 1000 }] },
  ];
  const input: DistributionInput = {
    distributableCents: 100_000n,
    members: [member('a', 450, 60), member('b', 750, 40), member('c')],
    missions,
    settings: settings({ time: 50, peer: 30, equal: 20 }),
    tieSalt: 'period-1',
  };
  const result = distribute(input);

  it('splits the amount between the rules, then each rule by its basis', () => {
    expect(result.ruleParts.map((p) => [p.rule, p.cents, p.hasBasis])).toEqual([
      ['time', 50_000n, true],
      ['equal', 20_000n, true],
      ['peer', 30_000n, true],
    ]);
    expect(rule(result, 'a', 'time')?.cents).toBe(15_625n); // 12.5 / 40 × 500 €
    expect(rule(result, 'b', 'time')?.cents).toBe(34_375n); // 27.5 / 40 × 500 €
    expect(rule(result, 'c', 'time')?.cents).toBe(0n);
    expect(rule(result, 'a', 'peer')?.cents).toBe(18_000n); // 60 / 100 × 300 €
    expect(rule(result, 'b', 'peer')?.cents).toBe(12_000n);
    const equal = ['a', 'b', 'c'].map((id) => rule(result, id, 'equal')?.cents as bigint);
    expect(equal.reduce((x, y) => x + y, 0n)).toBe(20_000n);
    expect(equal.sort()).toEqual([6_666n, 6_667n, 6_667n]);
    expect(result.distributedCents).toBe(100_000n);
    expect(result.undistributedCents).toBe(0n);
    expect(result.undistributedReason).toBe('none');
  });

  it('explains each part in French, with its basis', () => {
    const time = rule(result, 'a', 'time');
    expect(time?.basis).toEqual({ unit: 'hours', quantity: '12.50', total: '40.00' });
    expect(time?.explanation).toBe(`12,5${NB}h (8${NB}h de missions + 4,5${NB}h contributives) sur 40${NB}h du site × 50${NB}% de la cagnotte (500,00${NB}€)`);
    expect(rule(result, 'a', 'peer')?.explanation).toBe(`60 points de reconnaissance reçus sur 100 × 30${NB}% de la cagnotte (300,00${NB}€)`);
    expect(rule(result, 'c', 'equal')?.explanation).toBe(`1 part sur 3 membres actifs × 20${NB}% de la cagnotte (200,00${NB}€)`);
    expect(result.ruleParts[0].explanation).toBe(`Règle « temps » : poids 50 sur 100, soit 50${NB}% de la cagnotte (500,00${NB}€)`);
  });

  it('lists every member in id order, and formats shares as decimal strings', () => {
    expect(result.shares.map((s) => s.memberId)).toEqual(['a', 'b', 'c']);
    const a = formatMemberShare(result.shares[0]);
    expect(a.total).toMatch(/^402\.9[12]$/);
    expect(a.byRule[0]).toMatchObject({ rule: 'time', amount: '156.25', beforeCap: '156.25' });
    expect(a.capAdjustment).toBeNull();
  });
});

describe('distribute: rules without basis, mission margins, weights', () => {
  it('gives the part of a rule nobody has a basis for to the other rules, in proportion to their weights', () => {
    const result = distribute({
      distributableCents: 100_000n,
      members: [member('a', 100), member('b', 300)],
      missions: [],
      settings: settings({ time: 50, peer: 30, equal: 20 }),
      tieSalt: 'p',
    });
    expect(result.ruleParts.map((p) => [p.rule, p.cents, p.hasBasis])).toEqual([
      ['time', 71_429n, true],
      ['equal', 28_571n, true],
      ['peer', 0n, false],
    ]);
    expect(result.ruleParts[2].explanation).toContain('sans base cette période (aucun point de reconnaissance donné)');
    expect(rule(result, 'a', 'time')?.explanation).toContain(`× 71,43${NB}% de la cagnotte (714,29${NB}€)`);
    expect(rule(result, 'a', 'peer')).toMatchObject({ cents: 0n, basis: { unit: 'points', quantity: '0', total: '0' } });
    expect(result.distributedCents).toBe(100_000n);
  });

  it('leaves everything undistributed when no rule has a basis', () => {
    const result = distribute({ distributableCents: 50_000n, members: [member('a', 0, 0, false)], missions: [], settings: settings({ time: 50, equal: 50 }), tieSalt: 'p' });
    expect(result).toMatchObject({ distributedCents: 0n, undistributedCents: 50_000n, undistributedReason: 'no_basis' });
    expect(result.shares[0].totalCents).toBe(0n);
    expect(distribute({ distributableCents: 50_000n, members: [], missions: [], settings: settings({ equal: 1 }), tieSalt: 'p' })).toMatchObject({
      undistributedCents: 50_000n,
      shares: [],
    });
  });

  it('shares each mission’s margin among its participants by hours (missions with no margin give nothing)', () => {
    // M1 300 € over A 8 h + B 10 h; M2 100 € over B 10 h + C 10 h; M3 loses money. Margins 400 €: M1 is ¾ of the 1 000 €.
    const missions: MissionWork[] = [
      {
        missionId: 'm1',
        marginCents: 30_000n,
        participants: [
          { memberId: 'a', hundredths: 800 },
          { memberId: 'b', hundredths: 1000 },
        ],
      },
      {
        missionId: 'm2',
        marginCents: 10_000n,
        participants: [
          { memberId: 'c', hundredths: 1000 },
          { memberId: 'b', hundredths: 1000 },
        ],
      },
      { missionId: 'm3', marginCents: -5_000n, participants: [{ memberId: 'd', hundredths: 2000 }] },
    ];
    const result = distribute({
      distributableCents: 100_000n,
      members: [member('a'), member('b'), member('c'), member('d')],
      missions,
      settings: settings({ mission: 100 }),
      tieSalt: 'p',
    });
    // A: 750 × 8/18 = 333.33; B: 750 × 10/18 + 250 / 2 = 541.67; C: 125.
    expect(byMember(result)).toEqual({ a: 33_333n, b: 54_167n, c: 12_500n, d: 0n });
    expect(rule(result, 'b', 'mission')?.basis).toEqual({ unit: 'hours', quantity: '20.00', total: '38.00' });
    expect(rule(result, 'd', 'mission')?.explanation).toContain(`0${NB}h sur 38${NB}h de missions à marge positive`);
  });

  it('adds mission participants missing from the members as inactive members', () => {
    const result = distribute({
      distributableCents: 1_000n,
      members: [member('a')],
      missions: [{ missionId: 'm', marginCents: 0n, participants: [{ memberId: 'gone', hundredths: 300 }] }],
      settings: settings({ time: 1, equal: 1 }),
      tieSalt: 'p',
    });
    expect(byMember(result)).toEqual({ a: 500n, gone: 500n });
    expect(rule(result, 'gone', 'equal')?.explanation).toMatch(/^Aucune part : pas membre actif/);
  });

  it('weighs mission and contributive hours as configured', () => {
    // Contributive hours count double: A 10 h missions = 10, B 5 h contributive = 10.
    const result = distribute({
      distributableCents: 1_000n,
      members: [member('a'), member('b', 500)],
      missions: [{ missionId: 'm', marginCents: 0n, participants: [{ memberId: 'a', hundredths: 1000 }] }],
      settings: settings({ time: 100 }, { timeWeights: { missionHours: 100, contributiveHours: 200 } }),
      tieSalt: 'p',
    });
    expect(byMember(result)).toEqual({ a: 500n, b: 500n });
    expect(rule(result, 'b', 'time')?.basis).toEqual({ unit: 'weighted_hours', quantity: '10.00', total: '20.00' });
    expect(rule(result, 'b', 'time')?.explanation).toBe(
      `10${NB}h pondérées (0${NB}h de missions + 5${NB}h contributives) sur 20${NB}h pondérées du site × 100${NB}% de la cagnotte (10,00${NB}€)`,
    );
  });

  it('refuses inconsistent input', () => {
    const base = { distributableCents: 1n, missions: [], settings: settings({ equal: 1 }), tieSalt: 'p' };
    expect(() => distribute({ ...base, members: [member('a'), member('a')] })).toThrow(/twice/);
    expect(() => distribute({ ...base, members: [member('a', -1)] })).toThrow(RangeError);
    expect(() => distribute({ ...base, distributableCents: -1n, members: [] })).toThrow(RangeError);
    expect(() =>
      distribute({
        ...base,
        members: [],
        missions: [
          {
            missionId: 'm',
            marginCents: 1n,
            participants: [
              { memberId: 'a', hundredths: 1 },
              { memberId: 'a', hundredths: 2 },
            ],
          },
        ],
      }),
    ).toThrow(/twice/);
  });
});

describe('distribute: cap per member', () => {
  it('caps a member’s total and re-splits the excess to the others in proportion to their totals', () => {
    // Before the cap: A 30 h → 750 €, B 10 h → 250 €. Cap 600 €: A gives 150 € to B.
    const result = distribute({
      distributableCents: 100_000n,
      members: [member('a', 3000), member('b', 1000), member('c', 0, 0, false)],
      missions: [],
      settings: settings({ time: 100 }, { capCents: 60_000n }),
      tieSalt: 'p',
    });
    expect(byMember(result)).toEqual({ a: 60_000n, b: 40_000n, c: 0n });
    const [a, b] = result.shares;
    expect(a).toMatchObject({
      beforeCapCents: 75_000n,
      capAdjustment: { cents: -15_000n, explanation: `Plafond de 600,00${NB}€ par membre atteint : 750,00${NB}€ ramenés à 600,00${NB}€` },
    });
    expect(a.byRule[0]).toMatchObject({ cents: 60_000n, beforeCapCents: 75_000n });
    expect(b.capAdjustment).toEqual({ cents: 15_000n, explanation: `+ 150,00${NB}€ : part de ce qui dépasse le plafond des autres membres, au prorata des totaux` });
    expect(result.undistributedCents).toBe(0n);
  });

  it('splits a capped total back over the member’s rules in proportion to their parts', () => {
    // A: time 600 € + equal 100 € = 700 €, capped at 350 €: time 300 €, equal 50 €.
    const result = distribute({
      distributableCents: 100_000n,
      members: [member('a', 3000), member('b', 1000)],
      missions: [],
      settings: settings({ time: 80, equal: 20 }, { capCents: 35_000n }),
      tieSalt: 'p',
    });
    expect(result.shares[0].byRule.map((r) => [r.rule, r.beforeCapCents, r.cents])).toEqual([
      ['time', 60_000n, 30_000n],
      ['equal', 10_000n, 5_000n],
    ]);
    expect(result.undistributedCents).toBe(30_000n);
    expect(result.undistributedReason).toBe('all_capped');
  });

  it('keeps in the pot what nobody can take when everyone is capped', () => {
    const result = distribute({
      distributableCents: 100_000n,
      members: [member('a', 100), member('b', 100)],
      missions: [],
      settings: settings({ time: 1 }, { capCents: 30_000n }),
      tieSalt: 'p',
    });
    expect(byMember(result)).toEqual({ a: 30_000n, b: 30_000n });
    expect(result).toMatchObject({ distributedCents: 60_000n, undistributedCents: 40_000n, undistributedReason: 'all_capped' });
  });
});

// ---- Properties -------------------------------------------------------------------------------

interface Scenario {
  input: DistributionInput;
}

// Member ids m0…m29; mission participants may also be m30…m34, absent from the members list.
const memberIdArb = (max: number) => fc.integer({ min: 0, max }).map((n) => `m${n}`);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  input: fc.record({
    distributableCents: fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 100_000_000n })),
    members: fc.uniqueArray(
      fc.record({
        memberId: memberIdArb(29),
        activeInPeriod: fc.boolean(),
        contributiveHundredths: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
        pointsReceived: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 })),
      }),
      { selector: (m) => m.memberId, maxLength: 12 },
    ),
    missions: fc.uniqueArray(
      fc.record({
        missionId: fc.integer({ min: 0, max: 99 }).map((n) => `x${n}`),
        marginCents: fc.oneof(fc.constant(0n), fc.bigInt({ min: -100_000n, max: 5_000_000n })),
        participants: fc.uniqueArray(fc.record({ memberId: memberIdArb(34), hundredths: fc.integer({ min: 0, max: 5_000 }) }), { selector: (p) => p.memberId, maxLength: 6 }),
      }),
      { selector: (m) => m.missionId, maxLength: 6 },
    ),
    settings: fc.record({
      ruleWeights: fc
        .record({
          time: fc.integer({ min: 0, max: 100 }),
          equal: fc.integer({ min: 0, max: 100 }),
          peer: fc.integer({ min: 0, max: 100 }),
          mission: fc.integer({ min: 0, max: 100 }),
        })
        .map((w) => (Object.values(w).every((x) => x === 0) ? { ...w, equal: 1 } : w)),
      timeWeights: fc
        .record({ missionHours: fc.integer({ min: 0, max: 300 }), contributiveHours: fc.integer({ min: 0, max: 300 }) })
        .map((t) => (t.missionHours === 0 && t.contributiveHours === 0 ? { ...t, missionHours: 100 } : t)),
      capCents: fc.option(fc.bigInt({ min: 1n, max: 20_000_000n }), { nil: null }),
    }),
    tieSalt: fc.string({ maxLength: 8 }),
  }),
});

/** A deterministic shuffle driven by a seed (Fisher–Yates with a small LCG). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('distribute: properties', () => {
  it('shares add up to the distributable amount exactly, less what stays undistributed only when nobody can take it', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const result = distribute(input);
        const total = result.shares.reduce((s, m) => s + m.totalCents, 0n);
        expect(total).toBe(result.distributedCents);
        expect(total + result.undistributedCents).toBe(input.distributableCents);
        if (result.undistributedCents > 0n) {
          if (result.undistributedReason === 'no_basis') {
            expect(result.ruleParts.every((p) => !p.hasBasis)).toBe(true);
            expect(total).toBe(0n);
          } else {
            expect(result.undistributedReason).toBe('all_capped');
            for (const s of result.shares.filter((m) => m.beforeCapCents > 0n)) expect(s.totalCents).toBe(input.settings.capCents);
          }
        } else {
          expect(result.undistributedReason).toBe('none');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('nobody is negative or above the cap; each member’s parts add up to their total', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const result = distribute(input);
        for (const s of result.shares) {
          expect(s.totalCents >= 0n).toBe(true);
          if (input.settings.capCents !== null) expect(s.totalCents <= input.settings.capCents).toBe(true);
          expect(s.byRule.reduce((x, r) => x + r.cents, 0n)).toBe(s.totalCents);
          expect(s.byRule.reduce((x, r) => x + r.beforeCapCents, 0n)).toBe(s.beforeCapCents);
          for (const r of s.byRule) expect(r.cents >= 0n && r.beforeCapCents >= 0n).toBe(true);
          expect(s.capAdjustment === null ? 0n : s.capAdjustment.cents).toBe(s.totalCents - s.beforeCapCents);
          if (input.settings.capCents === null) expect(s.capAdjustment).toBeNull();
        }
        // Before the cap, each rule's part is shared out exactly.
        for (const part of result.ruleParts) {
          expect(result.shares.reduce((x, s) => x + (s.byRule.find((r) => r.rule === part.rule) as { beforeCapCents: bigint }).beforeCapCents, 0n)).toBe(part.cents);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same result for any order of members, missions and participants', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ input }, seed) => {
        const shuffled: DistributionInput = {
          ...input,
          members: shuffle(input.members, seed),
          missions: shuffle(input.missions, seed + 1).map((m, i) => ({ ...m, participants: shuffle(m.participants, seed + i + 2) })),
        };
        expect(distribute(shuffled)).toEqual(distribute(input));
      }),
      { numRuns: 300 },
    );
  });

  it('without a cap, each member gets each rule’s part in proportion to their basis, within a cent', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const result = distribute({ ...input, settings: { ...input.settings, capCents: null } });
        for (const part of result.ruleParts.filter((p) => p.hasBasis && p.rule === 'peer')) {
          const totalPoints = input.members.reduce((x, m) => x + BigInt(m.pointsReceived), 0n);
          for (const m of input.members) {
            const cents = rule(result, m.memberId, 'peer')?.cents as bigint;
            const gap = cents * totalPoints - part.cents * BigInt(m.pointsReceived);
            expect(gap < totalPoints && -gap < totalPoints).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('covers every configured rule for every member', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const result = distribute(input);
        const configured = DISTRIBUTION_RULES.filter((r) => input.settings.ruleWeights[r] > 0);
        expect(result.ruleParts.map((p) => p.rule)).toEqual(configured);
        for (const s of result.shares) expect(s.byRule.map((r) => r.rule)).toEqual(configured);
      }),
      { numRuns: 100 },
    );
  });
});
