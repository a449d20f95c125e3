import { ciiXsdErrors, facturXParts } from '@kpa/testing/factur-x';
import { PrintableDocument } from '../documents/printable';
import { renderPdf } from '../documents/pdf/render-pdf';
import { brokenEInvoiceRules } from './en16931-rules';
import { en16931Invoice } from './en16931';
import { ciiXml, facturXPdf } from './factur-x';
import { aCreditNote, aDepositAndItsFinalInvoice, aLine, anInvoice, PERSON, SELLER, TOWN } from './en16931.test-helpers';

/**
 * The files the platform hands to a PA, checked as a receiver would: the CII XML against the
 * Factur-X EN 16931 XSD (CII D16B subset), and the Factur-X PDF parsed from its bytes.
 */
const { deposit, final } = aDepositAndItsFinalInvoice();
const KINDS: [string, PrintableDocument][] = [
  ['a standard invoice to a company', anInvoice({ purchaseOrderNumber: 'BC-2026-117' })],
  ['a deposit invoice', deposit],
  ['a final invoice deducting its deposit', final],
  ['a credit note', aCreditNote()],
  ['a credit note with its reason and the VAT-on-debits option (two notes)', aCreditNote(anInvoice({ seller: { ...SELLER, vatOnDebits: true } }))],
  ['an invoice under the VAT franchise', anInvoice({ vatFranchise: true })],
  [
    'mixed rates with 0 % and its exemption reason',
    anInvoice({ lines: [aLine('Atelier', '1', '100', '20'), aLine('Formation', '2', '50', '0', 'VATEX-EU-132'), aLine('Repas', '3', '12.3456', '10')] }),
  ],
  ['a public body with service code and commitment number', anInvoice({ client: TOWN, commitmentNumber: 'EJ-2026-0042' })],
  ['an individual, over a period', anInvoice({ client: PERSON, supplyDate: null, deliveryStartsOn: '2026-11-02', deliveryEndsOn: '2026-11-06' })],
];

/** The text of the first element named `name` (tests read the totals back from the XML itself). */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<ram:${name}[^>]*>([^<]*)</ram:${name}>`).exec(xml)?.[1];
}

describe('Factur-X and CII files', () => {
  it.each(KINDS)('%s: the CII XML is valid against the Factur-X EN 16931 XSD and the rules, with the PDF’s totals', async (_kind, doc) => {
    const xml = (await ciiXml(doc)).toString('utf8');
    expect(await ciiXsdErrors(xml)).toEqual([]);
    expect(brokenEInvoiceRules(doc)).toEqual([]);
    expect(/<rsm:ExchangedDocument>\s*<ram:ID>([^<]*)<\/ram:ID>/.exec(xml)?.[1]).toBe(doc.number);
    expect(element(xml, 'TaxBasisTotalAmount')).toBe(doc.totals.net);
    expect(element(xml, 'GrandTotalAmount')).toBe(doc.totals.total);
    expect([...xml.matchAll(/<ram:IncludedNote>\s*<ram:Content>([^<]*)<\/ram:Content>\s*<\/ram:IncludedNote>/g)].length).toBe(
      en16931Invoice(doc)['ubl:Invoice']['cbc:Note']?.length ?? 0,
    );
    expect(element(xml, 'DuePayableAmount')).toBe(doc.kind === 'credit_note' ? doc.totals.total : doc.totals.amountDue);
    // BT-25/26: the invoice a credit note corrects, the deposits a final invoice deducts.
    const preceding = [
      ...xml.matchAll(
        /<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>([^<]*)<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">(\d{8})</g,
      ),
    ];
    expect(preceding.map((m) => [m[1], m[2]])).toEqual((doc.einvoice?.precedingInvoices ?? []).map((p) => [p.number, p.issueDate.replace(/-/g, '')]));
  });

  it('the XSD does refuse a broken XML (the check is not a no-op)', async () => {
    const xml = (await ciiXml(anInvoice())).toString('utf8').replace('<ram:TypeCode>380</ram:TypeCode>', '<ram:Kind>380</ram:Kind>');
    expect((await ciiXsdErrors(xml)).length).toBeGreaterThan(0);
  });

  it('the Factur-X is a PDF/A-3 carrying factur-x.xml as its associated file (AFRelationship /Alternative) with the Factur-X XMP, the same XML as cii.xml', async () => {
    // A public body: its commitment number (BT-13) must survive into the Factur-X too.
    const doc = anInvoice({ client: TOWN, commitmentNumber: 'EJ-2026-0042' });
    const pdf = await facturXPdf(doc, await renderPdf(doc), 'LACAPE-F-2026-00042.pdf');
    const parts = await facturXParts(pdf);
    expect(parts.filename).toBe('factur-x.xml');
    expect(parts.afRelationship).toBe('Alternative');
    expect(parts.inCatalogAf).toBe(true);
    expect(parts.subtype).toMatch(/xml/);
    expect(parts.xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>|pdfaid:part="3"/);
    expect(parts.xmp).toMatch(/urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#/);
    expect(parts.xmp).toMatch(/<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>|fx:ConformanceLevel="EN 16931"/);
    expect(parts.xmp).toMatch(/factur-x\.xml/);
    expect(await ciiXsdErrors(parts.xml)).toEqual([]);
    expect(parts.xml).toBe((await ciiXml(doc)).toString('utf8'));
    expect(element(parts.xml, 'IssuerAssignedID')).toBe('EJ-2026-0042');
    expect(element(parts.xml, 'GrandTotalAmount')).toBe(doc.totals.total);
  });
});
