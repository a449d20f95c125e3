import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueItem,
  CatalogueItemPage,
  CreateCatalogueItemRequest,
  GetCatalogueItemRequest,
  ListCatalogueItemsRequest,
  UpdateCatalogueItemRequest,
  siteIdOf,
} from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { SellerRepository } from '../sellers/seller.repository';
import { changeCatalogueItem, newCatalogueItem } from './catalogue-item';
import { CatalogueItemEntity } from './catalogue-item.entity';
import { CatalogueItemRepository } from './catalogue-item.repository';

@Injectable()
export class CatalogueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
    private readonly items: CatalogueItemRepository,
  ) {}

  async create({ siteId, item }: CreateCatalogueItemRequest): Promise<CatalogueItem> {
    const data = newCatalogueItem(item);
    const now = new Date();
    const entity = Object.assign(new CatalogueItemEntity(), data, { id: uuidv7(), siteId: siteIdOf(siteId), createdAt: now, updatedAt: now });
    // The answer is the unit of work's result: under an idempotency key, it is what a retry gets back.
    return this.unitOfWork.run(async ({ manager }) => {
      await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
      await this.items.insert(manager, entity);
      return entity.toContract();
    });
  }

  async get({ siteId, itemId }: GetCatalogueItemRequest): Promise<CatalogueItem> {
    return (await this.items.findItem(this.dataSource.manager, siteIdOf(siteId), itemId)).toContract();
  }

  async list(request: ListCatalogueItemsRequest): Promise<CatalogueItemPage> {
    const page = await this.items.page(this.dataSource.manager, siteIdOf(request.siteId), request, request);
    return { items: page.items.map((i) => i.toContract()), nextCursor: page.nextCursor };
  }

  /** Read under a row lock, apply the rules, save: one transaction. */
  update({ siteId, itemId, changes }: UpdateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.unitOfWork.run(async ({ manager }) => {
      const item = await this.items.findItem(manager, siteIdOf(siteId), itemId, true);
      Object.assign(item, changeCatalogueItem(item.data(), changes), { updatedAt: new Date() });
      await this.items.save(manager, item);
      return item.toContract();
    });
  }
}
