import type { Invoice } from '@e-invoice-eu/core';
import { PostalAddress, VAT_FRANCHISE_NOTE, VAT_FRANCHISE_REASON } from '@kpa/contracts';
import { NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, RECOVERY_INDEMNITY_SENTENCE } from '../documents/legal-mentions';
import { addressFromLines, PrintableDocument, PrintableEInvoiceFacts, PrintableKind, PrintableLine } from '../documents/printable';

/**
 * A frozen invoice or credit note (documents/printable.ts) as an EN 16931 invoice, in the JSON that
 * @e-invoice-eu/core serialises to CII (and embeds in a Factur-X): the semantic model's business
 * terms in their UBL names. Pure: everything comes from the frozen document, never from live data,
 * so the XML says what the PDF says, to the cent. docs/e-invoicing.md lists each business term.
 */
export type En16931Invoice = Invoice;
type InvoiceBody = Invoice['ubl:Invoice'];
type Line = InvoiceBody['cac:InvoiceLine'][number];
type BuyerParty = InvoiceBody['cac:AccountingCustomerParty']['cac:Party'];
type SellerParty = InvoiceBody['cac:AccountingSupplierParty']['cac:Party'];
type VatBreakdown = NonNullable<InvoiceBody['cac:TaxTotal'][0]['cac:TaxSubtotal']>[number];

/** BT-24: the EN 16931 core specification (Factur-X profile EN 16931). */
export const EN16931_SPECIFICATION = 'urn:cen.eu:en16931:2017';

/** BT-3 (UNTDID 1001): 380 commercial invoice, 386 prepayment (deposit) invoice, 381 credit note. */
export const TYPE_CODES: Record<Exclude<PrintableKind, 'quote'>, '380' | '386' | '381'> = {
  invoice: '380',
  deposit_invoice: '386',
  final_invoice: '380',
  credit_note: '381',
};

/** UN/ECE Rec. 20 unit codes of the printed units. */
const UNIT_CODES: Record<string, string> = { heure: 'HUR', jour: 'DAY', pièce: 'H87', forfait: 'LS' };

/** ISO 6523 schemes: 0002 SIREN (the library refuses 0225), 0009 SIRET. */
const SIREN_SCHEME = '0002';
const SIRET_SCHEME = '0009';

/**
 * BT-23, the billing framework of the French reform (cadre de facturation, rule BR-FR-08): a
 * letter for the nature of the operation (B goods, S services, M both) and a digit for the case
 * (1 an invoice to pay, 4 a final invoice after deposits). The platform issues no "already paid"
 * (2) invoice: a payment is recorded after its invoice.
 */
export function billingFramework(doc: PrintableDocument): string {
  const letter = { goods: 'B', services: 'S', mixed: 'M' }[facts(doc).operationCategory];
  const digit = doc.kind === 'final_invoice' && doc.totals.deposits.length > 0 ? '4' : '1';
  return `${letter}${digit}`;
}

const EUR = 'EUR' as const;

/** The e-invoice facts frozen with the document, or what a document frozen before issue 15 still tells. */
function facts(doc: PrintableDocument): PrintableEInvoiceFacts {
  if (doc.einvoice) return doc.einvoice;
  const fact = (label: string) => doc.facts.find((f) => f.label === label)?.value ?? null;
  const category = fact("Nature de l'opération") ?? '';
  const supply = fact('Date de la prestation') ?? fact('Date de livraison');
  const period = /^du (\d{4}-\d{2}-\d{2}) au (\d{4}-\d{2}-\d{2})$/.exec(fact("Période d'exécution") ?? supply ?? '');
  return {
    operationCategory: category.startsWith('Livraison de biens et') ? 'mixed' : category.startsWith('Livraison') ? 'goods' : 'services',
    dueDate: fact("Date d'échéance"),
    paymentTerms: fact('Conditions de paiement'),
    supplyDate: supply !== null && /^\d{4}-\d{2}-\d{2}$/.test(supply) ? supply : null,
    periodStart: period?.[1] ?? null,
    periodEnd: period?.[2] ?? null,
    precedingInvoices: doc.totals.deposits.map((d) => ({ number: d.number, issueDate: d.issuedOn })),
    sellerAddress: null,
    buyerAddress: addressFromLines(doc.client.address),
  };
}

function postalAddress(address: PostalAddress): SellerParty['cac:PostalAddress'] {
  return {
    ...(address.line ? { 'cbc:StreetName': address.line } : {}),
    'cbc:CityName': address.city,
    ...(address.postalCode ? { 'cbc:PostalZone': address.postalCode } : {}),
    'cac:Country': { 'cbc:IdentificationCode': 'FR' },
  };
}

/** The sentences of BT-20 (payment terms): the early-payment discount, the late penalties, the 40 € indemnity. */
export function isPaymentSentence(sentence: string): boolean {
  return sentence === NO_EARLY_PAYMENT_DISCOUNT_SENTENCE || sentence === RECOVERY_INDEMNITY_SENTENCE || sentence.startsWith('En cas de retard de paiement');
}

/** A price of at most 2 decimals for BT-146 (the library refuses more): 18.1234 per 1 is written 1812.34 per 100 (BT-149). */
function price(unitPrice: string): { amount: string; baseQuantity: string | null } {
  const [integer, fraction = ''] = unitPrice.replace('-', '').split('.');
  const decimals = fraction.replace(/0+$/, '');
  if (decimals.length <= 2) return { amount: `${integer}.${decimals.padEnd(2, '0')}`, baseQuantity: null };
  const hundredths = BigInt(integer + fraction.padEnd(4, '0'));
  const amount = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return { amount, baseQuantity: '100' };
}

/** The VAT category of a line or a rate (BT-151, BT-118): S at a positive rate, E (exempt) at 0 %. */
function category(rate: string): 'S' | 'E' {
  return rate === '0' ? 'E' : 'S';
}

function line(printed: PrintableLine, index: number): Line {
  const { amount, baseQuantity } = price(printed.unitPrice);
  // A discount (negative unit price) keeps a positive item price (BR-27): the quantity carries the sign.
  const negative = printed.unitPrice.startsWith('-');
  const unitCode = UNIT_CODES[printed.unit] ?? 'C62';
  return {
    'cbc:ID': String(index + 1),
    'cbc:InvoicedQuantity': negative ? `-${printed.quantity}` : printed.quantity,
    'cbc:InvoicedQuantity@unitCode': unitCode,
    'cbc:LineExtensionAmount': printed.net,
    'cbc:LineExtensionAmount@currencyID': EUR,
    'cac:Item': {
      'cbc:Name': printed.description,
      'cac:ClassifiedTaxCategory': { 'cbc:ID': category(printed.vatRate), 'cbc:Percent': printed.vatRate, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
    },
    'cac:Price': {
      'cbc:PriceAmount': amount,
      'cbc:PriceAmount@currencyID': EUR,
      ...(baseQuantity ? { 'cbc:BaseQuantity': baseQuantity, 'cbc:BaseQuantity@unitCode': unitCode } : {}),
    },
  } as Line;
}

/** BT-120/121 of an exempt breakdown: a VATEX code goes to BT-121 (the franchise with its text), anything else is the text. */
function exemption(reason: string | null, vatFranchise: boolean): Partial<VatBreakdown['cac:TaxCategory']> {
  if (vatFranchise || reason === VAT_FRANCHISE_REASON) return { 'cbc:TaxExemptionReasonCode': VAT_FRANCHISE_REASON, 'cbc:TaxExemptionReason': VAT_FRANCHISE_NOTE } as never;
  if (reason === null) return {};
  return (/^VATEX-/i.test(reason) ? { 'cbc:TaxExemptionReasonCode': reason.toUpperCase() } : { 'cbc:TaxExemptionReason': reason }) as never;
}

function seller(doc: PrintableDocument): SellerParty {
  const s = doc.seller;
  const additional = [s.legalForm, s.shareCapital ? `au capital de ${s.shareCapital} EUR` : null, s.rcsCity ? `RCS ${s.rcsCity}` : null].filter(Boolean).join(', ');
  const address = facts(doc).sellerAddress ?? addressFromLines(s.address);
  const taxSchemes: SellerParty['cac:PartyTaxScheme'] = s.vatNumber
    ? [{ 'cbc:CompanyID': s.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }]
    : // Under the franchise there is no VAT number; BR-E-02 then wants the tax registration id (BT-32): the SIREN.
      [{ 'cbc:CompanyID': s.siren, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }];
  const contact = { ...(s.phone ? { 'cbc:Telephone': s.phone } : {}), ...(s.email ? { 'cbc:ElectronicMail': s.email } : {}) };
  return {
    ...(s.electronicAddress ? { 'cbc:EndpointID': s.electronicAddress, 'cbc:EndpointID@schemeID': SIREN_SCHEME } : {}),
    'cac:PostalAddress': postalAddress(address),
    'cac:PartyTaxScheme': taxSchemes,
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': s.legalName,
      'cbc:CompanyID': s.siren,
      'cbc:CompanyID@schemeID': SIREN_SCHEME,
      ...(additional ? { 'cbc:CompanyLegalForm': additional } : {}),
    },
    ...(Object.keys(contact).length > 0 ? { 'cac:Contact': contact } : {}),
  } as SellerParty;
}

function buyer(doc: PrintableDocument): BuyerParty {
  const c = doc.client;
  const siret = c.kind === 'individual' ? null : (c.siret?.replace(/\s/g, '') ?? null);
  const siren = siret?.slice(0, 9) ?? null;
  return {
    // BT-49: the directory's default routing address of a business is its SIREN.
    ...(siren ? { 'cbc:EndpointID': siren, 'cbc:EndpointID@schemeID': SIREN_SCHEME } : {}),
    ...(siret ? { 'cac:PartyIdentification': { 'cbc:ID': siret, 'cbc:ID@schemeID': SIRET_SCHEME } } : {}),
    'cac:PostalAddress': postalAddress(facts(doc).buyerAddress),
    ...(c.vatNumber ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': c.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } } : {}),
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': c.name, ...(siren ? { 'cbc:CompanyID': siren, 'cbc:CompanyID@schemeID': SIREN_SCHEME } : {}) },
  } as BuyerParty;
}

/** The whole deposits a final invoice deducts (BT-113), in cents. */
function prepaidCents(doc: PrintableDocument): number {
  return doc.totals.deposits.reduce((sum, d) => sum + toCents(d.total), 0);
}

export function toCents(amount: string): number {
  const negative = amount.startsWith('-');
  const [integer, fraction = ''] = amount.replace('-', '').split('.');
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The EN 16931 invoice of an issued invoice, deposit invoice, final invoice or credit note. Throws
 * on a quote or on a document without a number (a draft has no e-invoice).
 */
export function en16931Invoice(doc: PrintableDocument): En16931Invoice {
  if (doc.kind === 'quote') throw new Error('A quote has no e-invoice');
  if (doc.number === null) throw new Error('A draft has no e-invoice: it has no number yet');
  const f = facts(doc);
  const vatFranchise = doc.totals.vatBreakdown.some((g) => g.exemptionReason === VAT_FRANCHISE_REASON) || (doc.seller.vatNumber === null && doc.totals.vat === '0.00');
  const creditNote = doc.kind === 'credit_note';

  const paymentSentences = doc.mentions.filter(isPaymentSentence);
  const notes = [...doc.facts.filter((fact) => fact.label === 'Motif').map((fact) => `Motif : ${fact.value}`), ...doc.mentions.filter((m) => !isPaymentSentence(m))];
  const paymentTerms = creditNote
    ? `Avoir sur la facture ${f.precedingInvoices[0]?.number ?? ''} : montant à déduire de cette facture ou à rembourser.`
    : [f.paymentTerms, ...paymentSentences].filter(Boolean).join(' ');

  const orderReference = doc.client.kind === 'public_body' ? (doc.client.commitmentNumber ?? doc.client.purchaseOrderNumber) : doc.client.purchaseOrderNumber;
  const prepaid = prepaidCents(doc);
  const period = f.periodStart && f.periodEnd ? { 'cbc:StartDate': f.periodStart, 'cbc:EndDate': f.periodEnd } : null;

  const body = {
    'cbc:CustomizationID': EN16931_SPECIFICATION,
    'cbc:ProfileID': billingFramework(doc),
    'cbc:ID': doc.number,
    'cbc:IssueDate': doc.issueDate,
    ...(!creditNote && f.dueDate ? { 'cbc:DueDate': f.dueDate } : {}),
    'cbc:InvoiceTypeCode': TYPE_CODES[doc.kind],
    ...(notes.length > 0 ? { 'cbc:Note': notes } : {}),
    'cbc:DocumentCurrencyCode': EUR,
    ...(doc.client.serviceCode ? { 'cbc:BuyerReference': doc.client.serviceCode } : {}),
    ...(period ? { 'cac:InvoicePeriod': period } : {}),
    ...(orderReference ? { 'cac:OrderReference': { 'cbc:ID': orderReference } } : {}),
    ...(f.precedingInvoices.length > 0
      ? { 'cac:BillingReference': f.precedingInvoices.map((p) => ({ 'cac:InvoiceDocumentReference': { 'cbc:ID': p.number, 'cbc:IssueDate': p.issueDate } })) }
      : {}),
    'cac:AccountingSupplierParty': { 'cac:Party': seller(doc) },
    'cac:AccountingCustomerParty': { 'cac:Party': buyer(doc) },
    // BT-72: the date of the supply; when only a period is known, its last day; when neither, the issue
    // date (the CGI asks for the supply date only when it differs). CII needs a delivery element anyway.
    'cac:Delivery': { 'cbc:ActualDeliveryDate': f.supplyDate ?? f.periodEnd ?? doc.issueDate },
    ...(!creditNote && doc.seller.iban
      ? {
          'cac:PaymentMeans': [
            {
              'cbc:PaymentMeansCode': '58',
              'cbc:PaymentMeansCode@name': 'Virement SEPA',
              'cbc:PaymentID': doc.number,
              'cac:PayeeFinancialAccount': {
                'cbc:ID': doc.seller.iban,
                'cbc:Name': doc.seller.legalName,
                ...(doc.seller.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': doc.seller.bic } } : {}),
              },
            },
          ],
        }
      : {}),
    ...(paymentTerms ? { 'cac:PaymentTerms': { 'cbc:Note': paymentTerms } } : {}),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': doc.totals.vat,
        'cbc:TaxAmount@currencyID': EUR,
        'cac:TaxSubtotal': doc.totals.vatBreakdown.map((g) => ({
          'cbc:TaxableAmount': g.base,
          'cbc:TaxableAmount@currencyID': EUR,
          'cbc:TaxAmount': g.vat,
          'cbc:TaxAmount@currencyID': EUR,
          'cac:TaxCategory': {
            'cbc:ID': category(g.rate),
            'cbc:Percent': g.rate,
            ...(category(g.rate) === 'E' ? exemption(g.exemptionReason, vatFranchise) : {}),
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        })),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': doc.totals.net,
      'cbc:LineExtensionAmount@currencyID': EUR,
      'cbc:TaxExclusiveAmount': doc.totals.net,
      'cbc:TaxExclusiveAmount@currencyID': EUR,
      'cbc:TaxInclusiveAmount': doc.totals.total,
      'cbc:TaxInclusiveAmount@currencyID': EUR,
      ...(prepaid > 0 ? { 'cbc:PrepaidAmount': fromCents(prepaid), 'cbc:PrepaidAmount@currencyID': EUR } : {}),
      'cbc:PayableAmount': creditNote ? doc.totals.total : doc.totals.amountDue,
      'cbc:PayableAmount@currencyID': EUR,
    },
    'cac:InvoiceLine': doc.lines.map(line),
  };
  return { 'ubl:Invoice': body } as unknown as En16931Invoice;
}
