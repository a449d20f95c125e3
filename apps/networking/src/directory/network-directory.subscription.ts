import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, EventEnvelope, SITE_CREATED_V1, SITE_UPDATED_V1, SiteChangedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';

/** The network directory: every site of the region with its public profile, kept from membership's events. */
@Injectable()
export class NetworkDirectorySubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingSiteDirectory;
  readonly filter = 'events.membership.site.>';
  readonly handlers = eventHandlers(
    on(SITE_CREATED_V1, (event, m) => this.upsert(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.upsert(event, m)),
  );

  private async upsert({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.directory_site (id, code, name, city, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, city = $4, status = $5, updated_at = $6
       WHERE networking.directory_site.updated_at <= $6`,
      [data.id, data.code, data.name, data.city, data.status, data.updatedAt ?? occurredAt],
    );
  }
}
