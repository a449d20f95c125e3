import { LineNature, VatRate } from './catalogue';

/**
 * E-reporting figures of a host structure (docs/e-reporting.md): what its PA
 * transmits for B2C sales, which the e-invoicing reform does not carry as invoices. Aggregated
 * per period and VAT rate, with no customer identity. Money as decimal strings ("152.05").
 */

/**
 * How the range is cut into transmission periods: `monthly` (calendar months, the default),
 * `decadal` (1–10, 11–20, 21–end of month: the normal regime's three transmissions a month),
 * `bimonthly` (Jan–Feb, Mar–Apr…: the franchise's rhythm), `whole` (the range as one period).
 */
export const E_REPORTING_FREQUENCIES = ['monthly', 'decadal', 'bimonthly', 'whole'] as const;
export type EReportingFrequency = (typeof E_REPORTING_FREQUENCIES)[number];

export interface EReportingRequest {
  hostStructureId: string;
  /** YYYY-MM-DD, both or neither: neither means the previous calendar month. */
  from?: string;
  to?: string;
  frequency?: EReportingFrequency;
}

/**
 * Transaction data at one (VAT category, rate, nature): B2C invoices issued less credit notes issued.
 * The reform aggregates deliveries of goods and services apart, so a mixed invoice gives a row per
 * nature (its lines' nets at that rate, the rate's VAT split in proportion).
 */
export interface EReportingTransactionRate {
  /** S standard, E exempt (the VAT franchise, art. 293 B, or an exemption reason). */
  category: 'S' | 'E';
  rate: VatRate;
  exemptionReason: string | null;
  /** `goods` (livraisons de biens) or `service` (prestations de services), as the lines say. */
  nature: LineNature;
  /** Invoiced: bases and VAT of the invoices issued (a final invoice counts without the deposits it deducts). */
  invoicedBase: string;
  invoicedVat: string;
  /** Credited: bases and VAT of the credit notes issued (positive amounts, subtracted below). */
  creditedBase: string;
  creditedVat: string;
  /** invoiced − credited (may be negative when the credit notes of the period exceed its invoices). */
  base: string;
  vat: string;
  total: string;
}

/**
 * Payment data at one (VAT category, rate): money received less money refunded, with its VAT. Services
 * only: a payment on a mixed invoice counts for its services share (in proportion to what the invoice
 * charges for services and for goods at each rate, exact to the cent); payments on goods are left out.
 */
export interface EReportingPaymentRate {
  category: 'S' | 'E';
  rate: VatRate;
  exemptionReason: string | null;
  received: string;
  refunded: string;
  /** received − refunded, split into base and VAT. */
  amount: string;
  base: string;
  vat: string;
}

export interface EReportingPeriod {
  from: string;
  to: string;
  transactions: {
    rates: EReportingTransactionRate[];
    invoiceCount: number;
    creditNoteCount: number;
    base: string;
    vat: string;
    total: string;
  };
  /** Null when the host structure opted for VAT on debits (`servicesVatDue: 'debits'`): no payment data is due. */
  payments: EReportingPayments | null;
}

export interface EReportingPayments {
  rates: EReportingPaymentRate[];
  /** Payments and refunds with a services share dated in the period. */
  paymentCount: number;
  refundCount: number;
  amount: string;
  base: string;
  vat: string;
}

/**
 * When VAT on services is due: `receipts` (encaissements, the default) — payment data reports the
 * money received on services; `debits` — the host structure opted to pay VAT on debits (its
 * invoices print the option), VAT is due at invoicing like goods, and no payment data is due.
 */
export const SERVICES_VAT_DUE = ['receipts', 'debits'] as const;
export type ServicesVatDue = (typeof SERVICES_VAT_DUE)[number];

export interface EReportingFigures {
  hostStructureId: string;
  from: string;
  to: string;
  frequency: EReportingFrequency;
  servicesVatDue: ServicesVatDue;
  /** Why there is no payment data (`servicesVatDue: 'debits'`), or null when there is. */
  paymentsNote: string | null;
  periods: EReportingPeriod[];
}

export interface EReportingFile {
  filename: string;
  /** `text/csv; charset=utf-8` */
  contentType: string;
  /** The file's text, starting with a UTF-8 byte order mark. */
  content: string;
}
