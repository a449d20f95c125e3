import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ManualEntry, ReciprocityBoard, ReciprocityMovement, ReciprocitySettings, ReciprocityTemplate, RPC, SiteReciprocity, TemplateList } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { networkActorOf } from '../auth/actors';
import { CurrentPrincipal, NetworkAdminOnly, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  BoardQueryDto,
  CreateTemplateDto,
  ManualEntryDto,
  MovementDto,
  MovementQueryDto,
  ProposeEntryDto,
  ReciprocityBoardDto,
  ReciprocitySettingsDto,
  RejectEntryDto,
  ReverseMovementDto,
  SiteReciprocityDto,
  StatementQueryDto,
  TemplateDto,
  TemplateListDto,
  TemplateListQueryDto,
  UpdateReciprocitySettingsDto,
  UpdateTemplateDto,
} from './dto/reciprocity.dto';

const CSV_RESPONSE = {
  status: 200,
  description:
    "A site's yearly reciprocity statement: UTF-8 with a byte order mark, `;` separated, decimal comma, a French header row; one line per movement (date, nature, other site, hours given, hours received, label, recorded by, movement id, reversed movement), then a total line.",
  content: { 'text/csv': { schema: { type: 'string' } } },
} as const;

/**
 * The reciprocity ledger between sites: hours given and received, as contributions to the
 * commons. The board (every site's balance, movements) is open to anyone logged in in the region;
 * one site's view and statement to its users; corrections (reversing movements), templates and
 * the soft limit to the network admin; manual entries are proposed by one site's coordinator and
 * confirmed by the other's.
 */
@ApiTags('network: reciprocity')
@ApiBearerAuth()
@Controller('v1')
export class ReciprocityController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('network/reciprocity')
  @SignedIn()
  @ApiErrors(200, ReciprocityBoardDto, 400, 401)
  board(@Query() query: BoardQueryDto, @CurrentPrincipal() principal: Principal): Promise<ReciprocityBoard> {
    return this.rpc.call(RPC.networking.reciprocityBoard, { ...query, actor: networkActorOf(principal) });
  }

  @Get('sites/:siteId/reciprocity')
  @SiteRoles('coordinator', 'member', 'accountant')
  @ApiErrors(200, SiteReciprocityDto, 400, 401, 404)
  site(@Param('siteId') siteId: string, @Query() query: MovementQueryDto): Promise<SiteReciprocity> {
    return this.rpc.call(RPC.networking.reciprocitySite, { ...query, siteId });
  }

  @Get('sites/:siteId/reciprocity/statement.csv')
  @SiteRoles('coordinator', 'accountant')
  @ApiProduces('text/csv')
  @ApiResponse(CSV_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 403, 404)
  async statement(@Param('siteId') siteId: string, @Query() query: StatementQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.rpc.call(RPC.networking.reciprocityStatement, { siteId, year: query.year });
    const bytes = Buffer.from(file.csv, 'utf8');
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.filename}"`, length: bytes.length });
  }

  /** A correction: a new movement the other way, never an edit. */
  @Post('network/reciprocity/movements/:movementId/reverse')
  @HttpCode(201)
  @NetworkAdminOnly()
  @ApiErrors(201, MovementDto, 400, 401, 403, 404, 409, 422)
  reverse(@Param('movementId', new ParseUUIDPipe()) movementId: string, @Body() body: ReverseMovementDto, @CurrentPrincipal() principal: Principal): Promise<ReciprocityMovement> {
    return this.rpc.call(RPC.networking.reciprocityReverse, { movementId, reason: body.reason, actor: networkActorOf(principal) });
  }

  @Get('network/reciprocity/settings')
  @SignedIn()
  @ApiErrors(200, ReciprocitySettingsDto, 401)
  settings(): Promise<ReciprocitySettings> {
    return this.rpc.call(RPC.networking.reciprocitySettingsGet, {});
  }

  @Put('network/reciprocity/settings')
  @NetworkAdminOnly()
  @ApiErrors(200, ReciprocitySettingsDto, 400, 401, 403)
  updateSettings(@Body() body: UpdateReciprocitySettingsDto, @CurrentPrincipal() principal: Principal): Promise<ReciprocitySettings> {
    return this.rpc.call(RPC.networking.reciprocitySettingsUpdate, { softLimit: body.softLimit, actor: networkActorOf(principal) });
  }

  @Get('network/reciprocity/templates')
  @SignedIn()
  @ApiErrors(200, TemplateListDto, 400, 401)
  templates(@Query() query: TemplateListQueryDto): Promise<TemplateList> {
    return this.rpc.call(RPC.networking.reciprocityTemplateList, { includeInactive: query.includeInactive === true });
  }

  @Post('network/reciprocity/templates')
  @HttpCode(201)
  @NetworkAdminOnly()
  @ApiErrors(201, TemplateDto, 400, 401, 403)
  createTemplate(@Body() body: CreateTemplateDto, @CurrentPrincipal() principal: Principal): Promise<ReciprocityTemplate> {
    return this.rpc.call(RPC.networking.reciprocityTemplateCreate, { template: body, actor: networkActorOf(principal) });
  }

  @Patch('network/reciprocity/templates/:templateId')
  @NetworkAdminOnly()
  @ApiErrors(200, TemplateDto, 400, 401, 403, 404)
  updateTemplate(
    @Param('templateId', new ParseUUIDPipe()) templateId: string,
    @Body() body: UpdateTemplateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReciprocityTemplate> {
    return this.rpc.call(RPC.networking.reciprocityTemplateUpdate, { templateId, changes: body, actor: networkActorOf(principal) });
  }

  /** Proposed by this site's coordinator; enters the ledger once the other site's coordinator confirms. */
  @Post('sites/:siteId/reciprocity/entries')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, ManualEntryDto, 400, 401, 403, 404, 422)
  propose(@Param('siteId') siteId: string, @Body() body: ProposeEntryDto, @CurrentPrincipal() principal: Principal): Promise<ManualEntry> {
    return this.rpc.call(RPC.networking.reciprocityEntryPropose, { siteId, entry: body, actor: networkActorOf(principal) });
  }

  @Post('network/reciprocity/entries/:entryId/confirm')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, ManualEntryDto, 400, 401, 403, 404, 409)
  confirmEntry(@Param('entryId', new ParseUUIDPipe()) entryId: string, @CurrentPrincipal() principal: Principal): Promise<ManualEntry> {
    return this.rpc.call(RPC.networking.reciprocityEntryConfirm, { entryId, actor: networkActorOf(principal) });
  }

  @Post('network/reciprocity/entries/:entryId/reject')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, ManualEntryDto, 400, 401, 403, 404, 409)
  rejectEntry(@Param('entryId', new ParseUUIDPipe()) entryId: string, @Body() body: RejectEntryDto, @CurrentPrincipal() principal: Principal): Promise<ManualEntry> {
    return this.rpc.call(RPC.networking.reciprocityEntryReject, { entryId, message: body?.message ?? null, actor: networkActorOf(principal) });
  }
}
