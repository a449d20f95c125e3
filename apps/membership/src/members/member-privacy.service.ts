import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EraseMemberRequest, ExportMemberRequest, MEMBER_ERASED_V1, MemberErasure, MemberExport, siteIdOf } from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { CapeContractRepository } from '../cape-contracts/cape-contract.repository';
import { MembersRepository } from './members.repository';
import { assertNotErased, eraseContract, eraseMember } from './member-privacy';
import { MemberPrivacyRepository } from './member-privacy.repository';

/** Right of access (export) and right to erasure (pseudonymisation) of a member, in membership. */
@Injectable()
export class MemberPrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
    private readonly contracts: CapeContractRepository,
    private readonly privacy: MemberPrivacyRepository,
  ) {}

  /** Everything held on the person: the file, its journey, their contracts and every other record keyed by their id. */
  async export({ siteId, memberId }: ExportMemberRequest): Promise<MemberExport> {
    const today = todayInFrance();
    // One snapshot: the file, the contracts and the other records as they were at one instant.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const member = await this.members.find(siteIdOf(siteId), memberId, {}, manager);
      const contracts = await this.contracts.ofMember(siteIdOf(siteId), memberId, {}, manager);
      const otherRecords: MemberExport['otherRecords'] = await this.privacy.otherRecordsOf(member, manager);
      return {
        exportedAt: new Date().toISOString(),
        member: {
          ...member.toFile(),
          stageOverride: member.stageOverride,
          nextPath: member.nextPath,
          journeyHistory: member.journeyHistory,
          erasedAt: member.erasedAt?.toISOString() ?? null,
        },
        capeContracts: contracts.map((contract) => contract.toContract(today)),
        otherRecords,
      };
    });
  }

  /**
   * Pseudonymises a member who left, in one transaction: the file, their contracts' free text,
   * their other records, and the copies of their name in this service's outbox; then publishes
   * `membership.member.erased` so the other services do the same.
   */
  erase({ siteId, memberId }: EraseMemberRequest): Promise<MemberErasure> {
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const member = await this.members.find(siteIdOf(siteId), memberId, { lock: true }, manager);
      assertNotErased(member);
      const now = new Date();
      const erased = eraseMember(
        member.id,
        { ...member.data(), stageOverride: member.stageOverride, nextPath: member.nextPath, journeyHistory: member.journeyHistory, erasedAt: member.erasedAt },
        now,
      );
      Object.assign(member, erased, { updatedAt: now });
      await this.members.save(member, manager);

      // Contracts stay (payroll-related records under legal retention), without free text.
      const contracts = await this.contracts.ofMember(siteIdOf(siteId), memberId, { lock: true }, manager);
      for (const contract of contracts) {
        await this.contracts.saveTerminationReason(contract, eraseContract(contract).terminationReason, now, manager);
      }

      // Any other table keyed by member id (e.g. interviews): nullable free text cleared.
      await this.privacy.eraseOtherRecords(member, manager);

      // The name must be gone from every event payload too: this service's outbox still holds the
      // member's earlier events. They are rewritten in the same transaction, so an unpublished row
      // is then published rewritten. JetStream's copies of events already published age out with
      // the stream's retention (30 days, docs/messaging.md).
      const rewritten = await this.privacy.rewriteOutboxEvents(member, { firstName: member.firstName, lastName: member.lastName }, manager);

      await publish(createEvent(MEMBER_ERASED_V1, siteId, { memberId: member.id, erasedAt: now.toISOString() }, now));
      return {
        memberId: member.id,
        siteId,
        firstName: member.firstName,
        lastName: member.lastName,
        erasedAt: now.toISOString(),
        contractsKept: contracts.length,
        outboxEventsRewritten: rewritten,
      };
    });
  }
}
