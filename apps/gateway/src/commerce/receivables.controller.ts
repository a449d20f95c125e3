import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DunningStatus, ReceivablesBoard, RPC } from '@kpa/contracts';
import { LOGGER, Logger, RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { ReceivablesBoardDto, ReceivablesQueryDto } from './dto/invoices.dto';

/** The board as answered: commerce's receivables, each with the worker's dunning level and next step. */
export type ReceivablesBoardWithDunning = Omit<ReceivablesBoard, 'items'> & { items: (ReceivablesBoard['items'][number] & { dunning: DunningStatus | null })[] };

/**
 * The receivables board: unpaid issued invoices with their days overdue and aging buckets. For one
 * site (coordinators, accountants), or across every site the caller coordinates or keeps the books
 * of (the host structure's accountant sees all the sites it carries; a network admin every site).
 */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('v1')
export class ReceivablesController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Worker: dunning. The gateway merges the worker's dunning status into commerce's page: commerce
   * knows nothing of reminders (the worker depends on commerce, never the reverse), and one extra
   * call per page, for the page's invoices only, keeps the board's cost flat. A worker that does not
   * answer leaves `dunning: null` rather than failing the board.
   */
  private async withDunning(board: ReceivablesBoard): Promise<ReceivablesBoardWithDunning> {
    let statuses: Record<string, DunningStatus> = {};
    if (board.items.length > 0) {
      try {
        const siteIds = [...new Set(board.items.map((item) => item.siteId))];
        statuses = (await this.rpc.call(RPC.worker.dunningStatuses, { siteIds, invoiceIds: board.items.map((item) => item.invoiceId) })).statuses;
      } catch (error) {
        this.logger.warn({ err: error }, 'receivables: the worker did not answer the dunning statuses; the board shows none');
      }
    }
    return { ...board, items: board.items.map((item) => ({ ...item, dunning: statuses[item.invoiceId] ?? null })) };
  }

  @Get('sites/:siteId/receivables')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, ReceivablesBoardDto, 400, 401, 403, 404)
  async site(@Param('siteId') siteId: string, @Query() query: ReceivablesQueryDto): Promise<ReceivablesBoardWithDunning> {
    return this.withDunning(await this.rpc.call(RPC.commerce.receivablesBoard, { ...query, siteIds: [siteId] }));
  }

  @Get('receivables')
  @SignedIn()
  @ApiErrors(200, ReceivablesBoardDto, 400, 401)
  async all(@Query() query: ReceivablesQueryDto, @CurrentPrincipal() principal: Principal): Promise<ReceivablesBoardWithDunning> {
    const siteIds = principal.networkAdmin
      ? undefined
      : principal.sites.filter((grant) => grant.role === 'accountant' || grant.role === 'coordinator').map((grant) => grant.siteId);
    return this.withDunning(await this.rpc.call(RPC.commerce.receivablesBoard, { ...query, ...(siteIds === undefined ? {} : { siteIds }) }));
  }
}
