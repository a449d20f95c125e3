import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CAPE_RENEWED_V1,
  CAPE_SIGNED_V1,
  CAPE_TERMINATED_V1,
  CapeContractChangedV1,
  DURABLE_CONSUMERS,
  ERASED_FIRST_NAME,
  EventEnvelope,
  MEMBER_ERASED_V1,
  MEMBER_JOINED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_UPDATED_V1,
  MemberChangedV1,
  MemberErasedV1,
  pseudonymOf,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';

/**
 * Commerce's copy of the members of each site (names, the day a minor turns 18) and of their CAPE
 * contracts, kept from membership's events: missions check a minor's hours and documents print the
 * CAPE mention without calling membership. An erased member keeps only a pseudonym here too.
 */
@Injectable()
export class MemberDirectorySubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.commerceMemberDirectory;
  readonly filter = 'events.membership.>';
  readonly handlers = eventHandlers(
    on(MEMBER_JOINED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_UPDATED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_LEFT_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_REJOINED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_ERASED_V1, (event, m) => this.erase(event, m)),
    on(CAPE_SIGNED_V1, (event, m) => this.upsertContract(event, m)),
    on(CAPE_RENEWED_V1, (event, m) => this.upsertContract(event, m)),
    on(CAPE_TERMINATED_V1, (event, m) => this.upsertContract(event, m)),
  );

  private async upsertMember({ data, siteId, occurredAt }: EventEnvelope<MemberChangedV1>, manager: EntityManager): Promise<void> {
    // Newest version wins (instances may publish out of order); an erased member is never renamed.
    await manager.query(
      `INSERT INTO commerce.known_member (id, site_id, first_name, last_name, adult_on, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET first_name = $3, last_name = $4, adult_on = $5, active = $6, updated_at = $7
       WHERE NOT commerce.known_member.erased AND commerce.known_member.updated_at <= $7`,
      [data.memberId, siteId, data.firstName, data.lastName, data.adultOn ?? null, data.active, data.updatedAt ?? occurredAt],
    );
  }

  private async erase({ data }: EventEnvelope<MemberErasedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE commerce.known_member SET first_name = $2, last_name = $3, adult_on = NULL, active = false, erased = true, updated_at = $4 WHERE id = $1`,
      [data.memberId, ERASED_FIRST_NAME, pseudonymOf(data.memberId), data.erasedAt],
    );
  }

  private async upsertContract({ data, occurredAt }: EventEnvelope<CapeContractChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.known_cape_contract (id, member_id, host_structure_id, starts_on, ends_on, terminated_on, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET starts_on = $4, ends_on = $5, terminated_on = $6, updated_at = $7
       WHERE commerce.known_cape_contract.updated_at <= $7`,
      [data.contractId, data.memberId, data.hostStructureId, data.startsOn, data.endsOn, data.terminatedOn, occurredAt],
    );
  }
}
