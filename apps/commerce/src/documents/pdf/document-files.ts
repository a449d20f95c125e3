import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { PrintableDocument } from '../printable';
import type { DocumentFileRepository } from './document-file.repository';
import { DocumentImages, renderPdf } from './render-pdf';

/**
 * The `kind` of a stored file (never renamed: stored rows carry it): the PDF of a quote, invoice or
 * credit note, the e-invoice files of issued invoices and credit notes (e-invoicing/, issue 15), and
 * the receipted copy of a fully paid invoice (invoices/receipted-invoice.ts).
 */
export const DOCUMENT_FILE_KINDS = ['quote', 'invoice', 'credit_note', 'invoice_factur_x', 'credit_note_factur_x', 'invoice_cii', 'invoice_receipted'] as const;
export type DocumentFileKind = (typeof DOCUMENT_FILE_KINDS)[number];

/** What a document's slice hands over to be printed. */
export interface PrintableSource {
  documentId: string;
  /** Sent quote, issued invoice or credit note: its PDF is stored at the first read and never changes. */
  frozen: boolean;
  printable: PrintableDocument;
}

export interface DocumentFile {
  documentId: string;
  /** "LACAPE-F-2026-00042.pdf", or "brouillon-<id>.pdf" for a draft. */
  filename: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  bytes: Buffer;
  /** Stored, never changes (false: a draft's preview). */
  frozen: boolean;
}

export interface DocumentRef {
  siteId: SiteId;
  kind: DocumentFileKind;
  documentId: string;
}

export type Renderer = (doc: PrintableDocument, images: DocumentImages) => Promise<Buffer>;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file name a browser saves: the document number, or "brouillon-<id>" for a draft; `suffix` e.g. "_factur-x.pdf". */
export function pdfFilename(number: string | null, documentId: string, suffix = '.pdf'): string {
  return number === null ? `brouillon-${documentId}${suffix}` : `${number.replace(/[^A-Za-z0-9._-]/g, '_')}${suffix}`;
}

/** The stored PDF of a document of this site (another site's is not there for it). */
async function storedFile(files: DocumentFileRepository, manager: EntityManager, ref: DocumentRef): Promise<DocumentFile | undefined> {
  const stored = await files.storedFile(manager, ref.siteId, ref.kind, ref.documentId);
  return stored && { documentId: ref.documentId, filename: stored.filename, sha256: stored.sha256, bytes: stored.bytes, frozen: true };
}

/**
 * The bytes of the logo a document names: the host's current one on a draft, the one it was issued
 * with on a frozen document (logo_file never loses a logo, so a missing one is a broken database).
 */
async function logoOf(files: DocumentFileRepository, manager: EntityManager, printable: PrintableDocument): Promise<Buffer | null> {
  const sha256 = printable.seller.logoSha256;
  if (!sha256) return null;
  const bytes = await files.logoFile(manager, sha256);
  if (!bytes) throw new Error(`The logo ${sha256} the document ${printable.number ?? '(draft)'} prints is missing from commerce.logo_file`);
  return bytes;
}

/**
 * The PDF of a document of a site.
 *
 * A frozen document (sent quote, issued invoice or credit note) is rendered at its first read and
 * stored with its SHA-256; every later read returns the stored bytes, even if the renderer, the
 * host's identity or the client changed since. Two first reads at once: both render, the first
 * INSERT wins (ON CONFLICT DO NOTHING) and both return what was stored, hence the same bytes.
 *
 * A draft is rendered on each read and never stored. `load` is called only when nothing is stored
 * yet; it throws the document's NOT_FOUND for an unknown id or another site's.
 */
export async function documentFile(
  files: DocumentFileRepository,
  manager: EntityManager,
  ref: DocumentRef,
  load: () => Promise<PrintableSource>,
  render: Renderer = renderPdf,
  suffix = '.pdf',
): Promise<DocumentFile> {
  const stored = await storedFile(files, manager, ref);
  if (stored) return stored;

  const { printable, frozen } = await load();
  const bytes = await render(printable, { logo: await logoOf(files, manager, printable) });
  const filename = pdfFilename(printable.number, ref.documentId, suffix);
  if (!frozen) return { documentId: ref.documentId, filename, sha256: sha256Hex(bytes), bytes, frozen: false };

  await files.storeOnce(manager, ref.siteId, ref.kind, ref.documentId, { filename, sha256: sha256Hex(bytes), bytes });
  // Re-read: when another read stored first, its bytes are the document's bytes.
  const winner = await storedFile(files, manager, ref);
  if (!winner) throw new Error(`The file of ${ref.kind} ${ref.documentId} is stored under another site`);
  return winner;
}
