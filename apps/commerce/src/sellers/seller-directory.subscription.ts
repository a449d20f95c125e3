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

  private async upsertHost({ data, occurredAt }: EventEnvelope<HostStructureChangedV1>, manager: EntityManager): Promise<void> {
    // Events may arrive out of order between instances: keep the newest version of the identity.
    await manager.query(
      `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET kind = $2, legal_name = $3, siret = $4, vat_number = $5, city = $6, identity = $7, updated_at = $8
       WHERE commerce.seller_host_structure.updated_at <= $8`,
      [data.id, data.kind, data.legalName, data.siret, data.vatNumber, data.city, JSON.stringify(data), data.updatedAt ?? occurredAt],
    );
  }

  private async upsertSite({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, city = $4, status = $5, host_structure_id = $6, updated_at = $7
       WHERE commerce.seller_site.updated_at <= $7`,
      [data.id, data.code, data.name, data.city, data.status, data.hostStructureId, data.updatedAt ?? occurredAt],
    );
  }
}
