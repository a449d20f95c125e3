import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, Mission, MissionPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { commerceActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { ownMemberId, Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  CancelMissionDto,
  CompleteMissionDto,
  ConfirmTeamDto,
  CreateMissionDto,
  MissionDto,
  MissionListQueryDto,
  MissionPageDto,
  SignUpDto,
  UpdateMissionDto,
} from './dto/missions.dto';

/**
 * Whose sign-up it is: a member's own (their member file on the site: they may name it or leave it
 * out, never name someone else), any member of the site for a coordinator (who must name them).
 */
function signUpMember(principal: Principal, siteId: string, memberId: string | undefined): string {
  if (commerceActorOf(principal, siteId).role === 'coordinator') {
    if (!memberId) throw new DomainError('VALIDATION_FAILED', 'memberId is required: the member you sign up.', { field: 'memberId' });
    return memberId;
  }
  const own = ownMemberId(principal, siteId);
  if (!own) throw new DomainError('FORBIDDEN', 'Your account is not linked to a member file on this site: ask a coordinator to link it, or to sign you up.');
  if (memberId && memberId.toLowerCase() !== own.toLowerCase())
    throw new DomainError('FORBIDDEN', 'A member signs up or withdraws themselves only: a coordinator does it for someone else.', { field: 'memberId' });
  return own;
}

/**
 * The missions (prestations) of a site. Coordinators plan them, confirm the team, record the hours
 * on completion or cancel; members sign themselves up and withdraw while a mission is planned;
 * every role of the site reads them.
 */
@ApiTags('missions')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/missions')
export class MissionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, MissionDto, 400, 401, 403, 404, 409)
  create(@Param('siteId') siteId: string, @Body() body: CreateMissionDto, @CurrentPrincipal() principal: Principal): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionCreate, { siteId, actor: commerceActorOf(principal, siteId), mission: body });
  }

  @Get()
  @ApiErrors(200, MissionPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: MissionListQueryDto): Promise<MissionPage> {
    return this.rpc.call(RPC.commerce.missionList, { ...query, siteId });
  }

  @Get(':missionId')
  @ApiErrors(200, MissionDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('missionId', new ParseUUIDPipe()) missionId: string): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionGet, { siteId, missionId });
  }

  /** Planned missions only (409 MISSION_NOT_OPEN otherwise). */
  @Patch(':missionId')
  @SiteRoles('coordinator')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409)
  update(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Body() body: UpdateMissionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionUpdate, { siteId, missionId, actor: commerceActorOf(principal, siteId), changes: body });
  }

  /** A member signs themselves up; a coordinator signs up any member. Signing up twice changes nothing. */
  @Post(':missionId/sign-ups')
  @HttpCode(200)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409)
  signUp(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Body() body: SignUpDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    const memberId = signUpMember(principal, siteId, body?.memberId);
    return this.rpc.call(RPC.commerce.missionSignUp, { siteId, missionId, memberId, actor: commerceActorOf(principal, siteId) });
  }

  /** Withdraws a sign-up while planned: a member their own, a coordinator anyone's. Idempotent. */
  @Delete(':missionId/sign-ups/:memberId')
  @HttpCode(200)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409)
  withdraw(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    const whose = signUpMember(principal, siteId, memberId);
    return this.rpc.call(RPC.commerce.missionWithdraw, { siteId, missionId, memberId: whose, actor: commerceActorOf(principal, siteId) });
  }

  @Post(':missionId/confirm-team')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409, 422)
  confirmTeam(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Body() body: ConfirmTeamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionConfirmTeam, { siteId, missionId, memberIds: body?.memberIds, actor: commerceActorOf(principal, siteId) });
  }

  /** Records each participant's hours and publishes `commerce.mission.completed`. */
  @Post(':missionId/complete')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409, 422)
  complete(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Body() body: CompleteMissionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionComplete, { siteId, missionId, participants: body.participants, actor: commerceActorOf(principal, siteId) });
  }

  @Post(':missionId/cancel')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MissionDto, 400, 401, 403, 404, 409)
  cancel(
    @Param('siteId') siteId: string,
    @Param('missionId', new ParseUUIDPipe()) missionId: string,
    @Body() body: CancelMissionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Mission> {
    return this.rpc.call(RPC.commerce.missionCancel, { siteId, missionId, reason: body.reason, actor: commerceActorOf(principal, siteId) });
  }
}
