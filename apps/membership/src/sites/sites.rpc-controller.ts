import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateSiteRequest, GetSiteRequest, ListSitesRequest, RPC, Site, SitePage, UpdateSiteRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { SitesService } from './sites.service';

@Controller()
export class SitesRpcController {
  constructor(private readonly sites: SitesService) {}

  @RpcHandler(RPC.membership.siteCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateSiteRequest): Promise<Site> {
    return this.sites.create(request);
  }

  @RpcHandler(RPC.membership.siteGet)
  get(@Payload() request: GetSiteRequest): Promise<Site> {
    return this.sites.get(request.siteId);
  }

  @RpcHandler(RPC.membership.siteList)
  list(@Payload() request: ListSitesRequest): Promise<SitePage> {
    return this.sites.list(request);
  }

  @RpcHandler(RPC.membership.siteUpdate)
  update(@Payload() request: UpdateSiteRequest): Promise<Site> {
    return this.sites.update(request);
  }
}
