import { CatalogueUnit, ClientKind, computeTotals, formatCents, formatIban, PostalAddress, QuoteLine, QuoteVatBreakdown, VatRate } from '@kpa/contracts';
import type { SellerIdentity } from '../sellers/seller';

/** A document line as stored (quotes and invoices alike), before its net is computed. */
type StoredLine = Omit<QuoteLine, 'net'>;

/**
 * Everything a quote, an invoice or a credit note prints, already in its final words and figures:
 * the renderer (pdf/render-pdf.ts) lays it out and decides nothing. An issued invoice or credit note freezes
 * its PrintableDocument at issue (seller, client and mentions as they were that day), so its PDF
 * never changes even when the host structure or the client changes later.
 *
 * Amounts are decimal strings with two decimals ("152.05"); unit prices up to four; dates YYYY-MM-DD.
 */
export type PrintableKind = 'quote' | 'invoice' | 'deposit_invoice' | 'final_invoice' | 'credit_note';

/** The legal seller: the host structure (the CAE), never the member nor the site. */
export interface PrintableSeller {
  legalName: string;
  /** e.g. "SCOP SARL à capital variable"; null when unknown (the document then cannot be issued). */
  legalForm: string | null;
  /** "15000.00", or null (associations). */
  shareCapital: string | null;
  /** City of the RCS, or null if not registered. */
  rcsCity: string | null;
  siren: string;
  siret: string;
  /** Null under the VAT franchise. */
  vatNumber: string | null;
  /** Registered office, line by line ("12 rue de la Paix", "59100 Roubaix"). */
  address: string[];
  /** The KPA site the document comes from ("La Cape, Roubaix"), printed as the issuing establishment. */
  siteName: string;
  /*
   * What the e-invoicing reform added (issue 15). Optional: documents frozen before carry none of
   * them, and read as null / false.
   */
  /** Compact IBAN ("FR7630006000011234567890189"): invoices print it for a transfer; the e-invoice's BT-84. */
  iban?: string | null;
  bic?: string | null;
  /** The seller's routing address in the e-invoicing directory (BT-34). */
  electronicAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Opted to pay VAT on debits (the invoice's mentions then carry the option). */
  vatOnDebits?: boolean;
  /*
   * What the documents' audit added (issue 15, items 5 and 6); optional for the same reason.
   */
  /** SHA-256 of the host's logo when the document was made (commerce.logo_file keeps those bytes for ever), or null. */
  logoSha256?: string | null;
  /** The issuing site's address, line by line (empty: the site has none). */
  siteAddress?: string[];
  /** The consumer mediator (C. consom. L612-1, R616-1), or null. */
  consumerMediator?: { name: string; contact: string } | null;
}

export interface PrintableClient {
  kind: ClientKind;
  name: string;
  /** Billing address, line by line. */
  address: string[];
  siret: string | null;
  vatNumber: string | null;
  /** Public bodies: Chorus Pro service code. */
  serviceCode: string | null;
  /** Public bodies: the buyer's commitment number (numéro d'engagement). */
  commitmentNumber: string | null;
  /** The buyer's purchase order number, when it issued one (L441-9). */
  purchaseOrderNumber: string | null;
}

export interface PrintableLine {
  description: string;
  /** "2", "1.5". */
  quantity: string;
  /** French unit label as printed ("heure", "jour", "pièce", "forfait"). */
  unit: string;
  unitPrice: string;
  vatRate: VatRate;
  /** quantity × unitPrice rounded to the cent. */
  net: string;
  /**
   * Quotes to an individual only (C. consom. L112-1): the unit price and the line's total including
   * VAT, printed instead of the prices excluding VAT (libs/contracts document-totals linesInclVat).
   */
  unitPriceInclVat?: string;
  totalInclVat?: string;
}

/**
 * A final invoice's deduction at one VAT rate: the base and VAT its deposit invoices already charged
 * (Σ of their VAT groups at that rate), and the base and VAT that remain due (the invoice's group −
 * the deduction). Printed so that an accountant does not count the deposits' VAT twice: it was due
 * when each deposit was paid (CGI art. 269-2-c and 283-3; deposit invoices, art. 289 I-1-c).
 */
export interface PrintableDepositDeduction {
  category: 'S' | 'E';
  rate: VatRate;
  exemptionReason: string | null;
  depositBase: string;
  depositVat: string;
  dueBase: string;
  dueVat: string;
}

export interface PrintableTotals {
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
  /**
   * The seller is under the VAT franchise (CGI art. 293 B): the document prints no VAT column nor
   * VAT table, "Total" instead of "Total TTC", and the 293 B sentence.
   */
  vatFranchise: boolean;
  /** Final invoices: deposit invoices deducted, by number. */
  deposits: { number: string; issuedOn: string; total: string }[];
  /** Final invoices: the deposits' deduction and what remains due, per VAT rate (empty otherwise). */
  depositDeductions: PrintableDepositDeduction[];
  /** What the client still has to pay (total − deposits); equals total otherwise. */
  amountDue: string;
}

/** A labelled fact printed in the document's header ("Date d'échéance" → "2026-12-21"). */
export interface PrintableFact {
  label: string;
  value: string;
}

export interface PrintableDocument {
  kind: PrintableKind;
  /** "Devis", "Facture", "Facture d'acompte", "Facture de solde", "Avoir". */
  title: string;
  /** Null on a draft preview (printed "BROUILLON — document sans valeur"), set once issued or sent. */
  number: string | null;
  issueDate: string;
  seller: PrintableSeller;
  client: PrintableClient;
  /**
   * Header facts in order, already labelled in French: due date, supply dates or period, validity
   * (quotes), execution place, the original invoice of a credit note, the quote an invoice comes
   * from, the operation category ("Prestations de services").
   */
  facts: PrintableFact[];
  lines: PrintableLine[];
  totals: PrintableTotals;
  /** Legal sentences in order (VAT franchise, payment terms, penalties, 40 € for business only, CAPE R127-3). */
  mentions: string[];
  /** Quotes: the "Bon pour accord" signature area. */
  acceptanceArea: boolean;
  /** Off-premises quotes to individuals: the 14-day withdrawal notice and form (C. consom. L221-18). */
  withdrawalNotice: boolean;
  /**
   * What the e-invoice (Factur-X / CII, e-invoicing/en16931.ts) needs besides the printed words, frozen
   * with the rest at issue so the XML never reads live data. Invoices and credit notes issued since
   * issue 15; absent on quotes and on documents frozen before.
   */
  einvoice?: PrintableEInvoiceFacts;
  /**
   * Only on the receipted copy of a fully paid invoice (invoices/receipted-invoice.ts), never on the
   * invoice itself: the copy prints "FACTURE ACQUITTÉE", the money received and the day it was paid.
   */
  receipt?: PrintableReceipt;
}

/** One settlement row of a receipted copy: a payment (positive), a credit note (positive), a refund (negative). */
export interface PrintableReceiptRow {
  date: string;
  /** "Paiement — Virement", "Avoir N° LACAPE-A-2026-00003", "Remboursement — Chèque". */
  label: string;
  amount: string;
}

export interface PrintableReceipt {
  /** The day of the last payment: "Acquittée le …". */
  paidOn: string;
  rows: PrintableReceiptRow[];
  /** Σ rows: the amount due, plus what is still to be refunded to the client. */
  total: string;
  /** Money the seller still owes back (a credit note on a paid part not refunded yet), or null. */
  refundDue: string | null;
}

/** Structured facts of an issued invoice or credit note, for its EN 16931 e-invoice. */
export interface PrintableEInvoiceFacts {
  /** Nature of the operation (BT-23 letter: B goods, S services, M mixed). */
  operationCategory: 'goods' | 'services' | 'mixed';
  /** BT-9, YYYY-MM-DD; null on a credit note. */
  dueDate: string | null;
  /** BT-20 as printed: "Paiement à 30 jours"; null on a credit note. */
  paymentTerms: string | null;
  /** BT-72: the date of the supply, or null. */
  supplyDate: string | null;
  /** BG-14: the period of the supply, or null. */
  periodStart: string | null;
  periodEnd: string | null;
  /** BT-25/26: the invoice a credit note corrects, the deposit invoices a final invoice deducts. */
  precedingInvoices: { number: string; issueDate: string }[];
  sellerAddress: PostalAddress | null;
  buyerAddress: PostalAddress;
}

/** French unit labels as printed. */
export const UNIT_LABELS: Record<CatalogueUnit, string> = { hour: 'heure', day: 'jour', piece: 'pièce', flat_rate: 'forfait' };

/** The seller's registered office on lines, from its read-model identity. */
export function addressLines(addressLine: string | null, postalCode: string | null, city: string): string[] {
  return [addressLine, [postalCode, city].filter(Boolean).join(' ')].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

/** ["12 rue de la Paix", "59000 Lille"] back into its parts (a French address as addressLines prints it). */
export function addressFromLines(lines: readonly string[]): PostalAddress {
  const last = lines[lines.length - 1] ?? '';
  const match = /^(\d{5})\s+(.+)$/.exec(last);
  return { line: lines.slice(0, -1).join(', '), postalCode: match ? match[1] : '', city: match ? match[2] : last };
}

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
    iban: seller.iban,
    bic: seller.bic,
    electronicAddress: seller.electronicAddress,
    phone: seller.phone,
    email: seller.email,
    vatOnDebits: seller.vatOnDebits,
    logoSha256: seller.logoSha256,
    siteAddress: seller.siteAddress,
    consumerMediator: seller.consumerMediator,
  };
}

/**
 * The KPA site that issued the document, under the seller: "Établissement émetteur : KPA La Cape,
 * 1 rue de l'Épeule, 59100 Roubaix" when the site has an address (the host's registered office stays
 * the seller's legal address), else its name alone, as documents printed before it had one.
 */
export function issuingSiteLine(seller: Pick<PrintableSeller, 'siteName' | 'siteAddress'>): string {
  const address = seller.siteAddress ?? [];
  if (address.length === 0) return `Établissement : ${seller.siteName}`;
  const name = /^kpa\b/i.test(seller.siteName) ? seller.siteName : `KPA ${seller.siteName}`;
  return `Établissement émetteur : ${[name, ...address].join(', ')}`;
}

/** Invoices ask for a payment; quotes and credit notes do not. */
const ASKS_FOR_PAYMENT: ReadonlySet<PrintableKind> = new Set(['invoice', 'deposit_invoice', 'final_invoice']);

/**
 * The seller block's contact and bank lines, in French: phone and e-mail on every document; on
 * invoices, how to pay by transfer (IBAN in groups of four, BIC), as French clients expect.
 */
export function sellerContactLines(doc: Pick<PrintableDocument, 'kind' | 'seller'>): string[] {
  const s = doc.seller;
  const lines: string[] = [];
  const contact = [s.phone ? `Tél. ${s.phone}` : null, s.email ?? null].filter((part): part is string => typeof part === 'string' && part !== '');
  if (contact.length > 0) lines.push(contact.join(' — '));
  if (ASKS_FOR_PAYMENT.has(doc.kind) && s.iban) {
    lines.push(`Paiement par virement — IBAN ${formatIban(s.iban)}${s.bic ? ` — BIC ${s.bic}` : ''}`);
  }
  return lines;
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
export function printableLines(lines: readonly StoredLine[], vatFranchise: boolean): PrintableLine[] {
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
