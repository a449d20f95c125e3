import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, EventEnvelope, SITE_CREATED_V1, SITE_UPDATED_V1, SiteChangedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { NetworkDirectoryRepository } from './network-directory.repository';

/** The network directory: every site of the region with its public profile, kept from membership's events. */
@Injectable()
export class NetworkDirectorySubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingSiteDirectory;
  readonly filter = 'events.membership.site.>';
  readonly handlers = eventHandlers(
    on(SITE_CREATED_V1, (event, m) => this.upsert(event, m)),
    on(SITE_UPDATED_V1, (event, m) => this.upsert(event, m)),
  );

  constructor(private readonly directory: NetworkDirectoryRepository) {}

  private async upsert({ data, occurredAt }: EventEnvelope<SiteChangedV1>, manager: EntityManager): Promise<void> {
    await this.directory.upsertSite(data, data.updatedAt ?? occurredAt, manager);
  }
}
