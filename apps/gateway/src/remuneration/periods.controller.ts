import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GivenRecognition, Objection, ObjectionList, PayEstimateView, PeriodPage, PeriodView, RecognitionRound, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { periodActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  AnswerObjectionDto,
  CreateObjectionDto,
  CreatePeriodDto,
  GivenRecognitionDto,
  GiveRecognitionDto,
  ObjectionListDto,
  ObjectionViewDto,
  PayEstimateDto,
  PeriodListQueryDto,
  PeriodPageDto,
  PeriodViewDto,
  RecognitionRoundDto,
  SimulatePayDto,
} from './dto/periods.dto';

const CSV_RESPONSE = {
  status: 200,
  description:
    'The payroll CSV: UTF-8 with a byte order mark, `;` separated, decimal comma, dates DD/MM/YYYY, a French header row; one line per member (id, last name, first name, period start and end, amount, hours by kind). The amounts add up to the distributed amount.',
  content: { 'text/csv': { schema: { type: 'string' } } },
} as const;

/**
 * The remuneration periods of a site: the pot's breakdown and everyone's shares with how they were
 * obtained (every role of the site reads every period: names and amounts, never personal data),
 * the lifecycle (coordinators close, reopen, approve; coordinators and accountants export and mark
 * paid), members' objections and the peer recognition round.
 */
@ApiTags('remuneration periods')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/periods')
export class PeriodsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Newest first; the period containing today opens by itself when none does. */
  @Get()
  @ApiErrors(200, PeriodPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: PeriodListQueryDto): Promise<PeriodPage> {
    return this.rpc.call(RPC.remuneration.periodList, { ...query, siteId });
  }

  /** A period by hand, within one month, overlapping no other (409 PERIOD_OVERLAP), after the frozen ones. */
  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, PeriodViewDto, 400, 401, 403, 404, 409, 422)
  create(@Param('siteId') siteId: string, @Body() body: CreatePeriodDto, @CurrentPrincipal() principal: Principal): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodCreate, { siteId, actor: periodActorOf(principal, siteId), startsOn: body.startsOn, endsOn: body.endsOn });
  }

  /** The pot's breakdown and each member's share: a live preview while open, the frozen figures after. */
  @Get(':periodId')
  @ApiErrors(200, PeriodViewDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodGet, { siteId, periodId });
  }

  /** Freezes the figures, counts the ledger rows, publishes `remuneration.period.closed`. */
  @Post(':periodId/close')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, PeriodViewDto, 400, 401, 403, 404, 409)
  close(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodClose, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }

  @Post(':periodId/reopen')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, PeriodViewDto, 400, 401, 403, 404, 409)
  reopen(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodReopen, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }

  /** Once every objection is answered; publishes `remuneration.period.approved`. */
  @Post(':periodId/approve')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, PeriodViewDto, 400, 401, 403, 404, 409)
  approve(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodApprove, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }

  /** The payroll CSV of an approved period, which becomes exported (downloading again keeps it exported). */
  @Get(':periodId/export.csv')
  @SiteRoles('coordinator', 'accountant')
  @ApiProduces('text/csv')
  @ApiResponse(CSV_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 403, 404, 409)
  async export(
    @Param('siteId') siteId: string,
    @Param('periodId', new ParseUUIDPipe()) periodId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.rpc.call(RPC.remuneration.periodExport, { siteId, periodId, actor: periodActorOf(principal, siteId) });
    const bytes = Buffer.from(file.content, 'utf8');
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: bytes.length });
  }

  @Post(':periodId/paid')
  @HttpCode(200)
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, PeriodViewDto, 400, 401, 403, 404, 409)
  paid(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<PeriodView> {
    return this.rpc.call(RPC.remuneration.periodMarkPaid, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }

  /** A member objects to the proposed figures, as themselves, while the period is closed. */
  @Post(':periodId/objections')
  @HttpCode(201)
  @SiteRoles('member')
  @ApiErrors(201, ObjectionViewDto, 400, 401, 403, 404, 409)
  object(
    @Param('siteId') siteId: string,
    @Param('periodId', new ParseUUIDPipe()) periodId: string,
    @Body() body: CreateObjectionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Objection> {
    return this.rpc.call(RPC.remuneration.objectionCreate, { siteId, periodId, actor: periodActorOf(principal, siteId), text: body.text });
  }

  /** Coordinators and accountants: every objection; a member: their own. */
  @Get(':periodId/objections')
  @ApiErrors(200, ObjectionListDto, 400, 401, 404)
  objections(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<ObjectionList> {
    return this.rpc.call(RPC.remuneration.objectionList, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }

  @Post(':periodId/objections/:objectionId/answer')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ObjectionViewDto, 400, 401, 403, 404, 409)
  answer(
    @Param('siteId') siteId: string,
    @Param('periodId', new ParseUUIDPipe()) periodId: string,
    @Param('objectionId', new ParseUUIDPipe()) objectionId: string,
    @Body() body: AnswerObjectionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Objection> {
    return this.rpc.call(RPC.remuneration.objectionAnswer, { siteId, periodId, objectionId, actor: periodActorOf(principal, siteId), answer: body.answer });
  }

  /** A member gives points to another, as themselves, while the period is open. */
  @Post(':periodId/recognitions')
  @HttpCode(201)
  @SiteRoles('member')
  @ApiErrors(201, GivenRecognitionDto, 400, 401, 403, 404, 409, 422)
  give(
    @Param('siteId') siteId: string,
    @Param('periodId', new ParseUUIDPipe()) periodId: string,
    @Body() body: GiveRecognitionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GivenRecognition> {
    return this.rpc.call(RPC.remuneration.recognitionGive, {
      siteId,
      periodId,
      actor: periodActorOf(principal, siteId),
      toMemberId: body.toMemberId,
      points: body.points,
      note: body.note,
    });
  }

  /** Your own gifts and what you have left; the totals received per member once the period is closed. */
  @Get(':periodId/recognitions')
  @ApiErrors(200, RecognitionRoundDto, 400, 401, 404)
  recognitions(@Param('siteId') siteId: string, @Param('periodId', new ParseUUIDPipe()) periodId: string, @CurrentPrincipal() principal: Principal): Promise<RecognitionRound> {
    return this.rpc.call(RPC.remuneration.recognitionList, { siteId, periodId, actor: periodActorOf(principal, siteId) });
  }
}

/** What a share means in pay: an estimate with the site's payroll rate table, for every role of the site. */
@ApiTags('remuneration periods')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/remuneration/simulate')
export class PaySimulatorController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(200)
  @ApiErrors(200, PayEstimateDto, 400, 401, 404, 422)
  simulate(@Param('siteId') siteId: string, @Body() body: SimulatePayDto): Promise<PayEstimateView> {
    return this.rpc.call(RPC.remuneration.paySimulate, { siteId, amount: body.amount });
  }
}
