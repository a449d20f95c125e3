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
