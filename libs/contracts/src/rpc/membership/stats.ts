import { EntrySituation, Gender, LeavingOutcome, Referrer } from './members';

export const AGE_BANDS = ['under_18', '18_21', '22_25', '26_and_over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * Figures of a site (or of the region) over a period, for coordinators and funders. Counts of
 * people, never names. In network-wide figures, counts from 1 to 4 are hidden (null) so that
 * nobody can be recognised (small-cell suppression).
 */
export interface Figures {
  from: string;
  to: string;
  /** People whose participation overlaps the period. */
  tookPart: number;
  activeNow: number;
  underCapeNow: number;
  joined: number;
  left: number;
  leavingOutcomes: Partial<Record<LeavingOutcome, number | null>>;
  byGender: Partial<Record<Gender, number | null>>;
  /** Age on the last day of the period. */
  byAgeBand: Partial<Record<AgeBand, number | null>>;
  /** Of those who took part: their situation when they joined, and who sent them. */
  bySituation: Partial<Record<EntrySituation, number | null>>;
  byReferrer: Partial<Record<Referrer, number | null>>;
  /** Of those who took part: how many live in a priority neighbourhood (QPV). */
  priorityNeighbourhood: { count: number | null; of: number };
  /** Interviews held in the period. */
  interviewsHeld: number;
  smallCountsHidden: boolean;
}

export interface SiteFiguresRequest {
  /** Absent: the whole region. */
  siteId?: string;
  from: string;
  to: string;
}
