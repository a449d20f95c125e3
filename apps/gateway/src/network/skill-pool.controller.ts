import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MemberNetworkProfile, PoolPeopleList, PoolPerson, RPC, SkillSearchResult } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { ownMemberFile, Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { nearOf } from './dto/network-directory.dto';
import {
  MemberNetworkProfileDto,
  MemberNetworkProfileViewDto,
  OwnNetworkProfileQueryDto,
  PoolPeopleListDto,
  PoolPersonDto,
  PoolPersonViewDto,
  SkillSearchQueryDto,
  SkillSearchResultDto,
} from './dto/skill-pool.dto';
import { viewerOf } from './network-viewer';

/** Who can do what across the region: any logged-in user searches the pool. */
@ApiTags('network')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/network/skills')
export class NetworkSkillsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, SkillSearchResultDto, 400, 401)
  search(@Query() query: SkillSearchQueryDto, @CurrentPrincipal() principal: Principal): Promise<SkillSearchResult> {
    return this.rpc.call(RPC.networking.skillSearch, { skill: query.skill, available: query.available, near: nearOf(query), viewer: viewerOf(principal) });
  }
}

/** A member's own listing in the network skill pool: their choice alone, revocable at any time. */
@ApiTags('me')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/me/network-profile')
export class MeNetworkProfileController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, MemberNetworkProfileViewDto, 400, 401, 404)
  get(@Query() query: OwnNetworkProfileQueryDto, @CurrentPrincipal() principal: Principal): Promise<MemberNetworkProfile> {
    return this.rpc.call(RPC.networking.memberProfileGet, ownMemberFile(principal, query.siteId));
  }

  @Put()
  @ApiErrors(200, MemberNetworkProfileViewDto, 400, 401, 404)
  set(@Query() query: OwnNetworkProfileQueryDto, @Body() body: MemberNetworkProfileDto, @CurrentPrincipal() principal: Principal): Promise<MemberNetworkProfile> {
    return this.rpc.call(RPC.networking.memberProfileSet, { ...ownMemberFile(principal, query.siteId), profile: { ...body, note: body.note ?? null } });
  }
}

/**
 * A site's skill pool: its users see everyone listed (minors included, who are never shown to
 * other sites); coordinators add the team's facilitators and intervenants. A member's own
 * listing is theirs: coordinators neither change nor remove it (409 POOL_PERSON_IS_MEMBER).
 */
@ApiTags('network')
@ApiBearerAuth()
@SiteRoles('coordinator', 'member')
@Controller('v1/sites/:siteId/pool-people')
export class PoolPeopleController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, PoolPeopleListDto, 401, 403, 404)
  list(@Param('siteId') siteId: string): Promise<PoolPeopleList> {
    return this.rpc.call(RPC.networking.poolPersonList, { siteId });
  }

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, PoolPersonViewDto, 400, 401, 403, 404)
  create(@Param('siteId') siteId: string, @Body() body: PoolPersonDto): Promise<PoolPerson> {
    return this.rpc.call(RPC.networking.poolPersonCreate, { siteId, person: { ...body, note: body.note ?? null } });
  }

  @Put(':personId')
  @SiteRoles('coordinator')
  @ApiErrors(200, PoolPersonViewDto, 400, 401, 403, 404, 409)
  update(@Param('siteId') siteId: string, @Param('personId', new ParseUUIDPipe()) personId: string, @Body() body: PoolPersonDto): Promise<PoolPerson> {
    return this.rpc.call(RPC.networking.poolPersonUpdate, { siteId, personId, person: { ...body, note: body.note ?? null } });
  }

  @Delete(':personId')
  @SiteRoles('coordinator')
  @ApiErrors(200, PoolPeopleListDto, 401, 403, 404, 409)
  remove(@Param('siteId') siteId: string, @Param('personId', new ParseUUIDPipe()) personId: string): Promise<PoolPeopleList> {
    return this.rpc.call(RPC.networking.poolPersonRemove, { siteId, personId });
  }
}
