import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, EventEnvelope, MEMBER_JOINED_V1, SITE_CREATED_V1, SITE_UPDATED_V1, SiteChangedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { NetworkDirectoryRepository } from '../directory/network-directory.repository';
import { LaunchesService } from './launches.service';

/**
 * Membership's side of the launch paths: a site in reflection starts one, its first member joining
 * completes `first_members`. One consumer for both, so a site's creation is handled before its
 * first member (one consumer receives its subjects in the stream's order).
 */
@Injectable()
export class LaunchMembershipSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingLaunchMembership;
  readonly filter = 'events.membership.>';
  readonly handlers = eventHandlers(
    on(SITE_CREATED_V1, (event, m) => this.site(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.site(event, m)),
    on(MEMBER_JOINED_V1, (event, m) => this.launches.completeAutomaticStep(event, event.data.joinedOn, m)),
  );

  constructor(
    private readonly launches: LaunchesService,
    private readonly directory: NetworkDirectoryRepository,
  ) {}

  /**
   * The directory's row first (newest version wins, as in the directory's own consumer, which may not
   * have read this event yet): the launch stage is written on it.
   */
  private async site({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    if (data.status !== 'in_reflection') return;
    await this.directory.upsertSite(data, data.updatedAt ?? occurredAt, manager);
    await this.launches.start(data.id, new Date(occurredAt), manager);
  }
}
