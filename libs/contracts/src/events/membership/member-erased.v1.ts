import { defineEvent } from '../../envelope';

/**
 * A member who left was erased (GDPR right to erasure) in membership: every service that keeps
 * something about them must pseudonymise it too. Carries no name: only the id and the instant.
 * Earlier `membership.member.*` events carried the name; membership rewrote its own outbox copies
 * and JetStream's copies age out with the stream's retention (30 days).
 */
export interface MemberErasedV1 {
  memberId: string;
  erasedAt: string;
}

export const MEMBER_ERASED_V1 = defineEvent<MemberErasedV1>('membership.member.erased', 1);

/** What an erased member's first name becomes, in every service. */
export const ERASED_FIRST_NAME = 'Membre effacé';

/**
 * What an erased member's last name becomes, in every service: `#` and the last 8 hex digits of
 * the id — short, stable, and distinct between members (the last digits of a uuid v7 are random;
 * its first ones are the creation time, shared by everyone created within the same minute).
 */
export function pseudonymOf(memberId: string): string {
  return `#${memberId.replace(/-/g, '').slice(-8)}`;
}
