import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreditNote, Invoice, InvoicePage, PaymentPage, PaymentRecorded, RefundPage, RefundRecorded, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { commerceActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { PageQueryDto } from '../sites/dto/sites.dto';
import {
  CreateCreditNoteDto,
  CreateInvoiceDto,
  CreditNoteDto,
  InvoiceDto,
  InvoiceListQueryDto,
  InvoicePageDto,
  PaymentPageDto,
  PaymentRecordedDto,
  RecordPaymentDto,
  RecordRefundDto,
  RefundPageDto,
  RefundRecordedDto,
  UpdateInvoiceDto,
} from './dto/invoices.dto';

/**
 * The invoices of a site, their payments and credit notes. Members draft and edit drafts (they learn,
 * as with quotes); coordinators also issue, record payments and credit; every role of the site reads.
 */
@ApiTags('invoices')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/invoices')
export class InvoicesController {
  constructor(private readonly rpc: RpcClient) {}

  /** A draft from free lines (clientId + lines), an accepted quote (fromQuoteId, kind, depositPercent | depositAmount) or a mission (fromMissionId). */
  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(201, InvoiceDto, 400, 401, 403, 404, 409, 422)
  create(@Param('siteId') siteId: string, @Body() body: CreateInvoiceDto, @CurrentPrincipal() principal: Principal): Promise<Invoice> {
    return this.rpc.call(RPC.commerce.invoiceCreate, { siteId, actor: commerceActorOf(principal, siteId), invoice: body });
  }

  @Get()
  @ApiErrors(200, InvoicePageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: InvoiceListQueryDto): Promise<InvoicePage> {
    return this.rpc.call(RPC.commerce.invoiceList, { ...query, siteId });
  }

  @Get(':invoiceId')
  @ApiErrors(200, InvoiceDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string): Promise<Invoice> {
    return this.rpc.call(RPC.commerce.invoiceGet, { siteId, invoiceId });
  }

  /** Drafts only (409 INVOICE_NOT_EDITABLE once issued: correct it with a credit note). */
  @Patch(':invoiceId')
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, InvoiceDto, 400, 401, 403, 404, 409, 422)
  update(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: UpdateInvoiceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Invoice> {
    return this.rpc.call(RPC.commerce.invoiceUpdate, { siteId, invoiceId, actor: commerceActorOf(principal, siteId), changes: body });
  }

  /** Numbers the invoice in the site's invoice series and freezes it (409 INVOICE_ALREADY_ISSUED the second time). */
  @Post(':invoiceId/issue')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, InvoiceDto, 401, 403, 404, 409, 422)
  issue(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @CurrentPrincipal() principal: Principal): Promise<Invoice> {
    return this.rpc.call(RPC.commerce.invoiceIssue, { siteId, invoiceId, actor: commerceActorOf(principal, siteId) });
  }

  /** A payment received: partial payments allowed, never more than the outstanding amount. */
  @Post(':invoiceId/payments')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, PaymentRecordedDto, 400, 401, 403, 404, 409, 422)
  recordPayment(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: RecordPaymentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PaymentRecorded> {
    return this.rpc.call(RPC.commerce.paymentRecord, { siteId, invoiceId, actor: commerceActorOf(principal, siteId), payment: body });
  }

  @Get(':invoiceId/payments')
  @ApiErrors(200, PaymentPageDto, 400, 401, 404)
  payments(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @Query() query: PageQueryDto): Promise<PaymentPage> {
    return this.rpc.call(RPC.commerce.paymentList, { ...query, siteId, invoiceId });
  }

  /** Money given back to the client after a credit note on a paid part: at most the invoice's refundDue. */
  @Post(':invoiceId/refunds')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, RefundRecordedDto, 400, 401, 403, 404, 409, 422)
  recordRefund(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: RecordRefundDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RefundRecorded> {
    return this.rpc.call(RPC.commerce.refundRecord, { siteId, invoiceId, actor: commerceActorOf(principal, siteId), refund: body });
  }

  @Get(':invoiceId/refunds')
  @ApiErrors(200, RefundPageDto, 400, 401, 404)
  refunds(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @Query() query: PageQueryDto): Promise<RefundPage> {
    return this.rpc.call(RPC.commerce.refundList, { ...query, siteId, invoiceId });
  }

  /** A credit note against the invoice, issued at once in the site's credit-note series: full, or lines. */
  @Post(':invoiceId/credit-notes')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, CreditNoteDto, 400, 401, 403, 404, 409, 422)
  credit(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Body() body: CreateCreditNoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreditNote> {
    return this.rpc.call(RPC.commerce.creditNoteCreate, { siteId, invoiceId, actor: commerceActorOf(principal, siteId), creditNote: body });
  }
}
