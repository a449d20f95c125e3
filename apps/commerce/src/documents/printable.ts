import { CatalogueUnit, ClientKind, QuoteVatBreakdown, VatRate } from '@kpa/contracts';

/**
 * Everything a quote, an invoice or a credit note prints, already in its final words and figures:
 * the renderer (pdf.ts) lays it out and decides nothing. An issued invoice or credit note freezes
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
}

export interface PrintableTotals {
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
  /** Final invoices: deposit invoices deducted, by number. */
  deposits: { number: string; issuedOn: string; total: string }[];
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
  /** Null on a draft preview (printed "Brouillon — sans valeur"), set once issued or sent. */
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
}

/** French unit labels as printed. */
export const UNIT_LABELS: Record<CatalogueUnit, string> = { hour: 'heure', day: 'jour', piece: 'pièce', flat_rate: 'forfait' };

/** The seller's registered office on lines, from its read-model identity. */
export function addressLines(addressLine: string | null, postalCode: string | null, city: string): string[] {
  return [addressLine, [postalCode, city].filter(Boolean).join(' ')].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}
