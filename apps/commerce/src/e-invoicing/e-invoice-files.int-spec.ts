import { randomUUID } from 'node:crypto';
import { ciiXsdErrors, facturXParts } from '@kpa/testing/factur-x';
import { EInvoiceFiles1768300000000 } from '../migrations/1768300000000-e-invoice-files';
import { documentFile, DocumentRef, PrintableSource } from '../documents/pdf/document-files';
import { sha256, useStoredFiles } from '../documents/pdf/document-files.test-helpers';
import { ciiXml, facturXPdf } from './factur-x';
import { anInvoice } from './en16931.test-helpers';

/**
 * The e-invoice files stored as the PDFs are (document_file, new kinds): generated from the frozen
 * document at the first read, stored once with their SHA-256 whatever the concurrency, never changed.
 */
describe('e-invoice files in document_file', () => {
  const { instances, files, siteId } = useStoredFiles('e_invoice_files', [EInvoiceFiles1768300000000]);

  const issued = (documentId: string): PrintableSource => ({ documentId, frozen: true, printable: anInvoice() });

  it('the CII XML is stored once as <number>_cii.xml, its hash the bytes’ hash, and answered unchanged after', async () => {
    const ref: DocumentRef = { siteId, kind: 'invoice_cii', documentId: randomUUID() };
    const render = (doc: Parameters<typeof ciiXml>[0]) => ciiXml(doc);
    const [a, b] = await Promise.all(instances.map((instance) => documentFile(files, instance.manager, ref, async () => issued(ref.documentId), render, '_cii.xml')));
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a).toMatchObject({ filename: 'LACAPE-F-2026-00042_cii.xml', sha256: sha256(a.bytes), frozen: true });
    expect(await ciiXsdErrors(a.bytes.toString('utf8'))).toEqual([]);
    const rows: unknown[] = await instances[0].query('SELECT 1 FROM commerce.document_file WHERE document_id = $1', [ref.documentId]);
    expect(rows).toHaveLength(1);
    const never = async (): Promise<Buffer> => {
      throw new Error('must not generate a stored file again');
    };
    const later = await documentFile(files, instances[1].manager, ref, async () => issued(ref.documentId), never, '_cii.xml');
    expect(later.sha256).toBe(a.sha256);
  });

  it('the Factur-X is stored beside the PDF it embeds, under its own kind, and the database keeps it unchanged', async () => {
    const documentId = randomUUID();
    const pdf = await documentFile(files, instances[0].manager, { siteId, kind: 'invoice', documentId }, async () => issued(documentId));
    const ref: DocumentRef = { siteId, kind: 'invoice_factur_x', documentId };
    const facturX = await documentFile(
      files,
      instances[0].manager,
      ref,
      async () => issued(documentId),
      (doc) => facturXPdf(doc, pdf.bytes, pdf.filename),
      '_factur-x.pdf',
    );
    expect(facturX.filename).toBe('LACAPE-F-2026-00042_factur-x.pdf');
    expect((await facturXParts(facturX.bytes)).afRelationship).toBe('Alternative');
    const kinds: { kind: string }[] = await instances[0].query('SELECT kind FROM commerce.document_file WHERE document_id = $1 ORDER BY kind', [documentId]);
    expect(kinds.map((k) => k.kind)).toEqual(['invoice', 'invoice_factur_x']);
    await expect(instances[0].query("UPDATE commerce.document_file SET filename = 'x.pdf' WHERE kind = 'invoice_factur_x' AND document_id = $1", [documentId])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      instances[0].query("INSERT INTO commerce.document_file (kind, document_id, site_id, filename, sha256, bytes) VALUES ('invoice_ubl', $1, $2, 'x.xml', $3, '\\x3c'::bytea)", [
        randomUUID(),
        siteId,
        sha256(Buffer.from('<')),
      ]),
    ).rejects.toThrow(/check constraint/);
  });
});
