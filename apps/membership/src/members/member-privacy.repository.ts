import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { erasedValuesOf } from './member-privacy';
import { MemberEntity } from './member.entity';

/**
 * What the rights of access and erasure reach beyond the member's file and contracts: every other
 * table of this service keyed by member id, and the copies of the member's events in the outbox.
 * Methods take the member as read on its site (MembersRepository.find), and reach every row of
 * the person, whichever table holds it.
 */
@Injectable()
export class MemberPrivacyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every other record of the member, by table name (e.g. interviews). */
  async otherRecordsOf(member: MemberEntity, manager: EntityManager): Promise<Record<string, Record<string, unknown>[]>> {
    const records: Record<string, Record<string, unknown>[]> = {};
    for (const metadata of this.otherTables()) {
      records[metadata.tableName] = (await manager.find(metadata.target, { where: { memberId: member.id } })) as Record<string, unknown>[];
    }
    return records;
  }

  /** In every other record of the member, the free text is cleared (erasedValuesOf says which columns, to what). */
  async eraseOtherRecords(member: MemberEntity, manager: EntityManager): Promise<void> {
    for (const metadata of this.otherTables()) {
      const values = erasedValuesOf(metadata.columns.map((c) => ({ propertyName: c.propertyName, type: String(c.type), nullable: c.isNullable })));
      if (Object.keys(values).length > 0) await manager.update(metadata.target, { memberId: member.id }, values);
    }
  }

  /**
   * The member's events still in this service's outbox (published or not; published rows are kept
   * 7 days) carry their name (`member.*`) or a free-text reason (`cape_contract.terminated`): the
   * name becomes the pseudonym, the reason an empty string, and the payload keeps its shape for
   * consumers. Returns how many events were rewritten.
   */
  async rewriteOutboxEvents(member: MemberEntity, pseudonym: { firstName: string; lastName: string }, manager: EntityManager): Promise<number> {
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
      [member.id, pseudonym.firstName, pseudonym.lastName],
    );
    return rewritten;
  }

  /** Tables of this service keyed by member id, other than the member and contracts (their repositories handle them): e.g. interviews. */
  private otherTables(): EntityMetadata[] {
    return this.dataSource.entityMetadatas.filter(
      (metadata) => metadata.target !== MemberEntity && metadata.target !== CapeContractEntity && metadata.findColumnWithPropertyName('memberId') !== undefined,
    );
  }
}
