import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
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
import { PoolMembersRepository } from './pool-members.repository';

/**
 * The members the skill pools may list, kept from membership's member events: each applied once
 * (inbox), newest wins. A member who left stops being listed (their consent is kept for a return);
 * an erased member is removed from every pool.
 */
@Injectable()
export class PoolMembersSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingMemberDirectory;
  readonly filter = 'events.membership.member.>';
  readonly handlers = eventHandlers(
    on(MEMBER_JOINED_V1, (event, m) => this.upsert(event, m)),
    on(MEMBER_UPDATED_V1, (event, m) => this.upsert(event, m)),
    on(MEMBER_LEFT_V1, (event, m) => this.upsert(event, m)),
    on(MEMBER_REJOINED_V1, (event, m) => this.upsert(event, m)),
    on(MEMBER_ERASED_V1, (event, m) => this.erase(event, m)),
  );

  constructor(private readonly members: PoolMembersRepository) {}

  private async upsert({ data, siteId, occurredAt }: EventEnvelope<MemberChangedV1>, manager: EntityManager): Promise<void> {
    if (!siteId) throw new Error(`membership member event for ${data.memberId} without a siteId`);
    await this.members.upsert(siteId, data, data.updatedAt ?? occurredAt, manager);
  }

  private async erase({ data }: EventEnvelope<MemberErasedV1>, manager: EntityManager): Promise<void> {
    await this.members.erase(data.memberId, data.erasedAt, manager);
  }
}
