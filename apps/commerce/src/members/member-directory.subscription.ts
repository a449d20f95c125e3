import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CAPE_RENEWED_V1,
  CAPE_SIGNED_V1,
  CAPE_TERMINATED_V1,
  CapeContractChangedV1,
  DURABLE_CONSUMERS,
  EventEnvelope,
  MEMBER_ERASED_V1,
  MEMBER_JOINED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_UPDATED_V1,
  MemberChangedV1,
  MemberErasedV1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { KnownMemberRepository } from './known-member.repository';

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

  private readonly members = new KnownMemberRepository();

  private async upsertMember({ data, siteId, occurredAt }: EventEnvelope<MemberChangedV1>, manager: EntityManager): Promise<void> {
    await this.members.upsertMember(manager, siteId, data, data.updatedAt ?? occurredAt);
  }

  private async erase({ data }: EventEnvelope<MemberErasedV1>, manager: EntityManager): Promise<void> {
    await this.members.erase(manager, data);
  }

  private async upsertContract({ data, occurredAt }: EventEnvelope<CapeContractChangedV1>, manager: EntityManager): Promise<void> {
    await this.members.upsertCapeContract(manager, data, occurredAt);
  }
}
