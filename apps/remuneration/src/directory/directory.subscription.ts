import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DURABLE_CONSUMERS,
  ERASED_FIRST_NAME,
  EventEnvelope,
  HOST_STRUCTURE_CREATED_V1,
  HOST_STRUCTURE_UPDATED_V1,
  HostStructureChangedV1,
  MEMBER_ERASED_V1,
  MEMBER_JOINED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_UPDATED_V1,
  MemberChangedV1,
  MemberErasedV1,
  pseudonymOf,
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  SiteChangedV1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';

/**
 * Remuneration's copy of the sites, their host structure (its VAT franchise decides whether an
 * expense costs its net or its amount incl. VAT) and their members (names for the transparent
 * breakdowns, the day a minor turns 18 for working-time limits, joined/left for who is active in a
 * period), kept from membership's events. Each event is applied once (inbox); versions are applied
 * newest-wins because instances may publish out of order. An erased member keeps a pseudonym only.
 */
@Injectable()
export class DirectorySubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.remunerationDirectory;
  readonly filter = 'events.membership.>';
  readonly handlers = eventHandlers(
    on(MEMBER_JOINED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_UPDATED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_LEFT_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_REJOINED_V1, (event, m) => this.upsertMember(event, m)),
    on(MEMBER_ERASED_V1, (event, m) => this.erase(event, m)),
    on(SITE_CREATED_V1, (event, m) => this.upsertSite(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.upsertSite(event, m)),
    on(HOST_STRUCTURE_CREATED_V1, (event, m) => this.upsertHost(event, m)),
    on(HOST_STRUCTURE_UPDATED_V1, (event, m) => this.upsertHost(event, m)),
  );

  private async upsertMember({ data, siteId, occurredAt }: EventEnvelope<MemberChangedV1>, manager: EntityManager): Promise<void> {
    if (!siteId) throw new Error(`membership member event for ${data.memberId} without a siteId`);
    // adultOn is absent from events published before it existed: keep what we know then.
    const adultOnGiven = data.adultOn !== undefined;
    await manager.query(
      `INSERT INTO remuneration.known_member (id, site_id, first_name, last_name, adult_on, joined_on, left_on, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET first_name = $3, last_name = $4,
              adult_on = CASE WHEN $10 THEN $5::date ELSE remuneration.known_member.adult_on END,
              joined_on = $6, left_on = $7, active = $8, updated_at = $9
       WHERE NOT remuneration.known_member.erased AND remuneration.known_member.updated_at <= $9`,
      [data.memberId, siteId, data.firstName, data.lastName, data.adultOn ?? null, data.joinedOn, data.leftOn, data.active, data.updatedAt ?? occurredAt, adultOnGiven],
    );
  }

  private async erase({ data }: EventEnvelope<MemberErasedV1>, manager: EntityManager): Promise<void> {
    // Contributions keep their hours and decisions (they are pay records); their free-text note may
    // name people, so it goes with the rest of the personal data.
    await manager.query(
      `UPDATE remuneration.known_member SET first_name = $2, last_name = $3, adult_on = NULL, active = false, erased = true, updated_at = GREATEST(updated_at, $4) WHERE id = $1`,
      [data.memberId, ERASED_FIRST_NAME, pseudonymOf(data.memberId), data.erasedAt],
    );
    await manager.query(`UPDATE remuneration.contribution SET note = NULL, updated_at = now() WHERE member_id = $1 AND note IS NOT NULL`, [data.memberId]);
  }

  private async upsertSite({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.known_site (id, code, name, host_structure_id, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, host_structure_id = $4, updated_at = $5
       WHERE remuneration.known_site.updated_at <= $5`,
      [data.id, data.code, data.name, data.hostStructureId, data.updatedAt ?? occurredAt],
    );
  }

  private async upsertHost({ data, occurredAt }: EventEnvelope<HostStructureChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.known_host (id, vat_franchise, legal_name, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET vat_franchise = $2, legal_name = $3, updated_at = $4
       WHERE remuneration.known_host.updated_at <= $4`,
      [data.id, data.vatFranchise ?? data.vatNumber === null, data.legalName, data.updatedAt ?? occurredAt],
    );
  }
}
