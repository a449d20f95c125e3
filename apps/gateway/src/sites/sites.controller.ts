import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, RPC, Site, SitePage } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, NetworkAdminOnly, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateSiteDto, PageQueryDto, SiteDto, SitePageDto, UpdateSiteDto } from './dto/sites.dto';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('v1/sites')
export class SitesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @NetworkAdminOnly()
  @ApiErrors(201, SiteDto, 400, 401, 403, 404, 409)
  create(@Body() body: CreateSiteDto): Promise<Site> {
    return this.rpc.call(RPC.membership.siteCreate, body);
  }

  /** A network admin sees every site; anyone else the sites they have a role on. */
  @Get()
  @SignedIn()
  @ApiErrors(200, SitePageDto, 400, 401)
  list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<SitePage> {
    const siteIds = principal.networkAdmin ? undefined : principal.sites.map((grant) => grant.siteId);
    return this.rpc.call(RPC.membership.siteList, { ...query, siteIds });
  }

  @Get(':siteId')
  @SiteRoles('coordinator', 'member', 'accountant')
  @ApiErrors(200, SiteDto, 401, 404)
  get(@Param('siteId') siteId: string): Promise<Site> {
    return this.rpc.call(RPC.membership.siteGet, { siteId });
  }

  /** A coordinator may rename their site or change its city; its status is the network admin's. */
  @Patch(':siteId')
  @SiteRoles('coordinator')
  @ApiErrors(200, SiteDto, 400, 401, 403, 404)
  update(@Param('siteId') siteId: string, @Body() body: UpdateSiteDto, @CurrentPrincipal() principal: Principal): Promise<Site> {
    if (body.status !== undefined && !principal.networkAdmin) {
      throw new DomainError('FORBIDDEN', 'Only a network admin may change the status of a site.', { field: 'status' });
    }
    return this.rpc.call(RPC.membership.siteUpdate, { ...body, siteId });
  }
}
