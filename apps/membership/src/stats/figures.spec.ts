import { DomainError } from '@kpa/contracts';
import { ageBand, figures, MemberFacts } from './figures';

function aMember(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    birthDate: '2000-01-01',
    gender: 'female',
    priorityNeighbourhood: false,
    situation: 'job_seeker',
    referredBy: 'mission_locale',
    participations: [{ joinedOn: '2026-01-05', leftOn: null, outcome: null }],
    underCapeNow: false,
    ...overrides,
  };
}

describe('figures of a period', () => {
  const members = [
    aMember({ gender: 'female', priorityNeighbourhood: true, underCapeNow: true }),
    aMember({ gender: 'male', birthDate: '2009-06-01', participations: [{ joinedOn: '2026-03-01', leftOn: '2026-05-31', outcome: 'training' }] }),
    aMember({
      gender: 'male',
      participations: [
        { joinedOn: '2025-01-01', leftOn: '2025-06-30', outcome: 'employment' },
        { joinedOn: '2026-09-01', leftOn: null, outcome: null },
      ],
    }),
    aMember({ participations: [{ joinedOn: '2024-01-01', leftOn: '2024-12-31', outcome: 'company_created' }] }),
  ];

  it('counts who took part, joined and left in the period, and why they left', () => {
    const result = figures(members, '2026-01-01', '2026-06-30', { hideSmallCounts: false });
    expect(result).toMatchObject({ tookPart: 2, activeNow: 2, underCapeNow: 1, joined: 2, left: 1, leavingOutcomes: { training: 1 } });
    expect(result.priorityNeighbourhood).toEqual({ count: 1, of: 2 });
    expect(result.byGender).toEqual({ female: 1, male: 1 });
    expect(result.byAgeBand).toEqual({ under_18: 1, '26_and_over': 1 });
    expect(result.bySituation).toEqual({ job_seeker: 2 });
    expect(result.byReferrer).toEqual({ mission_locale: 2 });
  });

  it('counts a participation that overlaps the edges of the period, and a return as a new joining', () => {
    const year = figures(members, '2025-06-30', '2026-12-31', { hideSmallCounts: false });
    expect(year.tookPart).toBe(3);
    expect(year.joined).toBe(3);
    expect(year.left).toBe(2);
  });

  it('hides counts from 1 to 4 in figures that leave the site, never the totals', () => {
    const hidden = figures(members, '2026-01-01', '2026-06-30', { hideSmallCounts: true });
    expect(hidden.byGender).toEqual({ female: null, male: null });
    expect(hidden.priorityNeighbourhood).toEqual({ count: null, of: 2 });
    expect(hidden.bySituation).toEqual({ job_seeker: null });
    expect(hidden.tookPart).toBe(2);
    const many = figures(
      Array.from({ length: 6 }, () => aMember()),
      '2026-01-01',
      '2026-06-30',
      { hideSmallCounts: true },
    );
    expect(many.byGender).toEqual({ female: 6 });
  });

  it('places ages in bands on the last day of the period', () => {
    expect(ageBand('2008-07-01', '2026-06-30')).toBe('under_18');
    expect(ageBand('2008-06-30', '2026-06-30')).toBe('18_21');
    expect(ageBand('2000-06-30', '2026-06-30')).toBe('26_and_over');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => figures([], '2026-02-01', '2026-01-01', { hideSmallCounts: false })).toThrow(DomainError);
    expect(() => figures([], '2026-02-30', '2026-03-01', { hideSmallCounts: false })).toThrow(DomainError);
  });
});
