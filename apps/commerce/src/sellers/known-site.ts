import { EntityManager } from 'typeorm';
import { DomainError } from '@kpa/contracts';

/**
 * Commerce knows a site once membership's `site.created` event reached its read model
 * (`commerce.seller_site`); until then nothing can be created for it (404 SITE_NOT_FOUND).
 */
export async function assertKnownSite(manager: EntityManager, siteId: string): Promise<void> {
  const rows: unknown[] = await manager.query('SELECT 1 FROM commerce.seller_site WHERE id = $1', [siteId]);
  if (rows.length === 0) {
    throw new DomainError('SITE_NOT_FOUND', `Commerce does not know the site ${siteId} yet (its creation is still on its way from membership): try again in a moment.`, { siteId });
  }
}
