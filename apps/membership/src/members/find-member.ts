import { EntityManager } from 'typeorm';
import { DomainError } from '@kpa/contracts';
import { MemberEntity } from './member.entity';
import { assertNotErased } from './member-privacy';

/**
 * Reads a member of a site: one of another site does not exist for it (404). `forChange` locks
 * the row for the transaction and refuses an erased member, whose file can no longer change.
 */
export async function findMember(manager: EntityManager, siteId: string, memberId: string, options: { forChange?: boolean } = {}): Promise<MemberEntity> {
  const member = await manager.findOne(MemberEntity, {
    where: { id: memberId, siteId },
    ...(options.forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site.`, { memberId });
  if (options.forChange) assertNotErased(member);
  return member;
}
