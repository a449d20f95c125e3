import { defineEvent } from '../../envelope';

/**
 * A remuneration period was closed: its figures are frozen and proposed to everyone (members may
 * object before a coordinator approves). Member ids and amounts only, never names. Money as decimal
 * strings; the shares add up to `distributed` exactly.
 */
export interface PeriodClosedV1 {
  periodId: string;
  startsOn: string;
  endsOn: string;
  /** The pot of the period (negative: a deficit carried to the next period). */
  pot: string;
  distributed: string;
  /** Stays in the pot and is carried over (no basis, caps). */
  undistributed: string;
  shares: { memberId: string; amount: string }[];
}

/** Stable: the worker and partners build on it. A breaking change is a v2 published beside it. */
export const PERIOD_CLOSED_V1 = defineEvent<PeriodClosedV1>('remuneration.period.closed', 1);
