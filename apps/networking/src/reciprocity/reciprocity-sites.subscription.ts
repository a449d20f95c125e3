import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, EventEnvelope, SITE_CREATED_V1, SITE_UPDATED_V1, SiteChangedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { ReciprocitySitesRepository } from './reciprocity-sites.repository';

/** The sites' names and host structures for help requests and the ledger, from membership's site events. */
@Injectable()
export class ReciprocitySitesSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingReciprocitySites;
  readonly filter = 'events.membership.site.>';
  readonly handlers = eventHandlers(
    on(SITE_CREATED_V1, (event, m) => this.upsert(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.upsert(event, m)),
  );

  constructor(private readonly sites: ReciprocitySitesRepository) {}

  private async upsert({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await this.sites.upsert(manager, { id: data.id, name: data.name, hostStructureId: data.hostStructureId ?? null }, data.updatedAt ?? occurredAt);
  }
}
