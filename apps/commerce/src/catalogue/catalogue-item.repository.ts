import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, isUuid, PageRequest, QuoteLineInput, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { CatalogueDefaults } from '../quotes/quote';
import { formatTenThousandths } from './catalogue-item';
import { CatalogueItemEntity } from './catalogue-item.entity';

/**
 * The site's catalogue (`catalogue_item`). Stateless: every method runs on the manager it is given
 * (a use case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class CatalogueItemRepository {
  /** An item of the site, under a row lock when it is to change; another site's does not exist for it (404). */
  async findItem(manager: EntityManager, siteId: SiteId, itemId: string, forChange = false): Promise<CatalogueItemEntity> {
    const item = await manager.findOne(CatalogueItemEntity, { where: { id: itemId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!item) throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', `No catalogue item with id ${itemId} on this site.`, { itemId });
    return item;
  }

  /** One page of the site's items, oldest first; archived ones only when asked, `q` in the label. */
  page(
    manager: EntityManager,
    siteId: SiteId,
    filters: { q?: string; includeArchived?: boolean },
    page: PageRequest,
  ): Promise<{ items: CatalogueItemEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(CatalogueItemEntity).createQueryBuilder('i').where('i.siteId = :siteId', { siteId });
    if (filters.includeArchived !== true) query.andWhere('i.archived = false');
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('i.label ILIKE :pattern', { pattern });
    }
    return keysetPage(query, page);
  }

  async insert(manager: EntityManager, item: CatalogueItemEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(CatalogueItemEntity, item);
  }

  async save(manager: EntityManager, item: CatalogueItemEntity): Promise<void> {
    await manager.save(item);
  }

  /**
   * What the site's catalogue items named by `lines` bring to a quote or invoice line (ids that are
   * not uuids, and other sites' items, are simply absent: resolveLines refuses them).
   */
  async catalogueDefaults(manager: EntityManager, siteId: SiteId, lines: unknown): Promise<Map<string, CatalogueDefaults>> {
    const ids = Array.isArray(lines) ? [...new Set((lines as QuoteLineInput[]).map((l) => l?.catalogueItemId).filter((id): id is string => isUuid(id)))] : [];
    if (ids.length === 0) return new Map();
    const items = await manager.find(CatalogueItemEntity, { where: { siteId, id: In(ids) } });
    return new Map(
      items.map((i) => [
        i.id,
        {
          label: i.label,
          unit: i.unit,
          unitPrice: formatTenThousandths(i.unitPriceTenThousandths),
          vatRate: i.vatRate,
          exemptionReason: i.exemptionReason,
          nature: i.nature,
          archived: i.archived,
        },
      ]),
    );
  }
}
