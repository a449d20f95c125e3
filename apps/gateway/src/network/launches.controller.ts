import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccompanimentSession, AccompanimentSessionList, Launch, LaunchList, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, NetworkAdminOnly, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { AccompanimentSessionDto, AccompanimentSessionListDto, CompleteLaunchStepDto, LaunchDto, LaunchListDto, LogAccompanimentDto, NameMentorDto } from './dto/launches.dto';

/**
 * Launching new KPAs (essaimage): every user of the region follows each new KPA's path; its
 * coordinators (or the network admin) complete the steps the platform does not see by itself; the
 * network admin names a mentor site, whose coordinators log accompaniment sessions that the new
 * KPA's coordinators confirm (then the hours enter the reciprocity ledger).
 */
@ApiTags('network')
@ApiBearerAuth()
@Controller('v1')
export class LaunchesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('network/launches')
  @SignedIn()
  @ApiErrors(200, LaunchListDto, 401)
  list(): Promise<LaunchList> {
    return this.rpc.call(RPC.networking.launchList, {});
  }

  /** A step done, with its day; a step keeps its first date (409 the second time). */
  @Post('sites/:siteId/launch/steps')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, LaunchDto, 400, 401, 403, 404, 409, 422)
  completeStep(@Param('siteId') siteId: string, @Body() body: CompleteLaunchStepDto, @CurrentPrincipal() principal: Principal): Promise<Launch> {
    return this.rpc.call(RPC.networking.launchCompleteStep, { siteId, step: body.step, on: body.on, actor: principal.userId });
  }

  @Put('sites/:siteId/launch/mentor')
  @NetworkAdminOnly()
  @ApiErrors(200, LaunchDto, 400, 401, 403, 404, 422)
  nameMentor(@Param('siteId') siteId: string, @Body() body: NameMentorDto, @CurrentPrincipal() principal: Principal): Promise<Launch> {
    return this.rpc.call(RPC.networking.launchNameMentor, { siteId, mentorSiteId: body.mentorSiteId, actor: principal.userId });
  }

  /** The sessions where the site is mentor or new KPA. */
  @Get('sites/:siteId/accompaniment-sessions')
  @SiteRoles('coordinator')
  @ApiErrors(200, AccompanimentSessionListDto, 401, 403, 404)
  sessions(@Param('siteId') siteId: string): Promise<AccompanimentSessionList> {
    return this.rpc.call(RPC.networking.accompanimentList, { siteId });
  }

  /** Logged by the mentor site (:siteId) for the new KPA it was named mentor of. */
  @Post('sites/:siteId/accompaniment-sessions')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, AccompanimentSessionDto, 400, 401, 403, 404, 422)
  log(@Param('siteId') siteId: string, @Body() body: LogAccompanimentDto, @CurrentPrincipal() principal: Principal): Promise<AccompanimentSession> {
    return this.rpc.call(RPC.networking.accompanimentLog, { siteId, ...body, actor: principal.userId });
  }

  /** Confirmed by the new KPA (:siteId): the session's hours enter the reciprocity ledger, given by the mentor site. */
  @Post('sites/:siteId/accompaniment-sessions/:sessionId/confirm')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, AccompanimentSessionDto, 400, 401, 403, 404, 409)
  confirm(@Param('siteId') siteId: string, @Param('sessionId', new ParseUUIDPipe()) sessionId: string, @CurrentPrincipal() principal: Principal): Promise<AccompanimentSession> {
    return this.rpc.call(RPC.networking.accompanimentConfirm, { siteId, sessionId, actor: principal.userId });
  }
}
