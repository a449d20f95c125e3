import { InvoiceService } from '@e-invoice-eu/core';
import { PrintableDocument } from '../documents/printable';
import { en16931Invoice } from './en16931';

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
