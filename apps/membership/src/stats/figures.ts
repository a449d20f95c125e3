import { AGE_BANDS, AgeBand, ageOn, checkPeriod, compareDates, EntrySituation, Figures, Gender, hideSmallCount, LeavingOutcome, Participation, Referrer } from '@kpa/contracts';

/** What the figures need of a member: no names. */
export interface MemberFacts {
  birthDate: string;
  gender: Gender;
  priorityNeighbourhood: boolean;
  situation: EntrySituation;
  referredBy: Referrer;
  /** Every participation, the current one last. */
  participations: Participation[];
  underCapeNow: boolean;
}

function overlaps(participation: Participation, from: string, to: string): boolean {
  return compareDates(participation.joinedOn, to) <= 0 && (participation.leftOn === null || compareDates(participation.leftOn, from) >= 0);
}

function within(date: string | null, from: string, to: string): boolean {
  return date !== null && compareDates(from, date) <= 0 && compareDates(date, to) <= 0;
}

export function ageBand(birthDate: string, on: string): AgeBand {
  const age = ageOn(birthDate, on);
  if (age < 18) return 'under_18';
  if (age <= 21) return '18_21';
  if (age <= 25) return '22_25';
  return '26_and_over';
}

function tally<K extends string>(keys: K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * The figures of a period: who took part (any participation overlapping it), who joined and left
 * in it and why they left, by gender, age band (on the last day) and priority neighbourhood.
 */
export function figures(members: MemberFacts[], from: string, to: string, options: { hideSmallCounts: boolean; interviewsHeld?: number }): Figures {
  checkPeriod(from, to);
  // Counts from 1 to 4 could point at someone: hidden in figures that leave the site.
  const hide = (count: number): number | null => (options.hideSmallCounts ? hideSmallCount(count) : count);
  const hideAll = <K extends string>(counts: Partial<Record<K, number>>): Partial<Record<K, number | null>> =>
    Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, hide(count as number)])) as Partial<Record<K, number | null>>;

  const took = members.filter((member) => member.participations.some((p) => overlaps(p, from, to)));
  const participations = members.flatMap((member) => member.participations);
  const leavings = participations.filter((p) => within(p.leftOn, from, to));
  const byAgeBand = tally(took.map((member) => ageBand(member.birthDate, to)));
  return {
    from,
    to,
    tookPart: took.length,
    activeNow: members.filter((member) => member.participations.at(-1)?.leftOn === null).length,
    underCapeNow: members.filter((member) => member.underCapeNow).length,
    joined: participations.filter((p) => within(p.joinedOn, from, to)).length,
    left: leavings.length,
    leavingOutcomes: hideAll(tally(leavings.map((p) => (p.outcome ?? 'unknown') as LeavingOutcome))),
    byGender: hideAll(tally(took.map((member) => member.gender))),
    byAgeBand: hideAll(Object.fromEntries(AGE_BANDS.filter((band) => byAgeBand[band]).map((band) => [band, byAgeBand[band]])) as Partial<Record<AgeBand, number>>),
    bySituation: hideAll(tally(took.map((member) => member.situation))),
    byReferrer: hideAll(tally(took.map((member) => member.referredBy))),
    priorityNeighbourhood: { count: hide(took.filter((member) => member.priorityNeighbourhood).length), of: took.length },
    interviewsHeld: options.interviewsHeld ?? 0,
    smallCountsHidden: options.hideSmallCounts,
  };
}
