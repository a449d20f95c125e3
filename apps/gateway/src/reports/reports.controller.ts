import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, GetReportRequest, ReportScope, ReportView, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { ReportViewDto, RequestNetworkReportDto, RequestSiteReportDto } from './reports.dto';

const FILE_RESPONSES = {
  pdf: {
    status: 200,
    description: 'The report (A4, French): charts, a data table behind each, small counts hidden outside a site.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  },
  csv: { status: 200, description: 'One row per figure with its definition (UTF-8 with BOM, ";").', content: { 'text/csv': { schema: { type: 'string' } } } },
} as const;

async function send(rpc: RpcClient, request: GetReportRequest, format: 'pdf' | 'csv', reply: FastifyReply): Promise<StreamableFile> {
  const file = await rpc.call(RPC.worker.reportFile, { ...request, format });
  const bytes = Buffer.from(file.base64, 'base64');
  // A finished report never changes: it may be kept.
  reply.header('Cache-Control', 'private, max-age=86400, immutable');
  return new StreamableFile(bytes, { type: file.contentType, disposition: `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${file.filename}"`, length: bytes.length });
}

/** A site's activity report, for its coordinators and accountants (small counts shown: it stays on the site). */
@ApiTags('reports')
@ApiBearerAuth()
@SiteRoles('coordinator', 'accountant')
@Controller('v1/sites/:siteId/reports')
export class SiteReportsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(202)
  @ApiErrors(202, ReportViewDto, 400, 401, 403, 404)
  request(@Param('siteId') siteId: string, @Body() body: RequestSiteReportDto, @CurrentPrincipal() principal: Principal): Promise<ReportView> {
    return this.rpc.call(RPC.worker.reportRequest, { kind: body.kind, scope: { type: 'site', siteId }, from: body.from, to: body.to, requestedBy: principal.userId });
  }

  @Get(':reportId')
  @ApiErrors(200, ReportViewDto, 400, 401, 403, 404)
  get(@Param('siteId') siteId: string, @Param('reportId', new ParseUUIDPipe()) reportId: string): Promise<ReportView> {
    return this.rpc.call(RPC.worker.reportGet, { reportId, allowed: [{ type: 'site', siteId }] });
  }

  @Get(':reportId/report.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(FILE_RESPONSES.pdf)
  @ApiErrors(200, undefined, 400, 401, 403, 404, 409)
  pdf(@Param('siteId') siteId: string, @Param('reportId', new ParseUUIDPipe()) reportId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return send(this.rpc, { reportId, allowed: [{ type: 'site', siteId }] }, 'pdf', reply);
  }

  @Get(':reportId/report.csv')
  @ApiProduces('text/csv')
  @ApiResponse(FILE_RESPONSES.csv)
  @ApiErrors(200, undefined, 400, 401, 403, 404, 409)
  csv(@Param('siteId') siteId: string, @Param('reportId', new ParseUUIDPipe()) reportId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return send(this.rpc, { reportId, allowed: [{ type: 'site', siteId }] }, 'csv', reply);
  }
}

/**
 * Region and host structure reports (small counts hidden): the network admin asks for any; a host
 * structure's accountant (an accountant of one of its sites) for that host. Another caller's
 * report reads as not found.
 */
@ApiTags('reports')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/reports')
export class NetworkReportsController {
  constructor(private readonly rpc: RpcClient) {}

  /** The host structures the caller is an accountant of (of one of their sites). */
  private async accountantHosts(principal: Principal): Promise<string[]> {
    const siteIds = principal.sites.filter((grant) => grant.role === 'accountant').map((grant) => grant.siteId);
    if (siteIds.length === 0) return [];
    const page = await this.rpc.call(RPC.membership.siteList, { siteIds, limit: 100 });
    return [...new Set(page.items.map((site) => site.hostStructureId))];
  }

  private async allowed(principal: Principal): Promise<ReportScope[] | 'network'> {
    if (principal.networkAdmin) return 'network';
    return (await this.accountantHosts(principal)).map((hostStructureId) => ({ type: 'host', hostStructureId }));
  }

  @Post()
  @HttpCode(202)
  @ApiErrors(202, ReportViewDto, 400, 401, 403)
  async request(@Body() body: RequestNetworkReportDto, @CurrentPrincipal() principal: Principal): Promise<ReportView> {
    const scope: ReportScope = body.scope === 'region' ? { type: 'region' } : { type: 'host', hostStructureId: body.scope };
    if (!principal.networkAdmin) {
      if (scope.type === 'region') throw new DomainError('FORBIDDEN', 'Only the network admin asks for a region report.', { field: 'scope' });
      if (!(await this.accountantHosts(principal)).includes(scope.hostStructureId)) {
        throw new DomainError('FORBIDDEN', 'Only the network admin or an accountant of this host structure asks for its report.', { field: 'scope' });
      }
    }
    return this.rpc.call(RPC.worker.reportRequest, { kind: body.kind, scope, from: body.from, to: body.to, requestedBy: principal.userId });
  }

  @Get(':reportId')
  @ApiErrors(200, ReportViewDto, 400, 401, 404)
  async get(@Param('reportId', new ParseUUIDPipe()) reportId: string, @CurrentPrincipal() principal: Principal): Promise<ReportView> {
    return this.rpc.call(RPC.worker.reportGet, { reportId, allowed: await this.allowed(principal) });
  }

  @Get(':reportId/report.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(FILE_RESPONSES.pdf)
  @ApiErrors(200, undefined, 400, 401, 404, 409)
  async pdf(
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return send(this.rpc, { reportId, allowed: await this.allowed(principal) }, 'pdf', reply);
  }

  @Get(':reportId/report.csv')
  @ApiProduces('text/csv')
  @ApiResponse(FILE_RESPONSES.csv)
  @ApiErrors(200, undefined, 400, 401, 404, 409)
  async csv(
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return send(this.rpc, { reportId, allowed: await this.allowed(principal) }, 'csv', reply);
  }
}
