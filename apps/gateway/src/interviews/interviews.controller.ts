import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, FollowUpBoard, Interview, InterviewPage, InterviewView, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { ownMemberId, Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { PageQueryDto } from '../sites/dto/sites.dto';
import { FollowUpBoardDto, InterviewDto, InterviewPageDto, ScheduleInterviewDto, UpdateInterviewDto } from './dto/interviews.dto';

/**
 * Who reads a member's interviews: coordinators (and network admins) all of them; the member
 * themself their non-private ones; another member of the site none (404, as if absent). Accountants
 * are refused by the route's roles (403).
 */
function interviewViewFor(principal: Principal, siteId: string, memberId: string): InterviewView {
  if (principal.networkAdmin || principal.sites.some((grant) => grant.siteId === siteId && grant.role === 'coordinator')) return 'all';
  if (ownMemberId(principal, siteId) === memberId) return 'own';
  throw new DomainError('INTERVIEW_NOT_FOUND', 'No interviews of this member for you to see.', { memberId });
}

/** Interviews with members and the follow-up board: the coordinators' work. */
@ApiTags('interviews')
@ApiBearerAuth()
@Controller('v1/sites/:siteId')
export class InterviewsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('members/:memberId/interviews')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, InterviewDto, 400, 401, 403, 404, 422)
  schedule(
    @Param('siteId') siteId: string,
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @Body() body: ScheduleInterviewDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Interview> {
    return this.rpc.call(RPC.membership.interviewSchedule, { siteId, memberId, interview: { ...body, conductedBy: body.conductedBy ?? principal.displayName } });
  }

  @Get('members/:memberId/interviews')
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, InterviewPageDto, 400, 401, 403, 404)
  list(
    @Param('siteId') siteId: string,
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @Query() query: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InterviewPage> {
    return this.rpc.call(RPC.membership.interviewList, { ...query, siteId, memberId, view: interviewViewFor(principal, siteId, memberId) });
  }

  @Patch('interviews/:interviewId')
  @SiteRoles('coordinator')
  @ApiErrors(200, InterviewDto, 400, 401, 403, 404, 422)
  update(@Param('siteId') siteId: string, @Param('interviewId', new ParseUUIDPipe()) interviewId: string, @Body() body: UpdateInterviewDto): Promise<Interview> {
    return this.rpc.call(RPC.membership.interviewUpdate, { siteId, interviewId, changes: body });
  }

  @Get('follow-up')
  @SiteRoles('coordinator')
  @ApiErrors(200, FollowUpBoardDto, 400, 401, 403, 404)
  followUp(@Param('siteId') siteId: string): Promise<FollowUpBoard> {
    return this.rpc.call(RPC.membership.followUpBoard, { siteId });
  }
}
