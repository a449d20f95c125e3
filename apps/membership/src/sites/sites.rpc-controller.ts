import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateSiteRequest, GetSiteRequest, ListSitesRequest, RPC, Site, SitePage, UpdateSiteRequest } from '@kpa/contracts';
import { SitesService } from './sites.service';

@Controller()
export class SitesRpcController {
  constructor(private readonly sites: SitesService) {}

  @MessagePattern(RPC.membership.siteCreate)
  create(@Payload() request: CreateSiteRequest): Promise<Site> {
    return this.sites.create(request);
  }

  @MessagePattern(RPC.membership.siteGet)
  get(@Payload() request: GetSiteRequest): Promise<Site> {
    return this.sites.get(request.siteId);
  }

  @MessagePattern(RPC.membership.siteList)
  list(@Payload() request: ListSitesRequest): Promise<SitePage> {
    return this.sites.list(request);
  }

  @MessagePattern(RPC.membership.siteUpdate)
  update(@Payload() request: UpdateSiteRequest): Promise<Site> {
    return this.sites.update(request);
  }
}
