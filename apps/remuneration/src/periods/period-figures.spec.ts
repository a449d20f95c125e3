import fc from 'fast-check';
import { DEFAULT_DISTRIBUTION_SETTINGS } from '../settings/distribution-settings';
import { DEFAULT_POT_SETTINGS } from './pot';
import { parseMoney, sumOf } from '../units';
import { activeDuring, computeFigures, missionMargin, PeriodLedger, renderFigures } from './period-figures';
import { payrollCsv } from './payroll-export';

const NOW = new Date('2026-04-02T09:00:00Z');
const ids = {
  ines: '00000000-0000-4000-8000-000000000001',
  karim: '00000000-0000-4000-8000-000000000002',
  lina: '00000000-0000-4000-8000-000000000003',
  gone: '00000000-0000-4000-8000-000000000004',
  mission: '00000000-0000-4000-8000-0000000000aa',
};

function ledger(more: Partial<PeriodLedger> = {}): PeriodLedger {
  return {
    period: { id: '0190f000-0000-7000-8000-000000000001', startsOn: '2026-03-01', endsOn: '2026-03-31' },
    movements: [
      { id: 'p1', kind: 'payment', occurredOn: '2026-03-10', netCents: 200_000n, vatCents: 40_000n, missionId: ids.mission, reference: 'LACAPE-F-2026-00001' },
      { id: 'p0', kind: 'payment', occurredOn: '2026-02-27', netCents: 14_200n, vatCents: 0n, missionId: null, reference: 'LACAPE-F-2026-00000' },
      { id: 'e1', kind: 'expense', occurredOn: '2026-03-12', netCents: 5_000n, vatCents: 1_000n, missionId: null, reference: 'supplies' },
    ],
    missionHours: [
      { missionId: ids.mission, memberId: ids.ines, completedOn: '2026-03-09', title: 'Buffet', hundredths: 800 },
      { missionId: ids.mission, memberId: ids.karim, completedOn: '2026-03-09', title: 'Buffet', hundredths: 1000 },
    ],
    missionMargins: new Map([[ids.mission, 200_000n]]),
    contributions: [{ id: 'c1', memberId: ids.lina, kind: 'collective_task', workedOn: '2026-03-03', hundredths: 450 }],
    gifts: [
      { fromMemberId: ids.ines, toMemberId: ids.karim, points: 30 },
      { fromMemberId: ids.lina, toMemberId: ids.karim, points: 10 },
      { fromMemberId: ids.karim, toMemberId: ids.ines, points: 60 },
    ],
    members: [
      { id: ids.ines, firstName: 'Inès', lastName: 'Benali', joinedOn: '2026-01-10', leftOn: null },
      { id: ids.karim, firstName: 'Karim', lastName: 'Haddad', joinedOn: '2026-01-10', leftOn: null },
      { id: ids.lina, firstName: 'Lina', lastName: 'Moreau', joinedOn: '2026-03-31', leftOn: null },
      { id: ids.gone, firstName: 'Paul', lastName: 'Adam', joinedOn: '2025-01-10', leftOn: '2026-02-15' },
    ],
    carryOverCents: -1_000n,
    hostVatFranchise: false,
    pot: DEFAULT_POT_SETTINGS,
    distribution: { ...DEFAULT_DISTRIBUTION_SETTINGS, ruleWeights: { time: 50, peer: 30, equal: 20, mission: 0 } },
    recognitionBudget: 100,
    ...more,
  };
}

describe('computeFigures', () => {
  it('the pot counts the carry-in payment and the carry-over; the shares add up to the distributed amount; names, hours and ledger are shown', () => {
    const f = computeFigures(ledger(), { kind: 'frozen', now: NOW });
    // 2 142 € of payments, 10 % contribution 214.20, expense 50 € net (VAT recovered), carry-over −10 €.
    expect(f.pot.terms.map((t) => [t.kind, t.amount])).toEqual([
      ['payments', '2142.00'],
      ['host_contribution', '-214.20'],
      ['expenses', '-50.00'],
      ['carry_over', '-10.00'],
    ]);
    expect(f.pot.pot).toBe('1867.80');
    expect(f.distribution).toMatchObject({ distributable: '1867.80', distributed: '1867.80', undistributed: '0.00', undistributedReason: 'none' });
    expect(sumOf(f.shares.map((s) => parseMoney(s.total, 'total')))).toBe(186_780n);
    // By last name; Paul Adam left before the period and has nothing to count: absent.
    expect(f.shares.map((s) => s.name)).toEqual(['Inès Benali', 'Karim Haddad', 'Lina Moreau']);
    expect(f.shares.find((s) => s.memberId === ids.lina)?.hours).toEqual({ mission: '0.00', contributiveDay: '0.00', collectiveTask: '4.50', peerTraining: '0.00' });
    expect(f.shares.find((s) => s.memberId === ids.karim)?.hours.mission).toBe('10.00');
    expect(f.recognition).toEqual({
      budget: 100,
      totalsVisible: true,
      totals: [
        { memberId: ids.ines, name: 'Inès Benali', points: 60 },
        { memberId: ids.karim, name: 'Karim Haddad', points: 40 },
      ],
    });
    expect(f.ledger.movements.map((m) => [m.id, m.carriedIn])).toEqual([
      ['p0', true],
      ['p1', false],
      ['e1', false],
    ]);
    expect(f.ledger.missions).toEqual([
      {
        missionId: ids.mission,
        title: 'Buffet',
        completedOn: '2026-03-09',
        margin: '2000.00',
        carriedIn: false,
        participants: [
          { memberId: ids.ines, name: 'Inès Benali', hours: '8.00' },
          { memberId: ids.karim, name: 'Karim Haddad', hours: '10.00' },
        ],
      },
    ]);
    expect(f.carryOverToNext).toBe('0.00');
    expect(f.label).toContain('figés');
  });

  it('the preview leaves the recognition points out (secret until the close) and says so', () => {
    const f = computeFigures(ledger(), { kind: 'preview', now: NOW });
    expect(f.kind).toBe('preview');
    expect(f.label).toContain('Aperçu');
    expect(f.recognition).toEqual({ budget: 100, totalsVisible: false, totals: null });
    expect(f.distribution.rules.find((r) => r.rule === 'peer')).toMatchObject({ hasBasis: false, amount: '0.00' });
    const peer = f.shares.map((s) => s.byRule.find((r) => r.rule === 'peer'));
    expect(peer.map((r) => [r?.amount, r?.basis.quantity])).toEqual([
      ['0.00', '0'],
      ['0.00', '0'],
      ['0.00', '0'],
    ]);
    expect(peer[0]?.explanation).toContain('secrets jusqu’à la clôture');
    expect(f.distribution.distributed).toBe('1867.80');
  });

  it('a deficit is carried to the next period and nothing is distributed', () => {
    const f = computeFigures(ledger({ carryOverCents: -500_000n }), { kind: 'frozen', now: NOW });
    expect(f.pot.pot).toBe('-3122.20');
    expect(f.distribution.distributed).toBe('0.00');
    expect(f.carryOverToNext).toBe('-3122.20');
    expect(f.shares.every((s) => s.total === '0.00')).toBe(true);
  });

  it('shares add up exactly, whatever the ledger (property)', () => {
    const member = fc.constantFrom(ids.ines, ids.karim, ids.lina);
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { maxLength: 6 }),
        fc.array(fc.record({ memberId: member, hundredths: fc.integer({ min: 1, max: 2400 }) }), { maxLength: 6 }),
        fc.array(fc.record({ from: member, to: member, points: fc.integer({ min: 1, max: 100 }) }), { maxLength: 6 }),
        fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
        (payments, contributions, gifts, carry) => {
          const f = computeFigures(
            ledger({
              movements: payments.map((netCents, i) => ({
                id: `p${i}`,
                kind: 'payment' as const,
                occurredOn: '2026-03-02',
                netCents,
                vatCents: 0n,
                missionId: null,
                reference: `F${i}`,
              })),
              contributions: contributions.map((c, i) => ({
                id: `c${i}`,
                memberId: c.memberId,
                kind: 'contributive_day' as const,
                workedOn: '2026-03-02',
                hundredths: c.hundredths,
              })),
              gifts: gifts.filter((g) => g.from !== g.to).map((g) => ({ fromMemberId: g.from, toMemberId: g.to, points: g.points })),
              carryOverCents: carry,
            }),
            { kind: 'frozen', now: NOW },
          );
          const total = sumOf(f.shares.map((s) => parseMoney(s.total, 'total')));
          expect(total).toBe(parseMoney(f.distribution.distributed, 'distributed'));
          expect(total + parseMoney(f.distribution.undistributed, 'u')).toBe(parseMoney(f.pot.distributable, 'd'));
          expect(payrollCsv({ startsOn: '2026-03-01', endsOn: '2026-03-31' }, f).totalCents).toBe(total);
        },
      ),
    );
  });

  it('erased members show their pseudonym in frozen figures', () => {
    const f = computeFigures(ledger(), { kind: 'frozen', now: NOW });
    const shown = renderFigures(f, new Map([[ids.karim, { firstName: 'Membre effacé', lastName: '#00000002' }]]));
    expect(shown.shares.map((s) => s.name)).toContain('Membre effacé #00000002');
    expect(shown.recognition.totals?.map((t) => t.name)).toContain('Membre effacé #00000002');
    expect(JSON.stringify(shown)).not.toContain('Haddad');
    expect('members' in shown).toBe(false);
  });
});

describe('activeDuring and missionMargin', () => {
  it('a member is active when joined by the end and not left before the start', () => {
    const march = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
    expect(activeDuring({ joinedOn: '2026-03-31', leftOn: null }, march)).toBe(true);
    expect(activeDuring({ joinedOn: '2026-04-01', leftOn: null }, march)).toBe(false);
    expect(activeDuring({ joinedOn: '2025-01-01', leftOn: '2026-03-01' }, march)).toBe(true);
    expect(activeDuring({ joinedOn: '2025-01-01', leftOn: '2026-02-28' }, march)).toBe(false);
  });

  it("a mission's margin: payments − refunds − expenses (with their VAT under the franchise); a credit note counts 0", () => {
    const money = [
      { kind: 'payment' as const, netCents: 10_000n, vatCents: 2_000n },
      { kind: 'credit_note' as const, netCents: 1_000n, vatCents: 200n },
      { kind: 'expense' as const, netCents: 500n, vatCents: 100n },
    ];
    expect(missionMargin(money, false)).toBe(9_500n);
    expect(missionMargin(money, true)).toBe(9_400n);
    expect(missionMargin([...money, { kind: 'refund' as const, netCents: 2_000n, vatCents: 400n }], false)).toBe(7_500n);
  });

  it('the margin is the money collected: adding credit-note movements never changes it', () => {
    const movement = fc.record({
      kind: fc.constantFrom('payment' as const, 'refund' as const, 'expense' as const),
      netCents: fc.bigInt({ min: 0n, max: 1_000_000n }),
      vatCents: fc.bigInt({ min: 0n, max: 200_000n }),
    });
    const credit = fc.record({ kind: fc.constant('credit_note' as const), netCents: fc.bigInt({ min: 0n, max: 1_000_000n }), vatCents: fc.bigInt({ min: 0n, max: 200_000n }) });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 8 }), fc.array(credit, { maxLength: 4 }), fc.boolean(), (money, credits, franchise) => {
        expect(missionMargin([...money, ...credits], franchise)).toBe(missionMargin(money, franchise));
      }),
    );
  });
});

describe('computeFigures: credit notes and the money collected', () => {
  it('figures frozen before credit notes stopped counting are shown as they were frozen, credit-note term included', () => {
    const frozen = computeFigures(ledger(), { kind: 'frozen', now: NOW });
    // As a close before issue 15 stored it: an "Avoirs émis (HT)" term, and the pot it gave.
    const old = {
      ...frozen,
      pot: {
        ...frozen.pot,
        terms: [
          frozen.pot.terms[0],
          { kind: 'credit_notes' as const, label: 'Avoirs émis (HT)', amount: '-30.00', detail: '1 avoir émis sur la période' },
          ...frozen.pot.terms.slice(1),
        ],
        pot: '1837.80',
      },
    };
    const stored = JSON.parse(JSON.stringify(old)) as typeof old;
    expect(renderFigures(stored, new Map()).pot).toEqual(old.pot);
  });

  const mission = (margin: bigint) => new Map([[ids.mission, margin]]);
  const noHost = { ...DEFAULT_POT_SETTINGS, hostContributionPpm: 0n };

  it('invoice 100 HT, credit note 30 HT on the unpaid part, payment of the 70 left: the pot counts the 70 collected', () => {
    const movements = [
      { id: 'a1', kind: 'credit_note' as const, occurredOn: '2026-03-05', netCents: 3_000n, vatCents: 600n, missionId: ids.mission, reference: 'LACAPE-A-2026-0001' },
      { id: 'p1', kind: 'payment' as const, occurredOn: '2026-03-20', netCents: 7_000n, vatCents: 1_400n, missionId: ids.mission, reference: 'LACAPE-F-2026-00001' },
    ];
    expect(missionMargin(movements, false)).toBe(7_000n);
    const f = computeFigures(ledger({ movements, missionMargins: mission(missionMargin(movements, false)), carryOverCents: 0n, pot: noHost }), { kind: 'frozen', now: NOW });
    expect(f.pot.terms.map((t) => [t.kind, t.amount])).toEqual([
      ['payments', '70.00'],
      ['host_contribution', '0.00'],
      ['expenses', '0.00'],
      ['carry_over', '0.00'],
    ]);
    expect(f.pot).toMatchObject({ base: '70.00', pot: '70.00' });
    // The credit note stays in the period's ledger, as information.
    expect(f.ledger.movements.map((m) => [m.kind, m.net])).toEqual([
      ['credit_note', '30.00'],
      ['payment', '70.00'],
    ]);
  });

  it('invoice 100 HT paid, credit note 25 HT on the paid part, refund of 25: 75 (the credit note counts only through its refund)', () => {
    // commerce.credit_note.issued's movement carries only what cancelled the unpaid part: 0 here.
    const movements = [
      { id: 'p1', kind: 'payment' as const, occurredOn: '2026-03-02', netCents: 10_000n, vatCents: 2_000n, missionId: ids.mission, reference: 'LACAPE-F-2026-00001' },
      { id: 'a1', kind: 'credit_note' as const, occurredOn: '2026-03-10', netCents: 0n, vatCents: 0n, missionId: ids.mission, reference: 'LACAPE-A-2026-0001' },
      { id: 'r1', kind: 'refund' as const, occurredOn: '2026-03-12', netCents: 2_500n, vatCents: 500n, missionId: ids.mission, reference: 'LACAPE-F-2026-00001' },
    ];
    expect(missionMargin(movements, false)).toBe(7_500n);
    const f = computeFigures(ledger({ movements, missionMargins: mission(missionMargin(movements, false)), carryOverCents: 0n, pot: noHost }), { kind: 'frozen', now: NOW });
    expect(f.pot.terms.slice(0, 2).map((t) => [t.kind, t.amount])).toEqual([
      ['payments', '100.00'],
      ['refunds', '-25.00'],
    ]);
    expect(f.pot).toMatchObject({ base: '75.00', pot: '75.00' });
  });
});
