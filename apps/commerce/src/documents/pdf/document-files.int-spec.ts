import { randomUUID } from 'node:crypto';
import { siteIdOf } from '@kpa/contracts';
import { pdfText } from '@kpa/testing/pdf-text';
import { PrintableDocument } from '../printable';
import { documentFile, DocumentRef, PrintableSource } from './document-files';
import { sha256, useStoredFiles } from './document-files.test-helpers';
import { aPrintableInvoice } from '../printable.test-helpers';
import { renderPdf } from './render-pdf';

/**
 * The stored PDFs against a real Postgres, from two "instances" (two connection pools): a frozen
 * document is stored once, whatever the concurrency, and never changes; a draft is never stored.
 */
describe('document files', () => {
  const { instances, files, siteId } = useStoredFiles('document_files');

  async function rows(documentId: string): Promise<{ sha256: string; bytes: Buffer; filename: string; site_id: string }[]> {
    return instances[0].query('SELECT sha256, bytes, filename, site_id FROM commerce.document_file WHERE document_id = $1', [documentId]);
  }

  it('two concurrent first reads of an issued invoice store one row and both return its bytes; the hash is the bytes’ hash', async () => {
    const ref: DocumentRef = { siteId, kind: 'invoice', documentId: randomUUID() };
    const source: PrintableSource = { documentId: ref.documentId, frozen: true, printable: aPrintableInvoice({ number: 'LACAPE-F-2026-00042' }) };
    // Each render waits so that both reads find nothing stored and both insert.
    let renders = 0;
    const slowRender = async (doc: PrintableDocument) => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return renderPdf(doc);
    };
    const [a, b] = await Promise.all(instances.map((instance) => documentFile(files, instance.manager, ref, async () => source, slowRender)));
    expect(renders).toBe(2);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a).toMatchObject({ filename: 'LACAPE-F-2026-00042.pdf', sha256: sha256(a.bytes) });
    expect(b.sha256).toBe(a.sha256);
    const stored = await rows(ref.documentId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ sha256: a.sha256, filename: 'LACAPE-F-2026-00042.pdf', site_id: siteId });
    expect(stored[0].bytes.equals(a.bytes)).toBe(true);
    expect((await pdfText(a.bytes)).text).toContain('LACAPE-F-2026-00042');
  });

  it('even when the two renders differ, both first reads return the one stored', async () => {
    const ref: DocumentRef = { siteId, kind: 'credit_note', documentId: randomUUID() };
    let call = 0;
    const differing = async () => {
      const mine = ++call;
      await new Promise((resolve) => setTimeout(resolve, 50 * mine));
      return Buffer.from(`%PDF-1.3 render ${mine}`);
    };
    const source: PrintableSource = { documentId: ref.documentId, frozen: true, printable: aPrintableInvoice({ number: 'LACAPE-A-2026-00001' }) };
    const [a, b] = await Promise.all(instances.map((instance) => documentFile(files, instance.manager, ref, async () => source, differing)));
    expect(call).toBe(2);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(await rows(ref.documentId)).toHaveLength(1);
  });

  it('later reads return the stored bytes unchanged, without building or rendering the document again', async () => {
    const ref: DocumentRef = { siteId, kind: 'quote', documentId: randomUUID() };
    const first = await documentFile(files, instances[0].manager, ref, async () => ({
      documentId: ref.documentId,
      frozen: true,
      printable: aPrintableInvoice({ number: 'LACAPE-D-2026-00007' }),
    }));
    const never = async (): Promise<PrintableSource> => {
      throw new Error('must not load a stored document');
    };
    const neverRender = async (): Promise<Buffer> => {
      throw new Error('must not render a stored document');
    };
    const again = await documentFile(files, instances[1].manager, ref, never, neverRender);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(again).toMatchObject({ sha256: first.sha256, filename: 'LACAPE-D-2026-00007.pdf' });
  });

  it('a draft is rendered on each read and never stored', async () => {
    const ref: DocumentRef = { siteId, kind: 'invoice', documentId: randomUUID() };
    let loads = 0;
    const load = async (): Promise<PrintableSource> => {
      loads += 1;
      return { documentId: ref.documentId, frozen: false, printable: aPrintableInvoice({ number: null }) };
    };
    const first = await documentFile(files, instances[0].manager, ref, load);
    const second = await documentFile(files, instances[0].manager, ref, load);
    expect(loads).toBe(2);
    expect(first.filename).toBe(`brouillon-${ref.documentId}.pdf`);
    expect(first.sha256).toBe(sha256(first.bytes));
    expect((await pdfText(second.bytes)).text).toContain('BROUILLON — document sans valeur');
    expect(await rows(ref.documentId)).toHaveLength(0);
  });

  it("another site's stored document is not there for it: its loader answers (404)", async () => {
    const ref: DocumentRef = { siteId, kind: 'invoice', documentId: randomUUID() };
    await documentFile(files, instances[0].manager, ref, async () => ({
      documentId: ref.documentId,
      frozen: true,
      printable: aPrintableInvoice({ number: 'LACAPE-F-2026-00043' }),
    }));
    const otherSite = { ...ref, siteId: siteIdOf(randomUUID()) };
    await expect(
      documentFile(files, instances[0].manager, otherSite, async () => {
        throw new Error('INVOICE_NOT_FOUND');
      }),
    ).rejects.toThrow('INVOICE_NOT_FOUND');
  });

  it('the database itself keeps a stored PDF unchanged and its hash true', async () => {
    const ref: DocumentRef = { siteId, kind: 'invoice', documentId: randomUUID() };
    await documentFile(files, instances[0].manager, ref, async () => ({
      documentId: ref.documentId,
      frozen: true,
      printable: aPrintableInvoice({ number: 'LACAPE-F-2026-00044' }),
    }));
    await expect(instances[0].query("UPDATE commerce.document_file SET bytes = '\\x2550'::bytea WHERE document_id = $1", [ref.documentId])).rejects.toThrow(/append-only/);
    await expect(instances[0].query('DELETE FROM commerce.document_file WHERE document_id = $1', [ref.documentId])).rejects.toThrow(/append-only/);
    await expect(
      instances[0].query("INSERT INTO commerce.document_file (kind, document_id, site_id, filename, sha256, bytes) VALUES ('quote', $1, $2, 'x.pdf', $3, '\\x2550'::bytea)", [
        randomUUID(),
        siteId,
        '0'.repeat(64),
      ]),
    ).rejects.toThrow(/check constraint/);
  });
});
