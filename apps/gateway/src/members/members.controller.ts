import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Journey, MemberAsSeen, MemberFile, MemberPage, MemberView, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { ownMemberId, Principal, roleOn } from '../auth/roles';
import { SiteUser, SiteUsersService } from '../identity/site-users.service';
import { SiteUserDto } from '../identity/dto/site-users.dto';
import { MemberAccountDto } from './dto/member-account.dto';
import { ApiErrors } from '../http/api-errors.decorator';
import { JourneyDto, SetJourneyDto } from './dto/journey.dto';
import { CreateMemberDto, LeaveDto, MemberDto, MemberListQueryDto, MemberPageDto, RejoinDto, UpdateMemberDto } from './dto/members.dto';

/**
 * How much of a member the caller sees: coordinators (and network admins) the whole file,
 * members the public profile, accountants the name. Personal data never reaches the others.
 */
function viewFor(principal: Principal, siteId: string, memberId?: string): MemberView {
  if (principal.networkAdmin) return 'file';
  if (memberId !== undefined && ownMemberId(principal, siteId) === memberId) return 'file';
  switch (roleOn(principal, siteId)) {
    case 'coordinator':
      return 'file';
    case 'member':
      return 'profile';
    default:
      return 'name';
  }
}

@ApiTags('members')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/members')
export class MembersController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly users: SiteUsersService,
  ) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, MemberDto, 400, 401, 403, 404)
  create(@Param('siteId') siteId: string, @Body() body: CreateMemberDto): Promise<MemberFile> {
    return this.rpc.call(RPC.membership.memberCreate, { siteId, member: body });
  }

  @Get()
  @ApiErrors(200, MemberPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: MemberListQueryDto, @CurrentPrincipal() principal: Principal): Promise<MemberPage> {
    return this.rpc.call(RPC.membership.memberList, { ...query, siteId, view: viewFor(principal, siteId) });
  }

  @Get(':memberId')
  @ApiErrors(200, MemberDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @CurrentPrincipal() principal: Principal): Promise<MemberAsSeen> {
    return this.rpc.call(RPC.membership.memberGet, { siteId, memberId, view: viewFor(principal, siteId, memberId) });
  }

  @Patch(':memberId')
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberDto, 400, 401, 403, 404)
  update(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Body() body: UpdateMemberDto): Promise<MemberFile> {
    return this.rpc.call(RPC.membership.memberUpdate, { siteId, memberId, changes: body });
  }

  @Post(':memberId/leave')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberDto, 400, 401, 403, 404, 409)
  leave(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Body() body: LeaveDto): Promise<MemberFile> {
    return this.rpc.call(RPC.membership.memberLeave, { siteId, memberId, ...body });
  }

  @Post(':memberId/rejoin')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberDto, 400, 401, 403, 404)
  rejoin(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Body() body: RejoinDto): Promise<MemberFile> {
    return this.rpc.call(RPC.membership.memberRejoin, { siteId, memberId, ...body });
  }

  @Get(':memberId/journey')
  @SiteRoles('coordinator')
  @ApiErrors(200, JourneyDto, 400, 401, 403, 404)
  journey(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string): Promise<Journey> {
    return this.rpc.call(RPC.membership.journeyGet, { siteId, memberId });
  }

  @Put(':memberId/journey')
  @SiteRoles('coordinator')
  @ApiErrors(200, JourneyDto, 400, 401, 403, 404)
  setJourney(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Body() body: SetJourneyDto): Promise<Journey> {
    return this.rpc.call(RPC.membership.journeySet, { siteId, memberId, ...body });
  }

  /** Gives a member an account (role `member` on this site, linked to their file). */
  @Post(':memberId/account')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, SiteUserDto, 400, 401, 403, 404, 409, 422)
  account(
    @Param('siteId') siteId: string,
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @Body() body: MemberAccountDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SiteUser> {
    return this.users.createForMember(principal, siteId, memberId, body);
  }
}
