import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCreditNoteRequest,
  CreateInvoiceRequest,
  CreditNote,
  CreditNotePage,
  GetCreditNoteRequest,
  GetInvoiceRequest,
  Invoice,
  InvoicePage,
  IssueInvoiceRequest,
  ListCreditNotesRequest,
  ListInvoicesRequest,
  ListPaymentsRequest,
  PaymentPage,
  PaymentRecorded,
  ReceivablesBoard,
  ReceivablesBoardRequest,
  RecordPaymentRequest,
  RPC,
  UpdateInvoiceRequest,
} from '@kpa/contracts';
import { CreditNotesService } from './credit-notes.service';
import { InvoicesService } from './invoices.service';
import { PaymentsService } from './payments.service';
import { ReceivablesService } from './receivables.service';

@Controller()
export class InvoicesRpcController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly creditNotes: CreditNotesService,
    private readonly payments: PaymentsService,
    private readonly receivables: ReceivablesService,
  ) {}

  @MessagePattern(RPC.commerce.invoiceCreate)
  create(@Payload() request: CreateInvoiceRequest): Promise<Invoice> {
    return this.invoices.create(request);
  }

  @MessagePattern(RPC.commerce.invoiceList)
  list(@Payload() request: ListInvoicesRequest): Promise<InvoicePage> {
    return this.invoices.list(request);
  }

  @MessagePattern(RPC.commerce.invoiceGet)
  get(@Payload() request: GetInvoiceRequest): Promise<Invoice> {
    return this.invoices.get(request);
  }

  @MessagePattern(RPC.commerce.invoiceUpdate)
  update(@Payload() request: UpdateInvoiceRequest): Promise<Invoice> {
    return this.invoices.update(request);
  }

  @MessagePattern(RPC.commerce.invoiceIssue)
  issue(@Payload() request: IssueInvoiceRequest): Promise<Invoice> {
    return this.invoices.issue(request);
  }

  @MessagePattern(RPC.commerce.creditNoteCreate)
  createCreditNote(@Payload() request: CreateCreditNoteRequest): Promise<CreditNote> {
    return this.creditNotes.create(request);
  }

  @MessagePattern(RPC.commerce.creditNoteList)
  listCreditNotes(@Payload() request: ListCreditNotesRequest): Promise<CreditNotePage> {
    return this.creditNotes.list(request);
  }

  @MessagePattern(RPC.commerce.creditNoteGet)
  getCreditNote(@Payload() request: GetCreditNoteRequest): Promise<CreditNote> {
    return this.creditNotes.get(request);
  }

  @MessagePattern(RPC.commerce.paymentRecord)
  recordPayment(@Payload() request: RecordPaymentRequest): Promise<PaymentRecorded> {
    return this.payments.record(request);
  }

  @MessagePattern(RPC.commerce.paymentList)
  listPayments(@Payload() request: ListPaymentsRequest): Promise<PaymentPage> {
    return this.payments.list(request);
  }

  @MessagePattern(RPC.commerce.receivablesBoard)
  board(@Payload() request: ReceivablesBoardRequest): Promise<ReceivablesBoard> {
    return this.receivables.board(request);
  }
}
