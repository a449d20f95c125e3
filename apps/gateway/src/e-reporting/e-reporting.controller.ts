import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, EReportingFigures, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { EReportingFiguresDto, EReportingQueryDto } from './e-reporting.dto';

const CSV_RESPONSE = {
  status: 200,
  description:
    'The e-reporting figures as CSV: UTF-8 with a byte order mark, `;` separated, decimal comma without thousands separator (a negative amount keeps its minus sign), dates DD/MM/YYYY, a French header row; one line per period, data set (Opérations / Encaissements) and VAT rate. No customer identity.',
  content: { 'text/csv': { schema: { type: 'string' } } },
} as const;

/**
 * A host structure's B2C e-reporting figures (docs/e-reporting.md), for the network admin and the
 * coordinators and accountants of its sites. Anyone else — a coordinator of another host structure's
 * site, a member — reads it as not found, as for another site's objects.
 */
@ApiTags('e-reporting')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/host-structures/:hostStructureId')
export class EReportingController {
  constructor(private readonly rpc: RpcClient) {}

  private async checkReader(principal: Principal, hostStructureId: string): Promise<void> {
    if (principal.networkAdmin) {
      await this.rpc.call(RPC.membership.hostStructureGet, { hostStructureId });
      return;
    }
    const siteIds = principal.sites.filter((grant) => grant.role === 'coordinator' || grant.role === 'accountant').map((grant) => grant.siteId);
    const page = siteIds.length === 0 ? { items: [] } : await this.rpc.call(RPC.membership.siteList, { siteIds, limit: 100 });
    if (!page.items.some((site) => site.hostStructureId === hostStructureId)) {
      throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure ${hostStructureId} among those whose sites you coordinate or keep the accounts of.`, {
        hostStructureId,
      });
    }
  }

  @Get('e-reporting')
  @ApiErrors(200, EReportingFiguresDto, 400, 401, 404)
  async figures(
    @Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string,
    @Query() query: EReportingQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EReportingFigures> {
    await this.checkReader(principal, hostStructureId);
    return this.rpc.call(RPC.commerce.eReportingFigures, { hostStructureId, from: query.from, to: query.to, frequency: query.frequency });
  }

  @Get('e-reporting.csv')
  @ApiProduces('text/csv')
  @ApiResponse(CSV_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404)
  async csv(
    @Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string,
    @Query() query: EReportingQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    await this.checkReader(principal, hostStructureId);
    const file = await this.rpc.call(RPC.commerce.eReportingCsv, { hostStructureId, from: query.from, to: query.to, frequency: query.frequency });
    const bytes = Buffer.from(file.content, 'utf8');
    // Payments and credit notes may still come for a recent period: never cached.
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: bytes.length });
  }
}
