import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreditNote, CreditNotePage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreditNoteDto, CreditNoteListQueryDto, CreditNotePageDto } from './dto/invoices.dto';

/** The credit notes of a site (created with POST …/invoices/:invoiceId/credit-notes); every role of the site reads them. */
@ApiTags('invoices')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/credit-notes')
export class CreditNotesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, CreditNotePageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: CreditNoteListQueryDto): Promise<CreditNotePage> {
    return this.rpc.call(RPC.commerce.creditNoteList, { ...query, siteId });
  }

  @Get(':creditNoteId')
  @ApiErrors(200, CreditNoteDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('creditNoteId', new ParseUUIDPipe()) creditNoteId: string): Promise<CreditNote> {
    return this.rpc.call(RPC.commerce.creditNoteGet, { siteId, creditNoteId });
  }
}
