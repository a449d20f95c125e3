import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueItem,
  CatalogueItemPage,
  CreateCatalogueItemRequest,
  DomainError,
  GetCatalogueItemRequest,
  ListCatalogueItemsRequest,
  UpdateCatalogueItemRequest,
  siteIdOf,
} from '@kpa/contracts';
import { keysetPage, UnitOfWork } from '@kpa/platform';
import { SellerRepository } from '../sellers/seller.repository';
import { changeCatalogueItem, newCatalogueItem } from './catalogue-item';
import { CatalogueItemEntity } from './catalogue-item.entity';

/** Reads an item of a site: one of another site does not exist for it (404). */
async function findItem(manager: EntityManager, siteId: string, itemId: string, forChange = false): Promise<CatalogueItemEntity> {
  const item = await manager.findOne(CatalogueItemEntity, { where: { id: itemId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!item) throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', `No catalogue item with id ${itemId} on this site.`, { itemId });
  return item;
}

@Injectable()
export class CatalogueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
  ) {}

  async create({ siteId, item }: CreateCatalogueItemRequest): Promise<CatalogueItem> {
    const data = newCatalogueItem(item);
    const now = new Date();
    const entity = Object.assign(new CatalogueItemEntity(), data, { id: uuidv7(), siteId, createdAt: now, updatedAt: now });
    await this.unitOfWork.run(async ({ manager }) => {
      await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
      await manager.insert(CatalogueItemEntity, entity);
    });
    return entity.toContract();
  }

  async get({ siteId, itemId }: GetCatalogueItemRequest): Promise<CatalogueItem> {
    return (await findItem(this.dataSource.manager, siteId, itemId)).toContract();
  }

  async list(request: ListCatalogueItemsRequest): Promise<CatalogueItemPage> {
    const query = this.dataSource.getRepository(CatalogueItemEntity).createQueryBuilder('i').where('i.siteId = :siteId', { siteId: request.siteId });
    if (request.includeArchived !== true) query.andWhere('i.archived = false');
    if (request.q) {
      const pattern = `%${request.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('i.label ILIKE :pattern', { pattern });
    }
    const page = await keysetPage(query, request);
    return { items: page.items.map((i) => i.toContract()), nextCursor: page.nextCursor };
  }

  /** Read under a row lock, apply the rules, save: one transaction. */
  update({ siteId, itemId, changes }: UpdateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.unitOfWork.run(async ({ manager }) => {
      const item = await findItem(manager, siteId, itemId, true);
      Object.assign(item, changeCatalogueItem(item.data(), changes), { updatedAt: new Date() });
      await manager.save(item);
      return item.toContract();
    });
  }
}
