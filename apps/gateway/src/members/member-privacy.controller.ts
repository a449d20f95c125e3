import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MemberErasure, MemberExport, MemberImportReport, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { ImportMembersDto, MemberErasureDto, MemberExportDto, MemberImportReportDto } from './dto/member-privacy.dto';

/** GDPR (export, erasure) and the spreadsheet import of members: coordinators of the site. */
@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/sites/:siteId/members')
export class MemberPrivacyController {
  constructor(private readonly rpc: RpcClient) {}

  /** Members from a CSV spreadsheet: valid rows all created in one transaction (or nothing with dryRun), a report per row. */
  @Post('import')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberImportReportDto, 400, 401, 403, 404, 422)
  import(@Param('siteId') siteId: string, @Body() body: ImportMembersDto): Promise<MemberImportReport> {
    return this.rpc.call(RPC.membership.memberImport, { siteId, ...body });
  }

  /** Everything membership holds on the person (GDPR right of access), as JSON. */
  @Get(':memberId/export')
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberExportDto, 400, 401, 403, 404)
  export(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string): Promise<MemberExport> {
    return this.rpc.call(RPC.membership.memberExport, { siteId, memberId });
  }

  /** Pseudonymises a member who left (GDPR right to erasure); contracts keep their dates. */
  @Post(':memberId/erase')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, MemberErasureDto, 400, 401, 403, 404, 409)
  erase(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string): Promise<MemberErasure> {
    return this.rpc.call(RPC.membership.memberErase, { siteId, memberId });
  }
}
