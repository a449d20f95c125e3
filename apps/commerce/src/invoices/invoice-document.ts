import {
  addDays,
  compareDates,
  CreditNoteTotals,
  formatCents,
  InvoiceDeposit,
  InvoiceKind,
  InvoiceTotals,
  OperationCategory,
  PostalAddress,
  QuoteVatBreakdown,
} from '@kpa/contracts';
import {
  DEFAULT_LATE_PENALTY_SENTENCE,
  NO_EARLY_PAYMENT_DISCOUNT_SENTENCE,
  OFF_PREMISES_PAYMENT_PREFIX,
  PUBLIC_BODY_LATE_INTEREST_SENTENCE,
  RECOVERY_INDEMNITY_SENTENCE,
} from '../documents/legal-mentions';
import {
  ClientSnapshot,
  PrintableClient,
  PrintableDepositDeduction,
  PrintableDocument,
  PrintableEInvoiceFacts,
  PrintableFact,
  PrintableKind,
  addressFromLines,
  printableClient,
  printableLines,
  printableSeller,
} from '../documents/printable';
import type { SellerIdentity } from '../sellers/seller';
import { InvoiceLineData, sumRates, toRateAmounts } from './invoice';

export type { ClientSnapshot };

/**
 * What an invoice or a credit note prints (documents/printable.ts, the contract with the PDF
 * renderer), in French, built from plain values: the issue freezes it in the invoice row.
 */

const KINDS: Record<InvoiceKind, { kind: PrintableKind; title: string }> = {
  standard: { kind: 'invoice', title: 'Facture' },
  deposit: { kind: 'deposit_invoice', title: "Facture d'acompte" },
  final: { kind: 'final_invoice', title: 'Facture de solde' },
};

const OPERATION_LABELS: Record<OperationCategory, string> = {
  services: 'Prestations de services',
  goods: 'Livraison de biens',
  mixed: 'Livraison de biens et prestations de services',
};

const SUPPLY_DATE_LABELS: Record<OperationCategory, string> = {
  services: 'Date de la prestation',
  goods: 'Date de livraison',
  mixed: 'Date de livraison et de la prestation',
};

export interface InvoiceDocumentInput {
  kind: InvoiceKind;
  number: string | null;
  issueDate: string;
  dueOn: string;
  paymentTermDays: number;
  /** Off-premises contracts (C. consom. L221-10): no payment may be received before this day. */
  firstPaymentOn?: string | null;
  seller: SellerIdentity;
  client: ClientSnapshot;
  purchaseOrderNumber: string | null;
  commitmentNumber: string | null;
  quoteNumber: string | null;
  deliveryStartsOn: string | null;
  deliveryEndsOn: string | null;
  supplyDate: string | null;
  operationCategory: OperationCategory;
  /** Goods delivered elsewhere than the client's address. */
  deliveryAddress: string | null;
  lines: readonly InvoiceLineData[];
  totals: InvoiceTotals;
  mentions: string[];
}

/**
 * What a final invoice deducts at each VAT rate and what remains due there: the deposits' VAT groups
 * summed by rate (the same groups the API returns in totals.deposits[].vatBreakdown), subtracted
 * from the invoice's own. Σ (dueBase + dueVat) = amountDue, to the cent. Empty without deposits.
 */
export function depositDeductions(vatBreakdown: readonly QuoteVatBreakdown[], deposits: readonly InvoiceDeposit[]): PrintableDepositDeduction[] {
  if (deposits.length === 0) return [];
  const invoiced = toRateAmounts(vatBreakdown);
  const deducted = sumRates(...deposits.map((deposit) => toRateAmounts(deposit.vatBreakdown)));
  // Every rate of either side, in the order of VAT_RATES (issue refuses a deposit rate the invoice lacks).
  return sumRates(invoiced, deducted).map((group) => {
    const own = invoiced.find((g) => g.rate === group.rate);
    const taken = deducted.find((g) => g.rate === group.rate);
    const ownBase = own?.baseCents ?? 0;
    const ownVat = own?.vatCents ?? 0;
    return {
      category: group.category,
      rate: group.rate,
      exemptionReason: group.exemptionReason,
      depositBase: formatCents(taken?.baseCents ?? 0),
      depositVat: formatCents(taken?.vatCents ?? 0),
      dueBase: formatCents(ownBase - (taken?.baseCents ?? 0)),
      dueVat: formatCents(ownVat - (taken?.vatCents ?? 0)),
    };
  });
}

/** An invoice (standard, deposit or final) as printed. */
export function invoiceDocument(input: InvoiceDocumentInput): PrintableDocument {
  const facts: PrintableFact[] = [{ label: "Date d'échéance", value: input.dueOn }];
  const terms = input.paymentTermDays === 0 ? 'Paiement à réception' : `Paiement à ${input.paymentTermDays} jours`;
  const firstPaymentOn = input.firstPaymentOn ?? null;
  facts.push({
    label: 'Conditions de paiement',
    // "à réception" would invite a payment the law forbids during the first 7 days (L221-10).
    value: firstPaymentOn !== null && compareDates(firstPaymentOn, addDays(input.issueDate, input.paymentTermDays)) >= 0 ? `Paiement à partir du ${firstPaymentOn}` : terms,
  });
  if (input.supplyDate) facts.push({ label: SUPPLY_DATE_LABELS[input.operationCategory], value: input.supplyDate });
  if (input.deliveryStartsOn && input.deliveryEndsOn) facts.push({ label: "Période d'exécution", value: `du ${input.deliveryStartsOn} au ${input.deliveryEndsOn}` });
  if (input.quoteNumber) facts.push({ label: 'Devis', value: input.quoteNumber });
  facts.push({ label: "Nature de l'opération", value: OPERATION_LABELS[input.operationCategory] });
  // CGI ann. II 242 nonies A (décret 2022-1299): goods delivered elsewhere than the client's address.
  if (input.deliveryAddress) facts.push({ label: 'Adresse de livraison', value: input.deliveryAddress });
  return {
    ...KINDS[input.kind],
    number: input.number,
    issueDate: input.issueDate,
    seller: printableSeller(input.seller),
    client: printableClient(input.client, input.purchaseOrderNumber, input.commitmentNumber),
    facts,
    lines: printableLines(input.lines, input.totals.vatFranchise),
    totals: {
      net: input.totals.net,
      vat: input.totals.vat,
      total: input.totals.total,
      vatBreakdown: input.totals.vatBreakdown,
      vatFranchise: input.totals.vatFranchise,
      deposits: input.totals.deposits.map((d) => ({ number: d.number, issuedOn: d.issuedOn, total: d.total })),
      depositDeductions: depositDeductions(input.totals.vatBreakdown, input.totals.deposits),
      amountDue: input.totals.amountDue,
    },
    mentions: input.mentions,
    acceptanceArea: false,
    withdrawalNotice: false,
    einvoice: {
      operationCategory: input.operationCategory,
      dueDate: input.dueOn,
      paymentTerms: facts[1].value,
      supplyDate: input.supplyDate,
      periodStart: input.deliveryStartsOn && input.deliveryEndsOn ? input.deliveryStartsOn : null,
      periodEnd: input.deliveryStartsOn && input.deliveryEndsOn ? input.deliveryEndsOn : null,
      precedingInvoices: input.totals.deposits.map((d) => ({ number: d.number, issueDate: d.issuedOn })),
      sellerAddress: sellerPostalAddress(input.seller),
      buyerAddress: { ...input.client.billingAddress },
    },
  };
}

/** The seller's registered office as a postal address, when its postal code is known. */
function sellerPostalAddress(seller: SellerIdentity): PostalAddress | null {
  return seller.postalCode ? { line: seller.addressLine ?? '', postalCode: seller.postalCode, city: seller.city } : null;
}

const PAYMENT_SENTENCES = new Set([NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, DEFAULT_LATE_PENALTY_SENTENCE, PUBLIC_BODY_LATE_INTEREST_SENTENCE, RECOVERY_INDEMNITY_SENTENCE]);

/**
 * A credit note prints the invoice's mentions (VAT franchise, CAPE) but not its payment terms: it
 * asks for no payment, so no penalty and no recovery indemnity apply to it.
 */
export function creditNoteMentions(invoiceMentions: readonly string[]): string[] {
  return invoiceMentions.filter(
    (sentence) => !PAYMENT_SENTENCES.has(sentence) && !sentence.startsWith('En cas de retard de paiement') && !sentence.startsWith(OFF_PREMISES_PAYMENT_PREFIX),
  );
}

export interface CreditNoteDocumentInput {
  number: string;
  issueDate: string;
  invoiceNumber: string;
  invoiceIssuedOn: string;
  /** The corrected invoice's nature of operation (CGI ann. II 242 nonies A 8° bis): a credit note carries every invoice mention. */
  operationCategory: OperationCategory;
  reason: string | null;
  seller: SellerIdentity;
  /** The client as the invoice printed it. */
  client: PrintableClient;
  lines: readonly InvoiceLineData[];
  totals: CreditNoteTotals;
  invoiceMentions: readonly string[];
  /** The corrected invoice's e-invoice facts (absent when it was frozen before issue 15). */
  invoiceEInvoice?: PrintableEInvoiceFacts;
}

/** A credit note (avoir): its own number, the invoice it corrects (number and date), the amounts it cancels. */
export function creditNoteDocument(input: CreditNoteDocumentInput): PrintableDocument {
  const facts: PrintableFact[] = [{ label: 'Facture rectifiée', value: `${input.invoiceNumber} du ${input.invoiceIssuedOn}` }];
  if (input.reason) facts.push({ label: 'Motif', value: input.reason });
  facts.push({ label: "Nature de l'opération", value: OPERATION_LABELS[input.operationCategory] });
  return {
    kind: 'credit_note',
    title: 'Avoir',
    number: input.number,
    issueDate: input.issueDate,
    seller: printableSeller(input.seller),
    client: input.client,
    facts,
    lines: printableLines(input.lines, input.totals.vatFranchise),
    totals: {
      net: input.totals.net,
      vat: input.totals.vat,
      total: input.totals.total,
      vatBreakdown: input.totals.vatBreakdown,
      vatFranchise: input.totals.vatFranchise,
      deposits: [],
      depositDeductions: [],
      amountDue: input.totals.total,
    },
    mentions: creditNoteMentions(input.invoiceMentions),
    acceptanceArea: false,
    withdrawalNotice: false,
    einvoice: {
      operationCategory: input.invoiceEInvoice?.operationCategory ?? 'services',
      dueDate: null,
      paymentTerms: null,
      supplyDate: input.invoiceEInvoice?.supplyDate ?? null,
      periodStart: input.invoiceEInvoice?.periodStart ?? null,
      periodEnd: input.invoiceEInvoice?.periodEnd ?? null,
      precedingInvoices: [{ number: input.invoiceNumber, issueDate: input.invoiceIssuedOn }],
      sellerAddress: sellerPostalAddress(input.seller),
      buyerAddress: input.invoiceEInvoice?.buyerAddress ?? addressFromLines(input.client.address),
    },
  };
}
