import fc from 'fast-check';
import { codeOf, refusalOf } from '@kpa/testing/refusal';
import { balancesOf, contributionSummary, frenchHours, isBelowSoftLimit, LedgerMovement, manualEntry, parseSoftLimit, reversalOf } from './reciprocity';

const SITES = ['a', 'b', 'c', 'd', 'e'];

/** One step of the region's life: a confirmed help, an accompaniment, a manual entry, or a correction (reversal of an earlier movement). */
type Step = { kind: 'help' | 'accompaniment' | 'manual'; giver: number; receiver: number; hours: number } | { kind: 'reversal'; target: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom('help' as const, 'accompaniment' as const, 'manual' as const),
      giver: fc.nat(SITES.length - 1),
      receiver: fc.nat(SITES.length - 1),
      hours: fc.integer({ min: 1, max: 100_000 }),
    })
    .filter((s) => s.giver !== s.receiver),
  fc.record({ kind: fc.constant('reversal' as const), target: fc.nat(1000) }),
);

/** Applies the steps as the service does: a correction reverses an earlier, not yet reversed, non-reversal movement. */
function ledgerOf(steps: Step[]): (LedgerMovement & { kind: string })[] {
  const movements: (LedgerMovement & { kind: string })[] = [];
  const reversed = new Set<string>();
  for (const s of steps) {
    if (s.kind === 'reversal') {
      const candidates = movements.filter((m) => m.kind !== 'reversal' && !reversed.has(m.id));
      if (candidates.length === 0) continue;
      const target = candidates[s.target % candidates.length];
      const reversal = reversalOf(target, false);
      reversed.add(target.id);
      movements.push({ id: `m${movements.length}`, kind: 'reversal', ...reversal });
    } else {
      movements.push({ id: `m${movements.length}`, kind: s.kind, giverSiteId: SITES[s.giver], receiverSiteId: SITES[s.receiver], hours: s.hours, reversesId: null });
    }
  }
  return movements;
}

describe('reciprocity ledger invariants (property tests)', () => {
  it('for any sequence of helps, accompaniments, manual entries and corrections, the balances sum to exactly zero', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const balances = [...balancesOf(ledgerOf(steps)).values()];
        expect(balances.reduce((sum, b) => sum + b.balance, 0)).toBe(0);
        expect(balances.reduce((sum, b) => sum + b.given, 0)).toBe(balances.reduce((sum, b) => sum + b.received, 0));
      }),
      { numRuns: 300 },
    );
  });

  it("each site's balance equals the sum of its own movements (given counted +, received −)", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const movements = ledgerOf(steps);
        const balances = balancesOf(movements);
        for (const site of SITES) {
          const own = movements.filter((m) => m.giverSiteId === site || m.receiverSiteId === site);
          const sum = own.reduce((total, m) => total + (m.giverSiteId === site ? m.hours : -m.hours), 0);
          expect(balances.get(site)?.balance ?? 0).toBe(sum);
          expect((balances.get(site)?.given ?? 0) - (balances.get(site)?.received ?? 0)).toBe(sum);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a reversal restores the balances as they were before the reversed movement exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 100 }), fc.nat(), (steps, pick) => {
        const movements = ledgerOf(steps.filter((s) => s.kind !== 'reversal'));
        fc.pre(movements.length > 0);
        const target = movements[pick % movements.length];
        const without = movements.filter((m) => m !== target);
        const reversed = [...movements, { id: 'r', kind: 'reversal', ...reversalOf(target, false) }];
        const expected = balancesOf(without);
        const actual = balancesOf(reversed);
        for (const site of SITES) expect(actual.get(site)?.balance ?? 0).toBe(expected.get(site)?.balance ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('never reverses a reversal, nor a movement twice', () => {
    const movement = { id: 'm1', kind: 'help', giverSiteId: 'a', receiverSiteId: 'b', hours: 750, reversesId: null };
    expect(reversalOf(movement, false)).toEqual({ giverSiteId: 'b', receiverSiteId: 'a', hours: 750, reversesId: 'm1' });
    expect(codeOf(() => reversalOf(movement, true))).toBe('RECIPROCITY_ALREADY_REVERSED');
    expect(codeOf(() => reversalOf({ ...movement, kind: 'reversal', reversesId: 'm0' }, false))).toBe('RECIPROCITY_REVERSAL_NOT_REVERSIBLE');
  });
});

describe('reciprocity wording and limits', () => {
  it('speaks of contributions, in French hours', () => {
    expect(contributionSummary(4200, 1400)).toBe('a donné 42 h, a reçu 14 h');
    expect(frenchHours(750)).toBe('7,5 h');
    expect(frenchHours(725)).toBe('7,25 h');
    expect(frenchHours(0)).toBe('0 h');
    expect(frenchHours(1000)).toBe('10 h');
  });

  it('flags below the soft limit, never at it, and not without one', () => {
    expect(isBelowSoftLimit(-2001, -2000)).toBe(true);
    expect(isBelowSoftLimit(-2000, -2000)).toBe(false);
    expect(isBelowSoftLimit(-100000, null)).toBe(false);
    expect(parseSoftLimit('-20.5')).toBe(-2050);
    expect(parseSoftLimit('0')).toBe(0);
    expect(parseSoftLimit(null)).toBeNull();
    expect(codeOf(() => parseSoftLimit('-x'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseSoftLimit(-20))).toBe('VALIDATION_FAILED');
  });

  it('turns a manual entry into giver and receiver, with the template’s hours and label unless given', () => {
    const template = { label: 'micro-accompagnement 2 jours', hours: 1400, active: true };
    expect(manualEntry({ otherSiteId: 'B', direction: 'gave', templateId: 't' }, 'a', template)).toEqual({
      giverSiteId: 'a',
      receiverSiteId: 'b',
      hours: 1400,
      label: template.label,
    });
    expect(manualEntry({ otherSiteId: 'b', direction: 'received', hours: '4', label: 'prêt de cuisine' }, 'a', null)).toEqual({
      giverSiteId: 'b',
      receiverSiteId: 'a',
      hours: 400,
      label: 'prêt de cuisine',
    });
    expect(codeOf(() => manualEntry({ otherSiteId: 'a', direction: 'gave', hours: '1', label: 'x' }, 'a', null))).toBe('RECIPROCITY_ENTRY_SAME_SITE');
    expect(codeOf(() => manualEntry({ otherSiteId: 'b', direction: 'gave' }, 'a', { ...template, active: false }))).toBe('RECIPROCITY_TEMPLATE_INACTIVE');
    expect(refusalOf(() => manualEntry({ otherSiteId: 'b', direction: 'gave', label: 'x' }, 'a', null)).field).toBe('hours');
    expect(refusalOf(() => manualEntry({ otherSiteId: 'b', direction: 'gave', hours: '2' }, 'a', null)).field).toBe('label');
  });
});
