import { InvoiceDeposit } from '@kpa/contracts';
import { legalMentions } from '../documents/legal-mentions';
import { PrintableDocument } from '../documents/printable';
import { aSellerIdentity } from '../documents/printable.test-helpers';
import { SellerIdentity } from '../sellers/seller';
import { InvoiceLineData, invoiceTotals } from '../invoices/invoice';
import { ClientSnapshot, creditNoteDocument, invoiceDocument, InvoiceDocumentInput } from '../invoices/invoice-document';

/** Frozen documents of every kind, built by the invoices slice's own builders, for the e-invoice tests. */

export const SELLER: SellerIdentity = aSellerIdentity({
  iban: 'FR7630006000011234567890189',
  bic: 'BNPAFRPP',
  electronicAddress: '120027016',
  phone: '03 20 00 00 00',
  email: 'facturation@cae-grand-nord.fr',
});

export const COMPANY: ClientSnapshot = {
  kind: 'company',
  name: 'Boulangerie du Pile',
  billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  chorusServiceCode: null,
};

export const TOWN: ClientSnapshot = {
  kind: 'public_body',
  name: 'Ville de Roubaix',
  billingAddress: { line: '17 Grand Place', postalCode: '59100', city: 'Roubaix' },
  siret: '21590512600003',
  vatNumber: null,
  chorusServiceCode: 'SERV-JARDINS',
};

export const PERSON: ClientSnapshot = {
  kind: 'individual',
  name: 'Łukasz Dağlı',
  billingAddress: { line: '8 rue de Lannoy', postalCode: '59100', city: 'Roubaix' },
  siret: null,
  vatNumber: null,
  chorusServiceCode: null,
};

export function aLine(description: string, quantity: string, unitPrice: string, vatRate: InvoiceLineData['vatRate'], exemptionReason: string | null = null): InvoiceLineData {
  return { description, quantity, unit: 'hour', unitPrice, vatRate, exemptionReason, catalogueItemId: null, nature: 'service' };
}

export const TWO_RATES: InvoiceLineData[] = [aLine('Repassage à domicile', '2.5', '18.1234', '5.5'), aLine('Atelier cuisine', '3', '45', '20')];

export function anInvoice(overrides: Partial<InvoiceDocumentInput> & { vatFranchise?: boolean; deposits?: InvoiceDeposit[] } = {}): PrintableDocument {
  const { vatFranchise = false, deposits = [], ...rest } = overrides;
  const client = rest.client ?? COMPANY;
  const seller = rest.seller ?? (vatFranchise ? { ...SELLER, vatNumber: null, vatFranchise: true } : SELLER);
  const lines = rest.lines ?? TWO_RATES;
  return invoiceDocument({
    kind: 'standard',
    number: 'LACAPE-F-2026-00042',
    issueDate: '2026-11-23',
    dueOn: '2026-12-23',
    paymentTermDays: 30,
    client,
    purchaseOrderNumber: null,
    commitmentNumber: null,
    quoteNumber: null,
    deliveryStartsOn: null,
    deliveryEndsOn: null,
    supplyDate: '2026-11-20',
    deliveryAddress: null,
    operationCategory: 'services',
    mentions: legalMentions({ clientKind: client.kind, vatFranchise, issueDate: '2026-11-23', vatOnDebits: seller.vatOnDebits }),
    ...rest,
    seller,
    lines,
    totals: invoiceTotals(lines, vatFranchise, deposits).totals,
  });
}

/** A deposit invoice of 30 % of TWO_RATES' work, then its final invoice deducting it. */
export function aDepositAndItsFinalInvoice(): { deposit: PrintableDocument; final: PrintableDocument } {
  const depositLines = [aLine('Acompte 30 % — repassage', '1', '13.59', '5.5'), aLine('Acompte 30 % — atelier cuisine', '1', '40.50', '20')];
  const deposit = anInvoice({ kind: 'deposit', number: 'LACAPE-F-2026-00040', issueDate: '2026-11-02', lines: depositLines });
  const depositTotals = invoiceTotals(depositLines, false).totals;
  const asDeducted: InvoiceDeposit = {
    invoiceId: '0190a000-0000-7000-8000-0000000000e1',
    number: 'LACAPE-F-2026-00040',
    issuedOn: '2026-11-02',
    net: depositTotals.net,
    vat: depositTotals.vat,
    total: depositTotals.total,
    vatBreakdown: depositTotals.vatBreakdown,
  };
  const final = anInvoice({ kind: 'final', number: 'LACAPE-F-2026-00042', deposits: [asDeducted] });
  return { deposit, final };
}

export function aCreditNote(invoice: PrintableDocument = anInvoice()): PrintableDocument {
  const lines = [aLine('Atelier cuisine (annulé)', '1', '45', '20')];
  const totals = invoiceTotals(lines, false).totals;
  return creditNoteDocument({
    number: 'LACAPE-A-2026-00003',
    issueDate: '2026-11-30',
    invoiceNumber: invoice.number ?? '',
    invoiceIssuedOn: invoice.issueDate,
    reason: 'Atelier annulé',
    operationCategory: 'services',
    seller: SELLER,
    client: invoice.client,
    lines,
    totals: { net: totals.net, vat: totals.vat, total: totals.total, vatBreakdown: totals.vatBreakdown, vatFranchise: false, vatExemptionNote: null },
    invoiceMentions: invoice.mentions,
    invoiceEInvoice: invoice.einvoice,
  });
}
