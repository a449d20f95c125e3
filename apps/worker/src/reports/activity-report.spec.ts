import fc from 'fast-check';
import { CommerceActivityFigures, Figures, hideSmallCount, RemunerationActivityFigures } from '@kpa/contracts';
import { toCsv } from '@kpa/platform';
import { activityFigures, figureRows, figuresSha256, frenchMonth, sumPeopleFigures } from './activity-report';

function somePeople(overrides: Partial<Figures> = {}): Figures {
  return {
    from: '2026-01-01',
    to: '2026-06-30',
    tookPart: 12,
    activeNow: 9,
    underCapeNow: 3,
    joined: 6,
    left: 3,
    leavingOutcomes: { employment: 2, training: 1 },
    byGender: { female: 7, male: 5 },
    byAgeBand: { under_18: 2, '18_21': 10 },
    bySituation: { job_seeker: 8, rsa: 4 },
    byReferrer: { mission_locale: 12 },
    priorityNeighbourhood: { count: 6, of: 12 },
    interviewsHeld: 20,
    smallCountsHidden: false,
    ...overrides,
  };
}

const commerce: CommerceActivityFigures = {
  from: '2026-01-01',
  to: '2026-06-30',
  revenueByPoleAndMonth: [
    { pole: 'restauration', month: '2026-03', netCents: 150050 },
    { pole: 'conciergerie', month: '2026-02', netCents: 20000 },
    { pole: 'restauration', month: '2026-02', netCents: 9950 },
  ],
  clientsByKind: { company: 7, individual: 2 },
  missionHours: '42.5',
};
const remuneration: RemunerationActivityFigures = { from: '2026-01-01', to: '2026-06-30', contributiveHours: '10', distributed: '1234.56' };

function valueOf(figures: ReturnType<typeof activityFigures>, id: string): unknown {
  const figure = figures.find((candidate) => candidate.id === id);
  if (!figure) throw new Error(`no figure ${id}`);
  return figure.value;
}

describe('the activity report figures', () => {
  it('names every figure the funders ask for, with a definition, from the services’ figures', () => {
    const figures = activityFigures({ people: somePeople(), commerce, remuneration }, { hideSmallCounts: false });
    expect(valueOf(figures, 'people.took_part')).toBe(12);
    expect(valueOf(figures, 'people.under_cape')).toBe(3);
    expect(valueOf(figures, 'people.exits.employment')).toBe(2);
    expect(valueOf(figures, 'people.exits.company_created')).toBe(0);
    expect(valueOf(figures, 'people.gender.female')).toBe(7);
    expect(valueOf(figures, 'people.age.under_18')).toBe(2);
    expect(valueOf(figures, 'people.situation.rsa')).toBe(4);
    expect(valueOf(figures, 'people.referrer.mission_locale')).toBe(12);
    expect(valueOf(figures, 'people.qpv')).toBe(6);
    expect(valueOf(figures, 'people.interviews_held')).toBe(20);
    expect(valueOf(figures, 'economy.revenue')).toBe('1800.00');
    expect(valueOf(figures, 'economy.revenue.restauration.2026-03')).toBe('1500.50');
    expect(valueOf(figures, 'economy.clients.individual')).toBe(2);
    expect(valueOf(figures, 'economy.mission_hours')).toBe('42.50');
    expect(valueOf(figures, 'economy.contributive_hours')).toBe('10.00');
    expect(valueOf(figures, 'economy.distributed')).toBe('1234.56');
    for (const figure of figures) expect(figure.definition).toMatch(/\.$/);
    expect(new Set(figures.map((figure) => figure.id)).size).toBe(figures.length);
  });

  it('orders revenue by pole then month, whatever order commerce answered in', () => {
    const ids = activityFigures({ people: somePeople(), commerce, remuneration }, { hideSmallCounts: false })
      .map((figure) => figure.id)
      .filter((id) => id.startsWith('economy.revenue.'));
    expect(ids).toEqual(['economy.revenue.conciergerie.2026-02', 'economy.revenue.restauration.2026-02', 'economy.revenue.restauration.2026-03']);
  });

  it('hides breakdown counts from 1 to 4 in region and host reports, never zero nor the totals', () => {
    const figures = activityFigures({ people: somePeople(), commerce, remuneration }, { hideSmallCounts: true });
    expect(valueOf(figures, 'people.exits.employment')).toBeNull();
    expect(valueOf(figures, 'people.age.under_18')).toBeNull();
    expect(valueOf(figures, 'people.situation.rsa')).toBeNull();
    expect(valueOf(figures, 'economy.clients.individual')).toBeNull();
    expect(valueOf(figures, 'people.exits.company_created')).toBe(0);
    expect(valueOf(figures, 'people.gender.female')).toBe(7);
    expect(valueOf(figures, 'people.took_part')).toBe(12);
    expect(valueOf(figures, 'people.left')).toBe(3);
  });

  it('keeps what membership already hid hidden', () => {
    const figures = activityFigures(
      { people: somePeople({ byGender: { female: null, male: 11 }, priorityNeighbourhood: { count: null, of: 12 }, smallCountsHidden: true }), commerce, remuneration },
      { hideSmallCounts: true },
    );
    expect(valueOf(figures, 'people.gender.female')).toBeNull();
    expect(valueOf(figures, 'people.qpv')).toBeNull();
  });

  it('never shows a breakdown count from 1 to 4 when suppressing (property)', () => {
    const count = fc.nat({ max: 40 });
    fc.assert(
      fc.property(count, count, count, count, (female, male, rsa, company) => {
        const people = somePeople({ byGender: { female, male }, bySituation: { rsa }, leavingOutcomes: {} });
        const figures = activityFigures({ people, commerce: { ...commerce, clientsByKind: { company } }, remuneration }, { hideSmallCounts: true });
        for (const figure of figures.filter((f) => f.unit === 'people' || f.unit === 'clients')) {
          if (['people.took_part', 'people.active', 'people.under_cape', 'people.joined', 'people.left'].includes(figure.id)) continue;
          expect(typeof figure.value === 'number' && figure.value >= 1 && figure.value <= 4).toBe(false);
        }
      }),
    );
  });
});

describe('hiding a small count', () => {
  it('hides 1 to 4, shows 0, 5 and more', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((count) => hideSmallCount(count))).toEqual([0, null, null, null, null, 5, 6, 100]);
    expect(hideSmallCount(null)).toBeNull();
  });
});

describe('a host structure’s people figures', () => {
  it('adds its sites’ figures cell by cell', () => {
    const sum = sumPeopleFigures([somePeople(), somePeople({ byGender: { female: 1, non_binary: 2 }, tookPart: 3 })], '2026-01-01', '2026-06-30');
    expect(sum.tookPart).toBe(15);
    expect(sum.byGender).toEqual({ female: 8, male: 5, non_binary: 2 });
    expect(sum.priorityNeighbourhood).toEqual({ count: 12, of: 24 });
    expect(sum.interviewsHeld).toBe(40);
  });

  it('refuses hidden cells, which cannot be added', () => {
    expect(() => sumPeopleFigures([somePeople({ byGender: { female: null } })], '2026-01-01', '2026-06-30')).toThrow(RangeError);
  });
});

describe('the frozen snapshot and the CSV', () => {
  it('gives the same SHA-256 to the same figures and another one when a figure changes', () => {
    const once = activityFigures({ people: somePeople(), commerce, remuneration }, { hideSmallCounts: true });
    const again = activityFigures(
      { people: somePeople(), commerce: { ...commerce, revenueByPoleAndMonth: [...commerce.revenueByPoleAndMonth].reverse() }, remuneration },
      { hideSmallCounts: true },
    );
    expect(figuresSha256(again)).toBe(figuresSha256(once));
    expect(figuresSha256(once)).toMatch(/^[0-9a-f]{64}$/);
    const changed = activityFigures({ people: somePeople({ interviewsHeld: 21 }), commerce, remuneration }, { hideSmallCounts: true });
    expect(figuresSha256(changed)).not.toBe(figuresSha256(once));
  });

  it('prints one row per figure with its definition, a hidden count as "< 5"', () => {
    const figures = activityFigures({ people: somePeople(), commerce, remuneration }, { hideSmallCounts: true });
    const rows = figureRows(figures);
    expect(rows[0]).toEqual(['identifiant', 'rubrique', 'indicateur', 'valeur', 'unité', 'définition']);
    expect(rows).toHaveLength(figures.length + 1);
    expect(rows.find((row) => row[0] === 'people.exits.employment')).toEqual([
      'people.exits.employment',
      'Personnes accompagnées',
      'Emploi',
      '< 5',
      'personnes',
      'Sorties de la période, selon leur issue.',
    ]);
    expect(rows.find((row) => row[0] === 'economy.revenue')?.[3]).toBe('1800.00');
    const csv = toCsv(rows);
    expect(csv.split('\r\n')[1]).toBe('people.took_part;Personnes accompagnées;Personnes accompagnées;12;personnes;Personnes dont une participation chevauche la période.');
  });

  it('writes months in French', () => {
    expect(frenchMonth('2026-02')).toBe('février 2026');
    expect(frenchMonth('2026-12')).toBe('décembre 2026');
  });
});
