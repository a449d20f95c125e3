import type { SellerIdentity } from '../sellers/seller';
import { legalMentions } from './legal-mentions';
import { PrintableDocument } from './printable';

/** Builders the unit and integration tests of printed documents share. */

/** La Cape, carried by the VAT-registered CAE Grand Nord with its whole legal identity. */
export function aSellerIdentity(overrides: Partial<SellerIdentity> = {}): SellerIdentity {
  return {
    siteId: '0190a000-0000-7000-8000-000000000051',
    siteCode: 'LACAPE',
    siteName: 'La Cape, Roubaix',
    vatFranchise: false,
    hostStructureId: '0190a000-0000-7000-8000-000000000041',
    legalName: 'CAE Grand Nord',
    legalForm: 'SCOP SARL à capital variable',
    shareCapital: '15000.00',
    rcsCity: 'Lille',
    siren: '120027016',
    siret: '12002701600357',
    vatNumber: 'FR85120027016',
    addressLine: '12 rue de la Paix',
    postalCode: '59000',
    city: 'Lille',
    iban: null,
    bic: null,
    electronicAddress: null,
    phone: null,
    email: null,
    vatOnDebits: false,
    consumerMediator: null,
    logoSha256: null,
    siteAddress: [],
    ...overrides,
  };
}

/** A business invoice of that CAE, as the invoices slice freezes it at issue. */
export function aPrintableInvoice(overrides: Partial<PrintableDocument> = {}): PrintableDocument {
  return {
    kind: 'invoice',
    title: 'Facture',
    number: 'LACAPE-F-2026-00042',
    issueDate: '2026-11-21',
    seller: {
      legalName: 'CAE Grand Nord',
      legalForm: 'SCOP SARL à capital variable',
      shareCapital: '15000.00',
      rcsCity: 'Lille',
      siren: '120027016',
      siret: '12002701600357',
      vatNumber: 'FR85120027016',
      address: ['12 rue de la Paix', '59000 Lille'],
      siteName: 'La Cape, Roubaix',
    },
    client: {
      kind: 'company',
      name: 'Boulangerie du Pile',
      address: ['3 place de la Liberté', '59100 Roubaix'],
      siret: '12002701600357',
      vatNumber: 'FR85120027016',
      serviceCode: null,
      commitmentNumber: null,
      purchaseOrderNumber: 'BC-2026-117',
    },
    facts: [
      { label: "Date d'échéance", value: '2026-12-21' },
      { label: 'Date de la prestation', value: 'du 2026-11-02 au 2026-11-06' },
      { label: "Catégorie d'opération", value: 'Prestations de services' },
    ],
    lines: [
      { description: 'Repassage à domicile', quantity: '2.5', unit: 'heure', unitPrice: '18.1234', vatRate: '5.5', net: '45.31' },
      { description: 'Déplacement', quantity: '1', unit: 'forfait', unitPrice: '1234.56', vatRate: '20', net: '1234.56' },
    ],
    totals: {
      net: '1279.87',
      vat: '249.40',
      total: '1529.27',
      vatBreakdown: [
        { category: 'S', rate: '20', exemptionReason: null, base: '1234.56', vat: '246.91' },
        { category: 'S', rate: '5.5', exemptionReason: null, base: '45.31', vat: '2.49' },
      ],
      vatFranchise: false,
      deposits: [],
      depositDeductions: [],
      amountDue: '1529.27',
    },
    mentions: legalMentions({ clientKind: 'company', vatFranchise: false, issueDate: '2026-11-21' }),
    acceptanceArea: false,
    withdrawalNotice: false,
    ...overrides,
  };
}
