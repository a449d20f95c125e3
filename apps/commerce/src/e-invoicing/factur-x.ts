import { InvoiceService } from '@e-invoice-eu/core';
import { DomainError } from '@kpa/contracts';
import { PrintableDocument } from '../documents/printable';
import { En16931Invoice, en16931Invoice } from './en16931';

/**
 * The files of an e-invoice, serialised by @e-invoice-eu/core (never by string concatenation):
 * the bare UN/CEFACT CII D16B XML, and the Factur-X (profile EN 16931): the document's PDF made a
 * PDF/A-3 with that XML embedded as factur-x.xml (AFRelationship /Alternative, Factur-X XMP).
 * No Nest here: e-invoicing/e-invoice-files.ts stores what these return.
 */

/** The library logs each step at info level: keep its warnings and errors only. */
const quiet = {
  log: () => undefined,
  warn: (message: string) => console.warn(`@e-invoice-eu/core: ${message}`),
  error: (message: string) => console.error(`@e-invoice-eu/core: ${message}`),
};

const service = new InvoiceService(quiet);

/*
 * Two defects of @e-invoice-eu/core 2.3.4, worked around on the formatter it creates for each
 * generation (its own hooks: the profile filter and postProcess), never by editing its XML text:
 *
 * 1. Its Factur-X EN 16931 profile filter drops the purchase order reference (BT-13,
 *    `BuyerOrderReferencedDocument`, marked EXTENDED only, although Factur-X has it from MINIMUM),
 *    where public bodies put their commitment number for Chorus Pro. The Factur-X is made with the
 *    bare CII's filter (the full CII, bit 0x1): its embedded XML is then byte for byte the cii.xml,
 *    and the tests check it against the Factur-X EN 16931 XSD.
 * 2. It never writes the preceding invoices (BT-25/26, `InvoiceReferencedDocument`): its converter
 *    reads `cac:BillingReference/cbc:ID` where its own schema has
 *    `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID`. They are added to the converted
 *    tree, at their place in the XSD's sequence (right after the monetary summation).
 * 3. It writes several notes (BT-22) as several `Content` of one `IncludedNote`, which the XSD
 *    refuses (one `Content` per note): each note becomes its own `IncludedNote`.
 */
const FULL_CII = 0x1;
type CiiTree = Record<string, unknown>;
interface Formatter {
  generate: (invoice: En16931Invoice, options: unknown) => Promise<string | Uint8Array>;
  postProcess: (cii: CiiTree) => void;
}
type Formats = { createFormatService: (format: string, logger: unknown) => Formatter };
const formats = (service as unknown as { formatFactoryService: Formats }).formatFactoryService;
const createFormatService = formats.createFormatService.bind(formats);
formats.createFormatService = (format, logger) => {
  const formatter = createFormatService(format, logger);
  if (format.toLowerCase() === 'factur-x-en16931') Object.defineProperty(formatter, 'fxProfile', { get: () => FULL_CII });
  const generate = formatter.generate.bind(formatter);
  const postProcess = formatter.postProcess.bind(formatter);
  let preceding: { number: string; issueDate?: string }[] = [];
  formatter.generate = (invoice, options) => {
    preceding = (invoice['ubl:Invoice']['cac:BillingReference'] ?? []).map((r) => ({
      number: r['cac:InvoiceDocumentReference']['cbc:ID'],
      issueDate: r['cac:InvoiceDocumentReference']['cbc:IssueDate'],
    }));
    return generate(invoice, options);
  };
  formatter.postProcess = (cii) => {
    postProcess(cii);
    addPrecedingInvoices(cii, preceding);
    splitNotes(cii);
  };
  return formatter;
};

function splitNotes(cii: CiiTree): void {
  const document = (cii['rsm:CrossIndustryInvoice'] as CiiTree | undefined)?.['rsm:ExchangedDocument'] as CiiTree | undefined;
  const note = document?.['ram:IncludedNote'] as CiiTree | undefined;
  if (!document || !note || !Array.isArray(note['ram:Content'])) return;
  document['ram:IncludedNote'] = (note['ram:Content'] as unknown[]).map((content) => ({ 'ram:Content': content }));
}

function addPrecedingInvoices(cii: CiiTree, preceding: readonly { number: string; issueDate?: string }[]): void {
  if (preceding.length === 0) return;
  const transaction = (cii['rsm:CrossIndustryInvoice'] as CiiTree | undefined)?.['rsm:SupplyChainTradeTransaction'] as CiiTree | undefined;
  const settlement = transaction?.['ram:ApplicableHeaderTradeSettlement'] as CiiTree | undefined;
  if (!settlement) return;
  const references = preceding.map((p) => ({
    'ram:IssuerAssignedID': p.number,
    ...(p.issueDate ? { 'ram:FormattedIssueDateTime': { 'qdt:DateTimeString': p.issueDate.replace(/-/g, ''), 'qdt:DateTimeString@format': '102' } } : {}),
  }));
  const entries = Object.entries(settlement).filter(([key]) => key !== 'ram:InvoiceReferencedDocument');
  const after = entries.findIndex(([key]) => key === 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  entries.splice(after + 1, 0, ['ram:InvoiceReferencedDocument', references]);
  for (const key of Object.keys(settlement)) delete settlement[key];
  Object.assign(settlement, Object.fromEntries(entries));
}

/** The invoice's CII XML (Factur-X profile EN 16931). */
export async function ciiXml(doc: PrintableDocument): Promise<Buffer> {
  const xml = await service.generate(en16931Invoice(doc), { format: 'CII', lang: 'fr-fr' });
  return Buffer.from(xml as string | Uint8Array);
}

/** The Factur-X of the document: `pdf` (its stored PDF) with the EN 16931 XML embedded. */
export async function facturXPdf(doc: PrintableDocument, pdf: Buffer, filename: string): Promise<Buffer> {
  const bytes = await service.generate(en16931Invoice(doc), {
    format: 'Factur-X-EN16931',
    lang: 'fr-fr',
    pdf: { buffer: new Uint8Array(pdf), filename, mimetype: 'application/pdf' },
  });
  return Buffer.from(bytes as Uint8Array);
}

/**
 * The library validates its input against its JSON schema: a document frozen before the checks at
 * issue existed may not pass. That is a 422 naming the schema's complaint, not a 500.
 */
export async function generated(run: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const details = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!Array.isArray(details)) throw error;
    const first = details[0];
    throw new DomainError(
      'EINVOICE_RULE_BROKEN',
      `This document's data cannot make a valid EN 16931 e-invoice (${first?.instancePath ?? ''} ${first?.message ?? ''}): it was issued before these checks; correct it with a credit note and a new invoice.`,
      { rule: 'EN16931-SCHEMA', rules: details.map((d) => `${d.instancePath ?? ''} ${d.message ?? ''}`.trim()) },
    );
  }
}
