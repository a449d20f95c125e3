import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
  RecordRefundRequest,
  RefundPage,
  RefundRecorded,
  ListRefundsRequest,
  RPC,
  UpdateInvoiceRequest,
} from '@kpa/contracts';
import { AcrossSites, IdempotentCommand, RpcHandler } from '@kpa/platform';
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

  @RpcHandler(RPC.commerce.invoiceCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateInvoiceRequest): Promise<Invoice> {
    return this.invoices.create(request);
  }

  @RpcHandler(RPC.commerce.invoiceList)
  list(@Payload() request: ListInvoicesRequest): Promise<InvoicePage> {
    return this.invoices.list(request);
  }

  @RpcHandler(RPC.commerce.invoiceGet)
  get(@Payload() request: GetInvoiceRequest): Promise<Invoice> {
    return this.invoices.get(request);
  }

  @RpcHandler(RPC.commerce.invoiceUpdate)
  update(@Payload() request: UpdateInvoiceRequest): Promise<Invoice> {
    return this.invoices.update(request);
  }

  @RpcHandler(RPC.commerce.invoiceIssue)
  @IdempotentCommand()
  issue(@Payload() request: IssueInvoiceRequest): Promise<Invoice> {
    return this.invoices.issue(request);
  }

  @RpcHandler(RPC.commerce.creditNoteCreate)
  @IdempotentCommand()
  createCreditNote(@Payload() request: CreateCreditNoteRequest): Promise<CreditNote> {
    return this.creditNotes.create(request);
  }

  @RpcHandler(RPC.commerce.creditNoteList)
  listCreditNotes(@Payload() request: ListCreditNotesRequest): Promise<CreditNotePage> {
    return this.creditNotes.list(request);
  }

  @RpcHandler(RPC.commerce.creditNoteGet)
  getCreditNote(@Payload() request: GetCreditNoteRequest): Promise<CreditNote> {
    return this.creditNotes.get(request);
  }

  @RpcHandler(RPC.commerce.paymentRecord)
  @IdempotentCommand()
  recordPayment(@Payload() request: RecordPaymentRequest): Promise<PaymentRecorded> {
    return this.payments.record(request);
  }

  @RpcHandler(RPC.commerce.paymentList)
  listPayments(@Payload() request: ListPaymentsRequest): Promise<PaymentPage> {
    return this.payments.list(request);
  }

  @RpcHandler(RPC.commerce.refundRecord)
  @IdempotentCommand()
  recordRefund(@Payload() request: RecordRefundRequest): Promise<RefundRecorded> {
    return this.payments.refund(request);
  }

  @RpcHandler(RPC.commerce.refundList)
  listRefunds(@Payload() request: ListRefundsRequest): Promise<RefundPage> {
    return this.payments.listRefunds(request);
  }

  @RpcHandler(RPC.commerce.receivablesBoard)
  @AcrossSites()
  board(@Payload() request: ReceivablesBoardRequest): Promise<ReceivablesBoard> {
    return this.receivables.board(request);
  }
}
