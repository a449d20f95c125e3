import { RECOVERY_INDEMNITY_SENTENCE, VAT_ON_DEBITS_SENTENCE } from '../documents/legal-mentions';
import { aPrintableInvoice } from '../documents/printable.test-helpers';
import { billingFramework, en16931Invoice } from './en16931';
import { aCreditNote, aDepositAndItsFinalInvoice, aLine, anInvoice, PERSON, SELLER, TOWN } from './en16931.test-helpers';

const body = (doc: Parameters<typeof en16931Invoice>[0]) => en16931Invoice(doc)['ubl:Invoice'];

describe('EN 16931 mapping of a frozen document', () => {
  it('a standard invoice to a company: BT-1..BT-5, BT-9, BT-20 with the penalties and 40 €, BT-23 S1, parties with SIREN and VAT numbers, IBAN', () => {
    const doc = anInvoice({ purchaseOrderNumber: 'BC-2026-117' });
    const invoice = body(doc);
    expect(invoice).toMatchObject({
      'cbc:CustomizationID': 'urn:cen.eu:en16931:2017',
      'cbc:ProfileID': 'S1',
      'cbc:ID': 'LACAPE-F-2026-00042',
      'cbc:IssueDate': '2026-11-23',
      'cbc:DueDate': '2026-12-23',
      'cbc:InvoiceTypeCode': '380',
      'cbc:DocumentCurrencyCode': 'EUR',
      'cac:OrderReference': { 'cbc:ID': 'BC-2026-117' },
      'cac:Delivery': { 'cbc:ActualDeliveryDate': '2026-11-20' },
    });
    expect(invoice['cac:PaymentTerms']?.['cbc:Note']).toMatch(/^Paiement à 30 jours Pas d'escompte pour paiement anticipé En cas de retard de paiement.*40 €$/);
    expect(invoice['cac:PaymentTerms']?.['cbc:Note']).toContain(RECOVERY_INDEMNITY_SENTENCE);
    const seller = invoice['cac:AccountingSupplierParty']['cac:Party'];
    expect(seller).toMatchObject({
      'cbc:EndpointID': '120027016',
      'cbc:EndpointID@schemeID': '0002',
      'cac:PostalAddress': { 'cbc:StreetName': '12 rue de la Paix', 'cbc:PostalZone': '59000', 'cbc:CityName': 'Lille', 'cac:Country': { 'cbc:IdentificationCode': 'FR' } },
      'cac:PartyTaxScheme': [{ 'cbc:CompanyID': 'FR85120027016', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }],
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': 'CAE Grand Nord', 'cbc:CompanyID': '120027016', 'cbc:CompanyID@schemeID': '0002' },
      'cac:Contact': { 'cbc:Telephone': '03 20 00 00 00', 'cbc:ElectronicMail': 'facturation@cae-grand-nord.fr' },
    });
    const buyer = invoice['cac:AccountingCustomerParty']['cac:Party'];
    expect(buyer).toMatchObject({
      'cac:PartyTaxScheme': { 'cbc:CompanyID': 'FR44732829320' },
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': 'Boulangerie du Pile', 'cbc:CompanyID': '732829320', 'cbc:CompanyID@schemeID': '0002' },
      'cac:PostalAddress': { 'cbc:StreetName': '3 place de la Liberté', 'cbc:PostalZone': '59100', 'cbc:CityName': 'Roubaix', 'cac:Country': { 'cbc:IdentificationCode': 'FR' } },
    });
    expect(invoice['cac:PaymentMeans']).toEqual([
      expect.objectContaining({
        'cbc:PaymentMeansCode': '58',
        'cac:PayeeFinancialAccount': expect.objectContaining({ 'cbc:ID': 'FR7630006000011234567890189', 'cac:FinancialInstitutionBranch': { 'cbc:ID': 'BNPAFRPP' } }),
      }),
    ]);
  });

  it('lines BT-126..131 and BT-151/152, the per-rate breakdown and the totals are the PDF’s, to the cent; 4-decimal prices go per 100 units', () => {
    const doc = anInvoice();
    const invoice = body(doc);
    expect(invoice['cac:InvoiceLine'].map((l) => [l['cbc:ID'], l['cbc:InvoicedQuantity'], l['cbc:InvoicedQuantity@unitCode'], l['cbc:LineExtensionAmount']])).toEqual([
      ['1', '2.5', 'HUR', doc.lines[0].net],
      ['2', '3', 'HUR', doc.lines[1].net],
    ]);
    expect(invoice['cac:InvoiceLine'][0]['cac:Price']).toMatchObject({ 'cbc:PriceAmount': '1812.34', 'cbc:BaseQuantity': '100' });
    expect(invoice['cac:InvoiceLine'][1]['cac:Price']).toEqual({ 'cbc:PriceAmount': '45.00', 'cbc:PriceAmount@currencyID': 'EUR' });
    expect(invoice['cac:InvoiceLine'][0]['cac:Item']['cac:ClassifiedTaxCategory']).toMatchObject({ 'cbc:ID': 'S', 'cbc:Percent': '5.5' });
    const breakdown = invoice['cac:TaxTotal'][0]['cac:TaxSubtotal'] ?? [];
    expect(breakdown.map((g) => [g['cac:TaxCategory']['cbc:ID'], g['cac:TaxCategory']['cbc:Percent'], g['cbc:TaxableAmount'], g['cbc:TaxAmount']])).toEqual(
      doc.totals.vatBreakdown.map((g) => ['S', g.rate, g.base, g.vat]),
    );
    expect(invoice['cac:LegalMonetaryTotal']).toMatchObject({
      'cbc:LineExtensionAmount': doc.totals.net,
      'cbc:TaxExclusiveAmount': doc.totals.net,
      'cbc:TaxInclusiveAmount': doc.totals.total,
      'cbc:PayableAmount': doc.totals.amountDue,
    });
    expect(invoice['cac:TaxTotal'][0]['cbc:TaxAmount']).toBe(doc.totals.vat);
  });

  it('a deposit invoice is type 386', () => {
    const { deposit } = aDepositAndItsFinalInvoice();
    expect(body(deposit)).toMatchObject({ 'cbc:InvoiceTypeCode': '386', 'cbc:ProfileID': 'S1' });
  });

  it('a final invoice is 380 with BT-23 S4, references its deposit invoices (BT-25/26) and deducts them as paid (BT-113)', () => {
    const { deposit, final } = aDepositAndItsFinalInvoice();
    const invoice = body(final);
    expect(invoice).toMatchObject({ 'cbc:InvoiceTypeCode': '380', 'cbc:ProfileID': 'S4' });
    expect(invoice['cac:BillingReference']).toEqual([{ 'cac:InvoiceDocumentReference': { 'cbc:ID': 'LACAPE-F-2026-00040', 'cbc:IssueDate': '2026-11-02' } }]);
    expect(invoice['cac:LegalMonetaryTotal']).toMatchObject({
      'cbc:TaxInclusiveAmount': final.totals.total,
      'cbc:PrepaidAmount': deposit.totals.total,
      'cbc:PayableAmount': final.totals.amountDue,
    });
  });

  it('a credit note is 381, references the invoice it corrects, has no due date nor IBAN, and its reason is a note', () => {
    const invoice = anInvoice();
    const creditNote = body(aCreditNote(invoice));
    expect(creditNote).toMatchObject({ 'cbc:InvoiceTypeCode': '381', 'cbc:ID': 'LACAPE-A-2026-00003', 'cbc:ProfileID': 'S1' });
    expect(creditNote['cac:BillingReference']).toEqual([{ 'cac:InvoiceDocumentReference': { 'cbc:ID': 'LACAPE-F-2026-00042', 'cbc:IssueDate': '2026-11-23' } }]);
    expect(creditNote['cbc:DueDate']).toBeUndefined();
    expect(creditNote['cac:PaymentMeans']).toBeUndefined();
    expect(creditNote['cbc:Note']).toContain('Motif : Atelier annulé');
    expect(creditNote['cac:LegalMonetaryTotal']).toMatchObject({ 'cbc:TaxInclusiveAmount': '54.00', 'cbc:PayableAmount': '54.00' });
  });

  it('under the VAT franchise: category E at 0 % with VATEX-FR-FRANCHISE and the 293 B text, the SIREN as tax registration (BR-E-02)', () => {
    const invoice = body(anInvoice({ vatFranchise: true }));
    expect(invoice['cac:InvoiceLine'].every((l) => l['cac:Item']['cac:ClassifiedTaxCategory']['cbc:ID'] === 'E')).toBe(true);
    expect(invoice['cac:TaxTotal'][0]['cac:TaxSubtotal']).toEqual([
      expect.objectContaining({
        'cbc:TaxAmount': '0.00',
        'cac:TaxCategory': expect.objectContaining({
          'cbc:ID': 'E',
          'cbc:Percent': '0',
          'cbc:TaxExemptionReasonCode': 'VATEX-FR-FRANCHISE',
          'cbc:TaxExemptionReason': 'TVA non applicable, art. 293 B du CGI',
        }),
      }),
    ]);
    expect(invoice['cac:AccountingSupplierParty']['cac:Party']['cac:PartyTaxScheme']).toEqual([{ 'cbc:CompanyID': '120027016', 'cac:TaxScheme': { 'cbc:ID': 'FC' } }]);
    expect(invoice['cbc:Note']).toContain('TVA non applicable, art. 293 B du CGI');
  });

  it('mixed rates including 0 % with its exemption reason (code to BT-121, legal text to BT-120)', () => {
    const coded = body(anInvoice({ lines: [aLine('Atelier', '1', '100', '20'), aLine('Formation', '2', '50', '0', 'VATEX-EU-132')] }));
    const groups = coded['cac:TaxTotal'][0]['cac:TaxSubtotal'] ?? [];
    expect(groups.map((g) => g['cac:TaxCategory']['cbc:ID'])).toEqual(['S', 'E']);
    expect(groups[1]).toMatchObject({
      'cbc:TaxableAmount': '100.00',
      'cbc:TaxAmount': '0.00',
      'cac:TaxCategory': { 'cbc:Percent': '0', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-132' },
    });
    expect(coded['cac:InvoiceLine'][1]['cac:Item']['cac:ClassifiedTaxCategory']).toMatchObject({ 'cbc:ID': 'E', 'cbc:Percent': '0' });
    const text = body(anInvoice({ lines: [aLine('Formation', '1', '50', '0', 'Exonération, art. 261-4-4° du CGI')] }));
    expect(text['cac:TaxTotal'][0]['cac:TaxSubtotal']?.[0]['cac:TaxCategory']).toMatchObject({ 'cbc:TaxExemptionReason': 'Exonération, art. 261-4-4° du CGI' });
  });

  it('a public body: Chorus Pro service code as BT-10, commitment number as BT-13, its SIREN and SIRET', () => {
    const invoice = body(anInvoice({ client: TOWN, commitmentNumber: 'EJ-2026-0042', purchaseOrderNumber: 'BC-9' }));
    expect(invoice).toMatchObject({ 'cbc:BuyerReference': 'SERV-JARDINS', 'cac:OrderReference': { 'cbc:ID': 'EJ-2026-0042' } });
    expect(invoice['cac:AccountingCustomerParty']['cac:Party']).toMatchObject({
      'cac:PartyIdentification': { 'cbc:ID': '21590512600003', 'cbc:ID@schemeID': '0009' },
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': 'Ville de Roubaix', 'cbc:CompanyID': '215905126' },
    });
  });

  it('an individual: no SIREN, no 40 € (nothing in BT-20 but the terms), and a period of execution as BG-14', () => {
    const invoice = body(anInvoice({ client: PERSON, paymentTermDays: 0, dueOn: '2026-11-23', supplyDate: null, deliveryStartsOn: '2026-11-02', deliveryEndsOn: '2026-11-06' }));
    expect(invoice['cac:AccountingCustomerParty']['cac:Party']['cac:PartyLegalEntity']).toEqual({ 'cbc:RegistrationName': 'Łukasz Dağlı' });
    expect(invoice['cac:PaymentTerms']).toEqual({ 'cbc:Note': 'Paiement à réception' });
    expect(invoice['cac:InvoicePeriod']).toEqual({ 'cbc:StartDate': '2026-11-02', 'cbc:EndDate': '2026-11-06' });
    expect(invoice['cac:Delivery']).toEqual({ 'cbc:ActualDeliveryDate': '2026-11-06' });
  });

  it('BT-23 from the nature of the operation: B1 goods, M1 mixed; the VAT-on-debits option as a note', () => {
    expect(billingFramework(anInvoice({ operationCategory: 'goods' }))).toBe('B1');
    expect(billingFramework(anInvoice({ operationCategory: 'mixed' }))).toBe('M1');
    const debits = body(anInvoice({ seller: { ...SELLER, vatOnDebits: true } }));
    expect(debits['cbc:Note']).toContain(VAT_ON_DEBITS_SENTENCE);
  });

  it('a discount line keeps a positive price: its quantity carries the sign (BR-27)', () => {
    const invoice = body(anInvoice({ lines: [aLine('Atelier', '2', '50', '20'), { ...aLine('Remise fidélité', '1', '-10', '20'), kind: 'discount' } as never] }));
    expect(invoice['cac:InvoiceLine'][1]).toMatchObject({ 'cbc:InvoicedQuantity': '-1', 'cbc:LineExtensionAmount': '-10.00', 'cac:Price': { 'cbc:PriceAmount': '10.00' } });
  });

  it('a document frozen before issue 15 (no e-invoice facts) still maps from its printed facts', () => {
    const invoice = body(aPrintableInvoice());
    expect(invoice).toMatchObject({ 'cbc:DueDate': '2026-12-21', 'cbc:ProfileID': 'S1', 'cac:InvoicePeriod': { 'cbc:StartDate': '2026-11-02', 'cbc:EndDate': '2026-11-06' } });
    expect(invoice['cac:PaymentMeans']).toBeUndefined();
  });

  it('refuses a quote and a draft', () => {
    expect(() => en16931Invoice(aPrintableInvoice({ kind: 'quote' }))).toThrow(/quote/);
    expect(() => en16931Invoice(aPrintableInvoice({ number: null }))).toThrow(/draft/);
  });
});
