import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DURABLE_CONSUMERS,
  EventEnvelope,
  INVOICE_ISSUED_V1,
  MEMBER_JOINED_V1,
  MISSION_COMPLETED_V1,
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  SiteChangedV1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { automaticStepOf } from './launch-path';
import { LaunchesService } from './launches.service';

function tenantOf(event: EventEnvelope): string {
  if (!event.siteId) throw new Error(`${event.type} ${event.id} has no siteId`);
  return event.siteId;
}

async function completeAutomatic(launches: LaunchesService, event: EventEnvelope, on: string, manager: EntityManager): Promise<void> {
  const step = automaticStepOf(event.type);
  if (step) await launches.completeFromEvent(tenantOf(event), step, on, manager);
}

/**
 * Membership's side of the launch paths: a site in reflection starts one, its first member joining
 * completes `first_members`. One consumer for both, so a site's creation is handled before its
 * first member (JetStream keeps the order of one consumer's subjects).
 */
@Injectable()
export class LaunchMembershipSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingLaunchMembership;
  readonly filter = 'events.membership.>';
  readonly handlers = eventHandlers(
    on(SITE_CREATED_V1, (event, m) => this.site(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.site(event, m)),
    on(MEMBER_JOINED_V1, (event, m) => completeAutomatic(this.launches, event, event.data.joinedOn, m)),
  );

  constructor(private readonly launches: LaunchesService) {}

  private async site({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    if (data.status === 'in_reflection') await this.launches.start(data.id, new Date(occurredAt), manager);
  }
}

/** Commerce's side: a new KPA's first completed mission and first issued invoice. */
@Injectable()
export class LaunchCommerceSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingLaunchCommerce;
  readonly filter = 'events.commerce.>';
  readonly handlers = eventHandlers(
    on(MISSION_COMPLETED_V1, (event, m) => completeAutomatic(this.launches, event, event.data.completedOn, m)),
    on(INVOICE_ISSUED_V1, (event, m) => completeAutomatic(this.launches, event, event.data.issuedOn, m)),
  );

  constructor(private readonly launches: LaunchesService) {}
}
