import { Injectable } from '@nestjs/common';
import { DataSource, EntityMetadata } from 'typeorm';
import { EraseMemberRequest, ExportMemberRequest, MEMBER_ERASED_V1, MemberErasure, MemberExport, siteIdOf } from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { MemberEntity } from './member.entity';
import { MembersRepository } from './members.repository';
import { assertNotErased, eraseContract, erasedValuesOf, eraseMember } from './member-privacy';

/** Right of access (export) and right to erasure (pseudonymisation) of a member, in membership. */
@Injectable()
export class MemberPrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
  ) {}

  /** Everything held on the person: the file, its journey, their contracts and every other record keyed by their id. */
  async export({ siteId, memberId }: ExportMemberRequest): Promise<MemberExport> {
    const today = todayInFrance();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const member = await this.members.find(siteIdOf(siteId), memberId, {}, manager);
      const contracts = await manager.find(CapeContractEntity, { where: { memberId, siteId }, order: { createdAt: 'ASC' } });
      const otherRecords: MemberExport['otherRecords'] = {};
      for (const metadata of this.otherTables()) {
        otherRecords[metadata.tableName] = (await manager.find(metadata.target, { where: { memberId } })) as Record<string, unknown>[];
      }
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
      const erased = eraseMember(member.id, { ...member.data(), stageOverride: member.stageOverride, nextPath: member.nextPath, journeyHistory: member.journeyHistory, erasedAt: member.erasedAt }, now);
      Object.assign(member, erased, { updatedAt: now });
      await this.members.save(member, manager);

      // Contracts stay (payroll-related records under legal retention), without free text.
      const contracts = await manager.find(CapeContractEntity, { where: { memberId, siteId }, lock: { mode: 'pessimistic_write' } });
      for (const contract of contracts) {
        await manager.update(CapeContractEntity, { id: contract.id }, { terminationReason: eraseContract(contract).terminationReason, updatedAt: now });
      }

      // Any other table keyed by member id (e.g. interviews): nullable free text cleared.
      for (const metadata of this.otherTables()) {
        const values = erasedValuesOf(metadata.columns.map((c) => ({ propertyName: c.propertyName, type: String(c.type), nullable: c.isNullable })));
        if (Object.keys(values).length > 0) await manager.update(metadata.target, { memberId }, values);
      }

      // The name must be gone from every event payload too: this service's outbox still holds the
      // member's earlier events (published or not; published rows are kept 7 days): `member.*`
      // carry the name, `cape_contract.terminated` a free-text reason. They are rewritten here, in
      // the same transaction: the name becomes the pseudonym, the reason an empty string (the
      // payload keeps its shape for consumers); an unpublished row is then published rewritten.
      // JetStream's copies of events already published age out with the stream's retention
      // (30 days, docs/messaging.md).
      const [{ rewritten }]: { rewritten: number }[] = await manager.query(
        `WITH changed AS (
           UPDATE membership.outbox
              SET envelope = jsonb_set(envelope, '{data}', envelope->'data'
                    || CASE WHEN envelope->'data' ? 'firstName' THEN jsonb_build_object('firstName', $2::text) ELSE '{}' END
                    || CASE WHEN envelope->'data' ? 'lastName' THEN jsonb_build_object('lastName', $3::text) ELSE '{}' END
                    || CASE WHEN envelope->'data' ? 'reason' THEN jsonb_build_object('reason', '') ELSE '{}' END)
            WHERE envelope->'data'->>'memberId' = $1 AND (envelope->'data' ?| array['firstName', 'lastName', 'reason'])
           RETURNING id)
         SELECT count(*)::int AS rewritten FROM changed`,
        [member.id, member.firstName, member.lastName],
      );

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

  /** Tables of this service keyed by member id, other than the member and contracts (handled above): e.g. interviews. */
  private otherTables(): EntityMetadata[] {
    return this.dataSource.entityMetadatas.filter(
      (metadata) => metadata.target !== MemberEntity && metadata.target !== CapeContractEntity && metadata.findColumnWithPropertyName('memberId') !== undefined,
    );
  }
}
