import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NetworkGeoJson, NetworkSiteDetail, NetworkSitePage, NetworkStats, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, NetworkAdminOnly, Public, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { NetworkProfileDto, NetworkSiteDetailDto, NetworkSitePageDto, NetworkSitesQueryDto, NetworkStatsDto, nearOf } from './dto/network-directory.dto';
import { viewerOf } from './network-viewer';

/**
 * The network directory, cross-site by design: every logged-in user of the region reads the
 * published profiles. The one-site route's parameter is `networkSiteId`, not `siteId`: the guard
 * reads `:siteId` as "a site of the caller" (404 to others), while here another site's published
 * profile is exactly what is asked for; the networking service answers NETWORK_SITE_NOT_FOUND
 * (404) for an unpublished profile of a site that is not the caller's.
 */
@ApiTags('network')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/network')
export class NetworkDirectoryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('sites')
  @ApiErrors(200, NetworkSitePageDto, 400, 401)
  list(@Query() query: NetworkSitesQueryDto, @CurrentPrincipal() principal: Principal): Promise<NetworkSitePage> {
    const { near: _near, km: _km, ...filters } = query;
    return this.rpc.call(RPC.networking.directoryList, { ...filters, near: nearOf(query), viewer: viewerOf(principal) });
  }

  @Get('sites/:networkSiteId')
  @ApiErrors(200, NetworkSiteDetailDto, 400, 401, 404)
  get(@Param('networkSiteId', new ParseUUIDPipe()) siteId: string, @CurrentPrincipal() principal: Principal): Promise<NetworkSiteDetail> {
    return this.rpc.call(RPC.networking.directoryGet, { siteId, viewer: viewerOf(principal) });
  }

  @Get('stats')
  @NetworkAdminOnly()
  @ApiErrors(200, NetworkStatsDto, 401, 403)
  stats(): Promise<NetworkStats> {
    return this.rpc.call(RPC.networking.statsGet, {});
  }
}

/** A site's own network profile: every user of the site reads it, its coordinators write it. */
@ApiTags('network')
@ApiBearerAuth()
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/network-profile')
export class SiteNetworkProfileController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, NetworkSiteDetailDto, 401, 404)
  get(@Param('siteId') siteId: string): Promise<NetworkSiteDetail> {
    return this.rpc.call(RPC.networking.siteProfileGet, { siteId });
  }

  @Put()
  @SiteRoles('coordinator')
  @ApiErrors(200, NetworkSiteDetailDto, 400, 401, 403, 404)
  set(@Param('siteId') siteId: string, @Body() body: NetworkProfileDto, @CurrentPrincipal() principal: Principal): Promise<NetworkSiteDetail> {
    const profile = {
      ...body,
      contactEmail: body.contactEmail ?? null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      openingHours: body.openingHours ?? null,
    };
    return this.rpc.call(RPC.networking.siteProfileSet, { siteId, profile, updatedBy: principal.userId });
  }
}

/** The map for partners' websites and map tools: no login, published sites only. */
@ApiTags('network')
@Public()
@Controller('public/network')
export class PublicNetworkMapController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('sites.geojson')
  @Header('Content-Type', 'application/geo+json; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The published sites as an RFC 7946 FeatureCollection (Points in [longitude, latitude] order)' })
  @ApiOkResponse({ description: 'application/geo+json FeatureCollection' })
  @ApiErrors(200, undefined, 503)
  geoJson(): Promise<NetworkGeoJson> {
    return this.rpc.call(RPC.networking.directoryGeoJson, {});
  }
}
