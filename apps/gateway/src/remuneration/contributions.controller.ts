import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Contribution, ContributionPage, DomainError, RemunerationActor, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { remunerationActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { ContributionDto, ContributionListQueryDto, ContributionPageDto, CreateContributionDto, RejectContributionDto } from './dto/contributions.dto';

/** Whose time it is: a member's own (they may name it or leave it out, never someone else's); any member for a coordinator, who names them. */
function contributionMember(actor: RemunerationActor, memberId: string | undefined): string {
  if (actor.role === 'coordinator') {
    if (!memberId) throw new DomainError('VALIDATION_FAILED', 'memberId is required: the member whose time you log.', { field: 'memberId' });
    return memberId;
  }
  if (!actor.memberId) throw new DomainError('FORBIDDEN', 'Your account is not linked to a member file on this site: ask a coordinator to link it, or to log your time.');
  if (memberId && memberId.toLowerCase() !== actor.memberId.toLowerCase()) {
    throw new DomainError('FORBIDDEN', 'A member logs their own time only: a coordinator logs it for someone else.', { field: 'memberId' });
  }
  return actor.memberId;
}

/**
 * The involvement ledger's contributive time (remuneration): members log their own contributive
 * days, collective tasks and peer training, coordinators log for anyone and validate or reject;
 * every role of the site reads them with the totals per kind, mission hours included.
 */
@ApiTags('contributions')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/contributions')
export class ContributionsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Minors: at most 8 h a day and 35 h a week counting their other time, never between 22:00 and 06:00 (422). */
  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(201, ContributionDto, 400, 401, 403, 404, 409, 422)
  create(@Param('siteId') siteId: string, @Body() body: CreateContributionDto, @CurrentPrincipal() principal: Principal): Promise<Contribution> {
    const actor = remunerationActorOf(principal, siteId);
    const { memberId, ...contribution } = body;
    return this.rpc.call(RPC.remuneration.contributionCreate, { siteId, actor, memberId: contributionMember(actor, memberId), contribution });
  }

  /** With `totals` per kind over every entry the filters match (mission hours as kind `mission`). */
  @Get()
  @ApiErrors(200, ContributionPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: ContributionListQueryDto): Promise<ContributionPage> {
    return this.rpc.call(RPC.remuneration.contributionList, { ...query, siteId });
  }

  @Get(':contributionId')
  @ApiErrors(200, ContributionDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('contributionId', new ParseUUIDPipe()) contributionId: string): Promise<Contribution> {
    return this.rpc.call(RPC.remuneration.contributionGet, { siteId, contributionId });
  }

  @Post(':contributionId/validate')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ContributionDto, 400, 401, 403, 404, 409)
  validate(@Param('siteId') siteId: string, @Param('contributionId', new ParseUUIDPipe()) contributionId: string, @CurrentPrincipal() principal: Principal): Promise<Contribution> {
    return this.rpc.call(RPC.remuneration.contributionValidate, { siteId, contributionId, actor: remunerationActorOf(principal, siteId) });
  }

  @Post(':contributionId/reject')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ContributionDto, 400, 401, 403, 404, 409)
  reject(
    @Param('siteId') siteId: string,
    @Param('contributionId', new ParseUUIDPipe()) contributionId: string,
    @Body() body: RejectContributionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Contribution> {
    return this.rpc.call(RPC.remuneration.contributionReject, { siteId, contributionId, reason: body?.reason, actor: remunerationActorOf(principal, siteId) });
  }
}
