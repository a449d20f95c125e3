import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  AGING_BUCKETS,
  AgingBucket,
  BucketTotal,
  CreateInvoiceInput,
  CreditNote,
  CreditNoteInput,
  CreditNotePage,
  CreditNoteTotals,
  Invoice,
  INVOICE_KINDS,
  INVOICE_STATUSES,
  InvoiceDeposit,
  InvoiceFields,
  InvoiceKind,
  InvoicePage,
  InvoiceStatus,
  InvoiceTotals,
  OPERATION_CATEGORIES,
  OperationCategory,
  Payment,
  PAYMENT_METHODS,
  PaymentInput,
  PaymentMethod,
  PaymentPage,
  PaymentRecorded,
  Receivable,
  ReceivablesBoard,
  Refund,
  RefundInput,
  RefundPage,
  RefundRecorded,
  SiteReceivablesTotal,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { QuoteLineDto, QuoteLineViewDto, QuoteVatBreakdownDto } from './quotes.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';
// worker: dunning
import { DunningStatusDto } from '../../dunning/dto/dunning.dto';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/** The fields a draft may set, whatever its source; PATCH sends any of them. */
export class InvoiceFieldsDto implements InvoiceFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'free-line invoices: a client of the site' }) @IsOptional() @IsUUID() clientId?: string;

  @ApiPropertyOptional({ type: [QuoteLineDto], description: '1–200 lines, as on quotes; PATCH replaces them all' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines?: QuoteLineDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'final invoices: the issued deposit invoices it deducts (default, from a quote: all its open deposits)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  depositInvoiceIds?: string[];

  @ApiPropertyOptional({ nullable: true, example: 'BC-2026-118', description: "the buyer's purchase order number (C. com. L441-9)" })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  purchaseOrderNumber?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '1300042517',
    description: "public bodies: the commitment number (numéro d'engagement); required at issue when the client requires it",
  })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  commitmentNumber?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 45,
    description:
      'agreed term in days; business clients at most 60 (422 PAYMENT_TERM_TOO_LONG), public bodies 30; default: 30 days for businesses and public bodies, on receipt for individuals',
  })
  @IsOptional()
  @IsInt({ message: 'paymentTermDays must be a whole number of days' })
  @Min(0)
  @Max(365)
  paymentTermDays?: number | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-11-02', description: 'supply period start (with deliveryEndsOn)' })
  @IsOptional()
  @IsCalendarDate()
  deliveryStartsOn?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-11-06' })
  @IsOptional()
  @IsCalendarDate()
  deliveryEndsOn?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-11-06', description: 'a single day of supply, if not a period' })
  @IsOptional()
  @IsCalendarDate()
  supplyDate?: string | null;

  @ApiPropertyOptional({
    enum: OPERATION_CATEGORIES,
    description: "derived from the lines' natures (all goods: goods, all services: services, both: mixed); when sent it must agree, else 400 VALIDATION_FAILED",
  })
  @IsOptional()
  @IsIn(OPERATION_CATEGORIES, { message: `operationCategory must be one of ${OPERATION_CATEGORIES.join(', ')}` })
  operationCategory?: OperationCategory;

  @ApiPropertyOptional({ nullable: true, example: '12 rue des Lilas, 13003 Marseille', description: 'goods only: where they are delivered, when not at the client’s address' })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  deliveryAddress?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'the member carrying out the activity under a CAPE: the invoice prints the R127-3 mention (422 CAPE_NOT_RUNNING if none runs on the issue date)',
  })
  @IsOptional()
  @IsUUID()
  capeHolderMemberId?: string | null;
}

export class UpdateInvoiceDto extends InvoiceFieldsDto {}

/** Exactly one source: clientId + lines, fromQuoteId, or fromMissionId. */
export class CreateInvoiceDto extends InvoiceFieldsDto implements CreateInvoiceInput {
  @ApiPropertyOptional({ enum: INVOICE_KINDS, default: 'standard' })
  @IsOptional()
  @IsIn(INVOICE_KINDS, { message: `kind must be one of ${INVOICE_KINDS.join(', ')}` })
  kind?: InvoiceKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'an accepted quote of the site: its lines (standard, final) or a deposit of it' })
  @IsOptional()
  @IsUUID()
  fromQuoteId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a mission of the site: its client, and its quote’s lines unless lines are sent' })
  @IsOptional()
  @IsUUID()
  fromMissionId?: string;

  @ApiPropertyOptional({ example: '30', description: 'deposit from a quote: percent of its net, 0 < p ≤ 100, 2 decimals at most' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'depositPercent must be a percent written like "30" or "12.5"' })
  depositPercent?: string;

  @ApiPropertyOptional({ example: '500.00', description: 'deposit from a quote: an amount excluding VAT, split over its VAT rates' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT, { message: 'depositAmount must be an amount written like "500.00"' })
  depositAmount?: string;
}

export class InvoiceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES, { message: `status must be one of ${INVOICE_STATUSES.join(', ')}` })
  status?: InvoiceStatus;
  @ApiPropertyOptional({ enum: INVOICE_KINDS }) @IsOptional() @IsIn(INVOICE_KINDS, { message: `kind must be one of ${INVOICE_KINDS.join(', ')}` }) kind?: InvoiceKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
}

export class CreateCreditNoteDto implements CreditNoteInput {
  @ApiPropertyOptional({ description: 'true: cancel all that remains of an unpaid invoice' }) @IsOptionalNotNull() @IsBoolean() full?: boolean;

  @ApiPropertyOptional({ type: [QuoteLineDto], description: 'what a partial credit note cancels (quantities, prices excluding VAT, rates of the invoice)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines?: QuoteLineDto[];

  @ApiPropertyOptional({ nullable: true, example: 'Erreur de quantité' }) @IsOptional() @IsString() @Length(0, 500) reason?: string | null;
}

export class CreditNoteListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the credit notes of one invoice' }) @IsOptional() @IsUUID() invoiceId?: string;
}

export class RecordPaymentDto implements PaymentInput {
  @ApiProperty({ example: '62.06', description: 'above 0, at most the outstanding amount (422 PAYMENT_EXCEEDS_BALANCE)' })
  @IsString()
  @Matches(AMOUNT, { message: 'amount must be an amount written like "152.05" (at most 2 decimals)' })
  amount: string;

  @ApiProperty({ example: '2026-11-22', description: 'not in the future, not before the issue date' })
  @IsCalendarDate()
  receivedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` }) method: PaymentMethod;
}

export class RecordRefundDto implements RefundInput {
  @ApiProperty({ example: '60.00', description: 'above 0, at most the invoice refundDue (422 REFUND_EXCEEDS_AMOUNT_DUE)' })
  @IsString()
  @Matches(AMOUNT, { message: 'amount must be an amount written like "152.05" (at most 2 decimals)' })
  amount: string;

  @ApiProperty({ example: '2026-11-22', description: 'the day the money was given back: not in the future, not before the issue date' })
  @IsCalendarDate()
  refundedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` }) method: PaymentMethod;
}

export class ReceivablesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AGING_BUCKETS }) @IsOptional() @IsIn(AGING_BUCKETS, { message: `bucket must be one of ${AGING_BUCKETS.join(', ')}` }) bucket?: AgingBucket;
}

// --- answers (OpenAPI) --------------------------------------------------------------------------

export class InvoiceDepositDto implements InvoiceDeposit {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: 'LACAPE-F-2026-00012' }) number: string;
  @ApiProperty() issuedOn: string;
  @ApiProperty() net: string;
  @ApiProperty() vat: string;
  @ApiProperty() total: string;
  @ApiProperty({ type: [QuoteVatBreakdownDto] }) vatBreakdown: QuoteVatBreakdownDto[];
}

export class InvoiceTotalsDto implements InvoiceTotals {
  @ApiProperty({ example: '60.31' }) net: string;
  @ApiProperty({ example: '5.49' }) vat: string;
  @ApiProperty({ example: '65.80' }) total: string;
  @ApiProperty({ type: [QuoteVatBreakdownDto] }) vatBreakdown: QuoteVatBreakdownDto[];
  @ApiProperty() vatFranchise: boolean;
  @ApiProperty({ nullable: true, type: String }) vatExemptionNote: string | null;
  @ApiProperty({ type: [InvoiceDepositDto] }) deposits: InvoiceDepositDto[];
  @ApiProperty({ example: '0.00' }) depositsDeducted: string;
  @ApiProperty({ example: '65.80', description: 'total − depositsDeducted' }) amountDue: string;
}

export class InvoiceDto implements Invoice {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ enum: INVOICE_KINDS }) kind: InvoiceKind;
  @ApiProperty({ enum: INVOICE_STATUSES }) status: InvoiceStatus;
  @ApiProperty({ nullable: true, type: String, example: 'LACAPE-F-2026-00001' }) number: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) dueOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) quoteId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) missionId: string | null;
  @ApiProperty({ type: [String] }) depositInvoiceIds: string[];
  @ApiProperty({ nullable: true, type: String }) purchaseOrderNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) commitmentNumber: string | null;
  @ApiProperty({ nullable: true, type: Number }) paymentTermDays: number | null;
  @ApiProperty({ nullable: true, type: String }) deliveryStartsOn: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveryEndsOn: string | null;
  @ApiProperty({ nullable: true, type: String }) supplyDate: string | null;
  @ApiProperty({ enum: OPERATION_CATEGORIES }) operationCategory: OperationCategory;
  @ApiProperty({ nullable: true, type: String }) deliveryAddress: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) capeHolderMemberId: string | null;
  @ApiProperty({ type: [QuoteLineViewDto] }) lines: QuoteLineViewDto[];
  @ApiProperty({ type: InvoiceTotalsDto }) totals: InvoiceTotalsDto;
  @ApiProperty({ example: '0.00' }) credited: string;
  @ApiProperty({ example: '0.00' }) paid: string;
  @ApiProperty({ example: '65.80', description: 'amountDue − credited − paid + refunded, never below 0: what the client still owes' }) outstanding: string;
  @ApiProperty({ example: '0.00', description: 'Σ refunds given back to the client' }) refunded: string;
  @ApiProperty({ example: '0.00', description: 'owed back to the client: credit notes on a paid part not refunded yet' }) refundDue: string;
  @ApiProperty({ nullable: true, type: String }) paidOn: string | null;
  @ApiProperty({ nullable: true, type: [String], description: 'the legal sentences printed, frozen at issue; null on a draft' }) mentions: string[] | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class InvoicePageDto extends PageDto(InvoiceDto) implements InvoicePage {}

export class CreditNoteTotalsDto extends OmitType(InvoiceTotalsDto, ['deposits', 'depositsDeducted', 'amountDue'] as const) implements CreditNoteTotals {}

export class CreditNoteDto implements CreditNote {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: 'LACAPE-F-2026-00001' }) invoiceNumber: string;
  @ApiProperty() invoiceIssuedOn: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ example: 'LACAPE-A-2026-00001' }) number: string;
  @ApiProperty() issuedOn: string;
  @ApiProperty() full: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ type: [QuoteLineViewDto] }) lines: QuoteLineViewDto[];
  @ApiProperty({ type: CreditNoteTotalsDto }) totals: CreditNoteTotalsDto;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
}

export class CreditNotePageDto extends PageDto(CreditNoteDto) implements CreditNotePage {}

export class PaymentDto implements Payment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: '62.06' }) amount: string;
  @ApiProperty({ example: '53.33', description: 'the part of the invoice net (excluding VAT) it settles' }) netAmount: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
}

export class PaymentRecordedDto extends PaymentDto implements PaymentRecorded {
  @ApiProperty({ type: InvoiceDto, description: 'the invoice after this payment' }) invoice: InvoiceDto;
}

export class PaymentPageDto extends PageDto(PaymentDto) implements PaymentPage {}

export class RefundDto implements Refund {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: '60.00' }) amount: string;
  @ApiProperty({ example: '50.00', description: 'the part of the net (excluding VAT) it gives back' }) netAmount: string;
  @ApiProperty() refundedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
}

export class RefundRecordedDto extends RefundDto implements RefundRecorded {
  @ApiProperty({ type: InvoiceDto, description: 'the invoice after this refund' }) invoice: InvoiceDto;
}

export class RefundPageDto extends PageDto(RefundDto) implements RefundPage {}

export class RefundsDueDto {
  @ApiProperty() count: number;
  @ApiProperty({ example: '60.00' }) amount: string;
}

export class ReceivableDto implements Receivable {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: INVOICE_KINDS }) kind: InvoiceKind;
  @ApiProperty({ enum: ['issued', 'partially_paid'] }) status: 'issued' | 'partially_paid';
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() issuedOn: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() total: string;
  @ApiProperty() outstanding: string;
  @ApiProperty({ description: '0 until the due date has passed' }) daysOverdue: number;
  @ApiProperty({ enum: AGING_BUCKETS }) bucket: AgingBucket;
  // worker: dunning (merged by the gateway from the worker's answer)
  @ApiProperty({ type: DunningStatusDto, nullable: true, description: 'dunning level and next step; null when the worker has not seen the invoice or did not answer' })
  dunning: DunningStatusDto | null;
}

export class BucketTotalDto implements BucketTotal {
  @ApiProperty({ enum: AGING_BUCKETS }) bucket: AgingBucket;
  @ApiProperty() count: number;
  @ApiProperty({ example: '1234.50' }) outstanding: string;
}

export class SiteReceivablesTotalDto implements SiteReceivablesTotal {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() count: number;
  @ApiProperty() outstanding: string;
  @ApiProperty({ type: [BucketTotalDto] }) buckets: BucketTotalDto[];
}

export class ReceivablesBoardDto implements ReceivablesBoard {
  @ApiProperty({ example: '2026-11-22' }) asOf: string;
  @ApiProperty({ type: [ReceivableDto] }) items: ReceivableDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: [BucketTotalDto], description: 'every bucket, over all the board (not only this page)' }) buckets: BucketTotalDto[];
  @ApiProperty({ type: [SiteReceivablesTotalDto] }) sites: SiteReceivablesTotalDto[];
  @ApiProperty() count: number;
  @ApiProperty() outstanding: string;
  @ApiProperty({ type: RefundsDueDto, description: 'invoices with money due back to the client (credit notes on a paid part not refunded yet)' }) refundsDue: RefundsDueDto;
}
