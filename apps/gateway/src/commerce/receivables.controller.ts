import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReceivablesBoard, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { ReceivablesBoardDto, ReceivablesQueryDto } from './dto/invoices.dto';

/**
 * The receivables board: unpaid issued invoices with their days overdue and aging buckets. For one
 * site (coordinators, accountants), or across every site the caller coordinates or keeps the books
 * of (the host structure's accountant sees all the sites it carries; a network admin every site).
 */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('v1')
export class ReceivablesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('sites/:siteId/receivables')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, ReceivablesBoardDto, 400, 401, 403, 404)
  site(@Param('siteId') siteId: string, @Query() query: ReceivablesQueryDto): Promise<ReceivablesBoard> {
    return this.rpc.call(RPC.commerce.receivablesBoard, { ...query, siteIds: [siteId] });
  }

  @Get('receivables')
  @SignedIn()
  @ApiErrors(200, ReceivablesBoardDto, 400, 401)
  all(@Query() query: ReceivablesQueryDto, @CurrentPrincipal() principal: Principal): Promise<ReceivablesBoard> {
    const siteIds = principal.networkAdmin
      ? undefined
      : principal.sites.filter((grant) => grant.role === 'accountant' || grant.role === 'coordinator').map((grant) => grant.siteId);
    return this.rpc.call(RPC.commerce.receivablesBoard, { ...query, ...(siteIds === undefined ? {} : { siteIds }) });
  }
}
