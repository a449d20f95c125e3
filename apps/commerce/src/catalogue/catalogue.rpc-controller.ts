import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueItem, CatalogueItemPage, CreateCatalogueItemRequest, GetCatalogueItemRequest, ListCatalogueItemsRequest, RPC, UpdateCatalogueItemRequest } from '@kpa/contracts';
import { CatalogueService } from './catalogue.service';

@Controller()
export class CatalogueRpcController {
  constructor(private readonly catalogue: CatalogueService) {}

  @MessagePattern(RPC.commerce.catalogueItemCreate)
  create(@Payload() request: CreateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.create(request);
  }

  @MessagePattern(RPC.commerce.catalogueItemGet)
  get(@Payload() request: GetCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.get(request);
  }

  @MessagePattern(RPC.commerce.catalogueItemList)
  list(@Payload() request: ListCatalogueItemsRequest): Promise<CatalogueItemPage> {
    return this.catalogue.list(request);
  }

  @MessagePattern(RPC.commerce.catalogueItemUpdate)
  update(@Payload() request: UpdateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.update(request);
  }
}
