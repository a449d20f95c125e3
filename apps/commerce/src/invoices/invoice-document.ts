import { ClientKind, CreditNoteTotals, formatCents, InvoiceKind, InvoiceTotals, OperationCategory, PostalAddress } from '@kpa/contracts';
import { computeTotals } from '../documents/amounts';
import {
  DEFAULT_LATE_PENALTY_SENTENCE,
  NO_EARLY_PAYMENT_DISCOUNT_SENTENCE,
  PUBLIC_BODY_LATE_INTEREST_SENTENCE,
  RECOVERY_INDEMNITY_SENTENCE,
} from '../documents/legal-mentions';
import { addressLines, PrintableClient, PrintableDocument, PrintableFact, PrintableKind, PrintableLine, PrintableSeller, UNIT_LABELS } from '../documents/printable';
import type { SellerIdentity } from '../sellers/seller';
import { InvoiceLineData } from './invoice';

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

/** The client as printed, from the client's record at the document's date. */
export interface ClientSnapshot {
  kind: ClientKind;
  name: string;
  billingAddress: PostalAddress;
  siret: string | null;
  vatNumber: string | null;
  chorusServiceCode: string | null;
}

export function printableSeller(seller: SellerIdentity): PrintableSeller {
  return {
    legalName: seller.legalName,
    legalForm: seller.legalForm,
    shareCapital: seller.shareCapital,
    rcsCity: seller.rcsCity,
    siren: seller.siren,
    siret: seller.siret,
    vatNumber: seller.vatNumber,
    address: addressLines(seller.addressLine, seller.postalCode, seller.city),
    siteName: seller.siteName,
  };
}

export function printableClient(client: ClientSnapshot, purchaseOrderNumber: string | null, commitmentNumber: string | null): PrintableClient {
  const publicBody = client.kind === 'public_body';
  return {
    kind: client.kind,
    name: client.name,
    address: [client.billingAddress.line, `${client.billingAddress.postalCode} ${client.billingAddress.city}`],
    siret: client.siret,
    vatNumber: client.vatNumber,
    serviceCode: publicBody ? client.chorusServiceCode : null,
    commitmentNumber: publicBody ? commitmentNumber : null,
    purchaseOrderNumber,
  };
}

/** Lines as printed: the rate actually charged (0 under the VAT franchise) and the net to the cent. */
export function printableLines(lines: readonly InvoiceLineData[], vatFranchise: boolean): PrintableLine[] {
  const computed = computeTotals(lines, { vatFranchise });
  return lines.map((line, index) => ({
    description: line.description,
    quantity: line.quantity,
    unit: UNIT_LABELS[line.unit],
    unitPrice: line.unitPrice,
    vatRate: computed.lines[index].vatRate,
    net: formatCents(computed.lines[index].netCents),
  }));
}

export interface InvoiceDocumentInput {
  kind: InvoiceKind;
  number: string | null;
  issueDate: string;
  dueOn: string;
  paymentTermDays: number;
  seller: SellerIdentity;
  client: ClientSnapshot;
  purchaseOrderNumber: string | null;
  commitmentNumber: string | null;
  quoteNumber: string | null;
  deliveryStartsOn: string | null;
  deliveryEndsOn: string | null;
  supplyDate: string | null;
  operationCategory: OperationCategory;
  lines: readonly InvoiceLineData[];
  totals: InvoiceTotals;
  mentions: string[];
}

/** An invoice (standard, deposit or final) as printed. */
export function invoiceDocument(input: InvoiceDocumentInput): PrintableDocument {
  const facts: PrintableFact[] = [{ label: "Date d'échéance", value: input.dueOn }];
  facts.push({ label: 'Conditions de paiement', value: input.paymentTermDays === 0 ? 'Paiement à réception' : `Paiement à ${input.paymentTermDays} jours` });
  if (input.supplyDate) facts.push({ label: input.operationCategory === 'goods' ? 'Date de livraison' : 'Date de la prestation', value: input.supplyDate });
  if (input.deliveryStartsOn && input.deliveryEndsOn) facts.push({ label: "Période d'exécution", value: `du ${input.deliveryStartsOn} au ${input.deliveryEndsOn}` });
  if (input.quoteNumber) facts.push({ label: 'Devis', value: input.quoteNumber });
  facts.push({ label: "Nature de l'opération", value: OPERATION_LABELS[input.operationCategory] });
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
      deposits: input.totals.deposits.map((d) => ({ number: d.number, issuedOn: d.issuedOn, total: d.total })),
      amountDue: input.totals.amountDue,
    },
    mentions: input.mentions,
    acceptanceArea: false,
    withdrawalNotice: false,
  };
}

const PAYMENT_SENTENCES = new Set([NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, DEFAULT_LATE_PENALTY_SENTENCE, PUBLIC_BODY_LATE_INTEREST_SENTENCE, RECOVERY_INDEMNITY_SENTENCE]);

/**
 * A credit note prints the invoice's mentions (VAT franchise, CAPE) but not its payment terms: it
 * asks for no payment, so no penalty and no recovery indemnity apply to it.
 */
export function creditNoteMentions(invoiceMentions: readonly string[]): string[] {
  return invoiceMentions.filter((sentence) => !PAYMENT_SENTENCES.has(sentence) && !sentence.startsWith('En cas de retard de paiement'));
}

export interface CreditNoteDocumentInput {
  number: string;
  issueDate: string;
  invoiceNumber: string;
  invoiceIssuedOn: string;
  reason: string | null;
  seller: SellerIdentity;
  /** The client as the invoice printed it. */
  client: PrintableClient;
  lines: readonly InvoiceLineData[];
  totals: CreditNoteTotals;
  invoiceMentions: readonly string[];
}

/** A credit note (avoir): its own number, the invoice it corrects (number and date), the amounts it cancels. */
export function creditNoteDocument(input: CreditNoteDocumentInput): PrintableDocument {
  const facts: PrintableFact[] = [{ label: 'Facture rectifiée', value: `${input.invoiceNumber} du ${input.invoiceIssuedOn}` }];
  if (input.reason) facts.push({ label: 'Motif', value: input.reason });
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
      deposits: [],
      amountDue: input.totals.total,
    },
    mentions: creditNoteMentions(input.invoiceMentions),
    acceptanceArea: false,
    withdrawalNotice: false,
  };
}
