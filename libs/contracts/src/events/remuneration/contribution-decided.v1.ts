import { defineEvent } from '../../envelope';

/**
 * A coordinator validated or rejected a member's contributive hours. Ids, hours and the reason
 * only, never names. The worker tells the member.
 */
export interface ContributionDecidedV1 {
  contributionId: string;
  memberId: string;
  date: string;
  /** Two decimals ("7.50"). */
  hours: string;
  status: 'validated' | 'rejected';
  /** Why it was rejected, if the coordinator said. */
  reason: string | null;
}

/** Stable: a breaking change is a v2 published beside it. */
export const CONTRIBUTION_DECIDED_V1 = defineEvent<ContributionDecidedV1>('remuneration.contribution.decided', 1);
