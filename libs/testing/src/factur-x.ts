import { extractXml, Profile, validateXsd } from '@stackforge-eu/factur-x';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';

/**
 * What tests check of an e-invoice, read back the way a receiving platform would: the XML against
 * the Factur-X EN 16931 XSD (the CII D16B subset FNFE-MPE publishes; shipped by
 * @stackforge-eu/factur-x and run with libxml2-wasm), and a Factur-X PDF's parts parsed from its
 * bytes (pdf-lib), never taken from the generator.
 */

/** The XSD's complaints about a CII XML (empty when it is valid). */
export async function ciiXsdErrors(xml: string): Promise<string[]> {
  const result = await validateXsd(xml, Profile.EN16931);
  return result.errors.map((e) => `${e.line ?? '?'}:${e.column ?? '?'} ${e.message.trim()}`);
}

export interface FacturXParts {
  /** The embedded XML's file name (factur-x.xml). */
  filename: string;
  xml: string;
  /** /AFRelationship of the embedded file's specification (e.g. "Alternative"). */
  afRelationship: string | undefined;
  /** Whether the catalogue's /AF array points to that file specification (PDF/A-3 associated file). */
  inCatalogAf: boolean;
  /** The document's XMP metadata packet. */
  xmp: string;
  /** The embedded file's /Subtype (its MIME type, "text/xml"). */
  subtype: string | undefined;
}

function stringOf(value: unknown): string | undefined {
  return value instanceof PDFName ? value.decodeText() : value === undefined ? undefined : String(value);
}

export async function facturXParts(pdf: Uint8Array): Promise<FacturXParts> {
  const { xml, filename } = await extractXml(pdf);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const catalog = doc.catalog;
  const af = catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const specs = af ? af.asArray().map((ref) => doc.context.lookup(ref)) : [];
  const spec = specs.find((s): s is PDFDict => s instanceof PDFDict && String(s.get(PDFName.of('F'))).includes(filename)) ?? undefined;
  const stream = spec?.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
  const metadata = catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  const xmpBytes = metadata instanceof PDFRawStream ? decodePDFRawStream(metadata).decode() : new Uint8Array();
  return {
    filename,
    xml,
    afRelationship: stringOf(spec?.get(PDFName.of('AFRelationship'))),
    inCatalogAf: spec !== undefined,
    xmp: new TextDecoder('utf-8').decode(xmpBytes),
    subtype: stream instanceof PDFStream ? stringOf(stream.dict.get(PDFName.of('Subtype'))) : undefined,
  };
}
