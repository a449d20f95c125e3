import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DURABLE_CONSUMERS,
  EventEnvelope,
  HOST_STRUCTURE_CREATED_V1,
  HOST_STRUCTURE_UPDATED_V1,
  HostStructureChangedV1,
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  SiteChangedV1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { SellerRepository } from './seller.repository';

/**
 * Commerce's copy of who sells: each site and the legal identity of its host structure, kept
 * from membership's events. Quotes and invoices print the seller from here, without calling
 * membership (which may be down) and without reading its tables.
 */
@Injectable()
export class SellerDirectorySubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.commerceSellerDirectory;
  readonly filter = 'events.membership.>';
  readonly handlers = eventHandlers(
    on(HOST_STRUCTURE_CREATED_V1, (event, m) => this.upsertHost(event, m)),
    on(HOST_STRUCTURE_UPDATED_V1, (event, m) => this.upsertHost(event, m)),
    on(SITE_CREATED_V1, (event, m) => this.upsertSite(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.upsertSite(event, m)),
  );

  private readonly sellers = new SellerRepository();

  private async upsertHost({ data, occurredAt }: EventEnvelope<HostStructureChangedV1>, manager: EntityManager): Promise<void> {
    await this.sellers.upsertHostStructure(manager, data, data.updatedAt ?? occurredAt);
  }

  private async upsertSite({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await this.sellers.upsertSite(manager, data, data.updatedAt ?? occurredAt);
  }
}
