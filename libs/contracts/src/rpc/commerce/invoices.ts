import { Page, PageRequest } from '../page';
import { QuoteActor, QuoteLine, QuoteLineInput, QuoteVatBreakdown } from './quotes';

/**
 * Invoices (factures), credit notes (avoirs) and payments of a site (docs/domain-rules.md §1). The host
 * structure is the seller; a number is given only at issue, in the site's invoice series (`F`, also
 * for deposit and final invoices) or credit-note series (`A`). An issued invoice is never edited:
 * it is corrected by a credit note. Money is a decimal string with two decimals ("152.05").
 */

/** standard, deposit (facture d'acompte), final (facture de solde: deducts its deposit invoices). */
export const INVOICE_KINDS = ['standard', 'deposit', 'final'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * draft → issued → partially_paid → paid; `cancelled` when credit notes cancel the whole unpaid
 * amount. Only a draft has no number.
 */
export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** CGI ann. II 242 nonies A 8° bis: the category of the operation (livraison de biens, prestation de services, les deux). */
export const OPERATION_CATEGORIES = ['services', 'goods', 'mixed'] as const;
export type OperationCategory = (typeof OPERATION_CATEGORIES)[number];

export const PAYMENT_METHODS = ['transfer', 'cheque', 'cash', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Receivables aging: not yet due, then days past the due date. */
export const AGING_BUCKETS = ['not_due', '1_30', '31_60', '61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Who acts on an invoice, as the gateway knows it (a network admin acts as a coordinator). */
export type InvoiceActor = QuoteActor;

/** The fields of an invoice a draft may set or change (PATCH sends any part of them). */
export interface InvoiceFields {
  /** Free-line invoices only: a client of the site. */
  clientId?: string;
  /** 1–200 lines, as quote lines (from a catalogue item or free); PATCH replaces them all. */
  lines?: QuoteLineInput[];
  /** Final invoices: the deposit invoices it deducts (issued, same client and quote). */
  depositInvoiceIds?: string[];
  /** The buyer's purchase order number, printed when it issued one (C. com. L441-9). */
  purchaseOrderNumber?: string | null;
  /** Public bodies: the buyer's commitment number (numéro d'engagement), required at issue when the client requires it. */
  commitmentNumber?: string | null;
  /** An agreed payment term in days; business clients at most 60 (C. com. L441-10), public bodies 30. */
  paymentTermDays?: number | null;
  /** A period of supply (both dates), or a single supplyDate. */
  deliveryStartsOn?: string | null;
  deliveryEndsOn?: string | null;
  supplyDate?: string | null;
  /**
   * The nature of the operation is derived from the lines' natures (all goods: goods, all services:
   * services, both: mixed); when sent it must say the same, else 422 VALIDATION_FAILED.
   */
  operationCategory?: OperationCategory;
  /** Goods only: the delivery address when it differs from the client's, printed "Adresse de livraison". */
  deliveryAddress?: string | null;
  /** The member carrying out the activity under a CAPE: the invoice prints the R127-3 mention. */
  capeHolderMemberId?: string | null;
}

/**
 * A new draft from exactly one source: free lines (`clientId` + `lines`), a quote
 * (`fromQuoteId`, accepted; `kind` standard, deposit with `depositPercent` or `depositAmount`
 * (excluding VAT), or final) or a mission (`fromMissionId`, with `lines` or its quote's lines).
 */
export interface CreateInvoiceInput extends InvoiceFields {
  kind?: InvoiceKind;
  fromQuoteId?: string;
  fromMissionId?: string;
  /** Deposit from a quote: a percent of its net ("30", "12.5"), 0 < p ≤ 100. */
  depositPercent?: string;
  /** Deposit from a quote: an amount excluding VAT ("500.00"), split over the quote's VAT rates. */
  depositAmount?: string;
}

/** A deposit invoice deducted by a final invoice (frozen when the final invoice is issued). */
export interface InvoiceDeposit {
  invoiceId: string;
  number: string;
  issuedOn: string;
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
}

export interface InvoiceTotals {
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
  vatFranchise: boolean;
  vatExemptionNote: string | null;
  /** Final invoices: the deposit invoices deducted. */
  deposits: InvoiceDeposit[];
  /** Σ deposits' totals (BT-113), "0.00" unless final. */
  depositsDeducted: string;
  /** total − depositsDeducted (BT-115): what the invoice asks. */
  amountDue: string;
}

export interface Invoice {
  id: string;
  siteId: string;
  clientId: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  /** Null while a draft (`LACAPE-F-2026-00042` once issued). */
  number: string | null;
  issuedOn: string | null;
  dueOn: string | null;
  quoteId: string | null;
  missionId: string | null;
  depositInvoiceIds: string[];
  purchaseOrderNumber: string | null;
  commitmentNumber: string | null;
  /** The agreed term, or null for the default of the client's kind. */
  paymentTermDays: number | null;
  deliveryStartsOn: string | null;
  deliveryEndsOn: string | null;
  supplyDate: string | null;
  /** Derived from the lines: goods, services or mixed (CGI ann. II 242 nonies A 8° bis). */
  operationCategory: OperationCategory;
  deliveryAddress: string | null;
  capeHolderMemberId: string | null;
  lines: QuoteLine[];
  /** Recomputed on every change of a draft, frozen at issue. */
  totals: InvoiceTotals;
  /** Σ credit notes (including VAT). */
  credited: string;
  /** Σ payments. */
  paid: string;
  /** amountDue − credited − paid + refunded, never below 0: what the client still owes. */
  outstanding: string;
  /** Σ refunds: money given back to the client after credit notes on a paid part. */
  refunded: string;
  /** What the seller owes the client back: credit notes on a paid part not refunded yet (0 otherwise). */
  refundDue: string;
  /** Day of the payment that settled it. */
  paidOn: string | null;
  /** The legal sentences printed, frozen at issue (null on a draft: see its PDF preview). */
  mentions: string[] | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateInvoiceRequest {
  siteId: string;
  actor: InvoiceActor;
  invoice: CreateInvoiceInput;
}

export interface UpdateInvoiceRequest {
  siteId: string;
  invoiceId: string;
  actor: InvoiceActor;
  changes: InvoiceFields;
}

export interface GetInvoiceRequest {
  siteId: string;
  invoiceId: string;
}

export interface ListInvoicesRequest extends PageRequest {
  siteId: string;
  status?: InvoiceStatus;
  clientId?: string;
  kind?: InvoiceKind;
}

export interface IssueInvoiceRequest {
  siteId: string;
  invoiceId: string;
  actor: InvoiceActor;
}

export type InvoicePage = Page<Invoice>;

// --- credit notes -------------------------------------------------------------------------------

/** `full: true` cancels what remains of an unpaid invoice; else `lines` (quantities, prices, rates) credit part of it. */
export interface CreditNoteInput {
  full?: boolean;
  lines?: QuoteLineInput[];
  /** Why (printed): "Erreur de quantité", "Annulation de la prestation". */
  reason?: string | null;
}

export interface CreditNoteTotals {
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
  vatFranchise: boolean;
  vatExemptionNote: string | null;
}

/** A credit note is issued at once: numbered in the site's credit-note series, never edited. */
export interface CreditNote {
  id: string;
  siteId: string;
  invoiceId: string;
  invoiceNumber: string;
  invoiceIssuedOn: string;
  clientId: string;
  number: string;
  issuedOn: string;
  full: boolean;
  reason: string | null;
  lines: QuoteLine[];
  totals: CreditNoteTotals;
  createdBy: string;
  createdAt: string;
}

export interface CreateCreditNoteRequest {
  siteId: string;
  invoiceId: string;
  actor: InvoiceActor;
  creditNote: CreditNoteInput;
}

export interface GetCreditNoteRequest {
  siteId: string;
  creditNoteId: string;
}

export interface ListCreditNotesRequest extends PageRequest {
  siteId: string;
  invoiceId?: string;
}

export type CreditNotePage = Page<CreditNote>;

// --- payments -----------------------------------------------------------------------------------

export interface PaymentInput {
  /** > 0 and ≤ the invoice's outstanding amount. */
  amount: string;
  /** Not in the future, not before the invoice's issue date. */
  receivedOn: string;
  method: PaymentMethod;
}

export interface Payment {
  id: string;
  siteId: string;
  invoiceId: string;
  amount: string;
  /** The share of the invoice's net (excluding VAT) this payment settles; the payments of a paid invoice sum to its net exactly. */
  netAmount: string;
  receivedOn: string;
  method: PaymentMethod;
  createdBy: string;
  createdAt: string;
}

export interface RecordPaymentRequest {
  siteId: string;
  invoiceId: string;
  actor: InvoiceActor;
  payment: PaymentInput;
}

export interface ListPaymentsRequest extends PageRequest {
  siteId: string;
  invoiceId: string;
}

export type PaymentPage = Page<Payment>;

/** The payment recorded, with the invoice as it is after it (status, outstanding). */
export interface PaymentRecorded extends Payment {
  invoice: Invoice;
}

// --- refunds ------------------------------------------------------------------------------------

export interface RefundInput {
  /** > 0 and ≤ the invoice's refundDue. */
  amount: string;
  /** Not in the future, not before the invoice's issue date. */
  refundedOn: string;
  method: PaymentMethod;
}

/** Money given back to the client after a credit note cancelled a part already paid. Never changed. */
export interface Refund {
  id: string;
  siteId: string;
  invoiceId: string;
  amount: string;
  /** The share of the net (excluding VAT) it gives back; the refunds of a credit note sum to its paid part's net exactly. */
  netAmount: string;
  refundedOn: string;
  method: PaymentMethod;
  createdBy: string;
  createdAt: string;
}

export interface RecordRefundRequest {
  siteId: string;
  invoiceId: string;
  actor: InvoiceActor;
  refund: RefundInput;
}

export interface ListRefundsRequest extends PageRequest {
  siteId: string;
  invoiceId: string;
}

export type RefundPage = Page<Refund>;

/** The refund recorded, with the invoice as it is after it (refundDue, status). */
export interface RefundRecorded extends Refund {
  invoice: Invoice;
}

// --- receivables --------------------------------------------------------------------------------

export interface Receivable {
  invoiceId: string;
  siteId: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  clientId: string;
  clientName: string;
  issuedOn: string;
  dueOn: string;
  total: string;
  outstanding: string;
  /** 0 until the due date has passed. */
  daysOverdue: number;
  bucket: AgingBucket;
}

export interface BucketTotal {
  bucket: AgingBucket;
  count: number;
  outstanding: string;
}

export interface SiteReceivablesTotal {
  siteId: string;
  count: number;
  outstanding: string;
  buckets: BucketTotal[];
}

export interface ReceivablesBoard {
  /** The day the aging is computed for (today in France). */
  asOf: string;
  /** Unpaid issued invoices, oldest due date first (keyset page). */
  items: Receivable[];
  nextCursor: string | null;
  /** Every bucket, in order, over all the board's invoices (not only this page). */
  buckets: BucketTotal[];
  /** Per site, for every site of the board that has unpaid invoices. */
  sites: SiteReceivablesTotal[];
  count: number;
  outstanding: string;
  /** Invoices on which money is due back to the client (credit notes on a paid part not refunded yet), over all the board's sites. */
  refundsDue: { count: number; amount: string };
}

/** One site (`siteIds: [siteId]`), several (an accountant's or coordinator's sites), or every site (`siteIds` absent: network admin). */
export interface ReceivablesBoardRequest extends PageRequest {
  siteIds?: string[];
  bucket?: AgingBucket;
}
