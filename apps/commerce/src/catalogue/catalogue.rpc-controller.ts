import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CatalogueItem, CatalogueItemPage, CreateCatalogueItemRequest, GetCatalogueItemRequest, ListCatalogueItemsRequest, RPC, UpdateCatalogueItemRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { CatalogueService } from './catalogue.service';

@Controller()
export class CatalogueRpcController {
  constructor(private readonly catalogue: CatalogueService) {}

  @RpcHandler(RPC.commerce.catalogueItemCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.create(request);
  }

  @RpcHandler(RPC.commerce.catalogueItemGet)
  get(@Payload() request: GetCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.get(request);
  }

  @RpcHandler(RPC.commerce.catalogueItemList)
  list(@Payload() request: ListCatalogueItemsRequest): Promise<CatalogueItemPage> {
    return this.catalogue.list(request);
  }

  @RpcHandler(RPC.commerce.catalogueItemUpdate)
  update(@Payload() request: UpdateCatalogueItemRequest): Promise<CatalogueItem> {
    return this.catalogue.update(request);
  }
}
