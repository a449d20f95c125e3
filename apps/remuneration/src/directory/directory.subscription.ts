import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DURABLE_CONSUMERS,
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
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  SiteChangedV1,
  siteIdOf,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { ContributionsRepository } from '../contributions/contributions.repository';
import { DirectoryRepository } from './directory.repository';

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

  constructor(
    private readonly directory: DirectoryRepository,
    private readonly contributions: ContributionsRepository,
  ) {}

  private async upsertMember({ data, siteId, occurredAt }: EventEnvelope<MemberChangedV1>, manager: EntityManager): Promise<void> {
    if (!siteId) throw new Error(`membership member event for ${data.memberId} without a siteId`);
    await this.directory.upsertMember(siteIdOf(siteId), data, data.updatedAt ?? occurredAt, manager);
  }

  private async erase({ data }: EventEnvelope<MemberErasedV1>, manager: EntityManager): Promise<void> {
    await this.directory.eraseMember(data.memberId, data.erasedAt, manager);
    // Contributions keep their hours and decisions (they are pay records); their free-text note may
    // name people, so it goes with the rest of the personal data.
    await this.contributions.eraseNotesOf(data.memberId, manager);
  }

  private async upsertSite({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await this.directory.upsertSite(data, data.updatedAt ?? occurredAt, manager);
  }

  private async upsertHost({ data, occurredAt }: EventEnvelope<HostStructureChangedV1>, manager: EntityManager): Promise<void> {
    await this.directory.upsertHost(data, data.updatedAt ?? occurredAt, manager);
  }
}
