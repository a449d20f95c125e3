import { defineEvent } from '../../envelope';

/**
 * A coordinator approved a period's figures: what each member should receive for the period, for
 * the host structure's payroll (the month `payMonth`). Member ids and amounts only, never names;
 * the amounts add up to `distributed` exactly. An approved period never changes.
 */
export interface PeriodApprovedV1 {
  periodId: string;
  startsOn: string;
  endsOn: string;
  /** "2026-03": the weeks of a month are paid together. */
  payMonth: string;
  distributed: string;
  shares: { memberId: string; amount: string }[];
}

/** Stable: the worker and partners build on it. A breaking change is a v2 published beside it. */
export const PERIOD_APPROVED_V1 = defineEvent<PeriodApprovedV1>('remuneration.period.approved', 1);
