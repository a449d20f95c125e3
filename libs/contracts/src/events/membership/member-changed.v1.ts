import { defineEvent } from '../../envelope';

/**
 * A member joined, changed, left or came back. Names only: never birth date, situation,
 * address, neighbourhood or guardian (personal data stays in membership). For a minor, the day
 * they turn 18 (`adultOn`): commerce needs it to refuse more than 8 hours a day of work to a minor.
 */
export interface MemberChangedV1 {
  memberId: string;
  firstName: string;
  lastName: string;
  joinedOn: string;
  leftOn: string | null;
  active: boolean;
  /** The day a minor turns 18; null once adult (absent from events published before it existed). */
  adultOn?: string | null;
  updatedAt: string;
}

export const MEMBER_JOINED_V1 = defineEvent<MemberChangedV1>('membership.member.joined', 1);
export const MEMBER_UPDATED_V1 = defineEvent<MemberChangedV1>('membership.member.updated', 1);
export const MEMBER_LEFT_V1 = defineEvent<MemberChangedV1 & { outcome: string }>('membership.member.left', 1);
export const MEMBER_REJOINED_V1 = defineEvent<MemberChangedV1>('membership.member.rejoined', 1);
