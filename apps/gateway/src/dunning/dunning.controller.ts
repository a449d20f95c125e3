import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CollectionLog, DunningDraftList, DunningPolicyView, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { CollectionLogDto, CollectionNoteDto, DunningDraftListDto, DunningPolicyDto, DunningPolicyViewDto, PauseDunningDto } from './dto/dunning.dto';

/**
 * Dunning (relances) of a site's unpaid invoices, run by the worker: the site's policy, pausing an
 * invoice's reminders, its collection log, and the formal notices (level 3) a coordinator reviews
 * and sends. Coordinators act; the host's accountant reads.
 */
@ApiTags('dunning')
@ApiBearerAuth()
@Controller('v1/sites/:siteId')
export class DunningController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('dunning-policy')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, DunningPolicyViewDto, 401, 403, 404)
  policy(@Param('siteId') siteId: string): Promise<DunningPolicyView> {
    return this.rpc.call(RPC.worker.dunningPolicyGet, { siteId });
  }

  @Put('dunning-policy')
  @SiteRoles('coordinator')
  @ApiErrors(200, DunningPolicyViewDto, 400, 401, 403, 404, 422)
  setPolicy(@Param('siteId') siteId: string, @Body() body: DunningPolicyDto, @CurrentPrincipal() principal: Principal): Promise<DunningPolicyView> {
    return this.rpc.call(RPC.worker.dunningPolicySet, { siteId, policy: body, actor: { userId: principal.userId } });
  }

  @Get('invoices/:invoiceId/collection')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, CollectionLogDto, 400, 401, 403, 404)
  collection(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string): Promise<CollectionLog> {
    return this.rpc.call(RPC.worker.collectionLogGet, { siteId, invoiceId });
  }

  @Post('invoices/:invoiceId/collection')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, CollectionLogDto, 400, 401, 403, 404)
  addNote(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: CollectionNoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CollectionLog> {
    return this.rpc.call(RPC.worker.collectionNoteAdd, { siteId, invoiceId, ...body, actor: { userId: principal.userId } });
  }

  @Post('invoices/:invoiceId/dunning/pause')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, CollectionLogDto, 400, 401, 403, 404, 409)
  pause(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: PauseDunningDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CollectionLog> {
    return this.rpc.call(RPC.worker.dunningPause, { siteId, invoiceId, reason: body.reason, actor: { userId: principal.userId } });
  }

  @Post('invoices/:invoiceId/dunning/resume')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, CollectionLogDto, 400, 401, 403, 404, 409)
  resume(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @CurrentPrincipal() principal: Principal): Promise<CollectionLog> {
    return this.rpc.call(RPC.worker.dunningResume, { siteId, invoiceId, actor: { userId: principal.userId } });
  }

  @Get('dunning-drafts')
  @SiteRoles('coordinator')
  @ApiErrors(200, DunningDraftListDto, 401, 403, 404)
  drafts(@Param('siteId') siteId: string): Promise<DunningDraftList> {
    return this.rpc.call(RPC.worker.dunningDraftList, { siteId });
  }

  /** The formal notice's letter as it would be sent today, for the coordinator to read first (not kept: the send renders it again). */
  @Get('dunning-drafts/:invoiceId/letter.pdf')
  @SiteRoles('coordinator')
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'The letter (A4, French), as the send would attach it today.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(200, undefined, 400, 401, 403, 404, 409)
  async draftLetter(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.rpc.call(RPC.worker.dunningDraftLetter, { siteId, invoiceId });
    const bytes = Buffer.from(file.base64, 'base64');
    // Written with today's date and figures: never cached.
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes, { type: file.contentType, disposition: `inline; filename="${file.filename}"`, length: bytes.length });
  }

  @Post('dunning-drafts/:invoiceId/send')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, CollectionLogDto, 400, 401, 403, 404, 409)
  sendDraft(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @CurrentPrincipal() principal: Principal): Promise<CollectionLog> {
    return this.rpc.call(RPC.worker.dunningDraftSend, { siteId, invoiceId, actor: { userId: principal.userId } });
  }
}
