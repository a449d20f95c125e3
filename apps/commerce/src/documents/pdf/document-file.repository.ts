import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { DocumentFileKind } from './document-files';

/** A document's PDF as stored, once. */
export interface StoredDocumentFile {
  filename: string;
  sha256: string;
  bytes: Buffer;
}

/**
 * The stored PDFs of frozen documents (`document_file`, append-only). Stateless: every method runs
 * on the manager it is given, always within one site.
 */
@Injectable()
export class DocumentFileRepository {
  /** The stored PDF of a document of this site (another site's is not there for it). */
  async storedFile(manager: EntityManager, siteId: SiteId, kind: DocumentFileKind, documentId: string): Promise<StoredDocumentFile | undefined> {
    const rows: StoredDocumentFile[] = await manager.query('SELECT filename, sha256, bytes FROM commerce.document_file WHERE kind = $1 AND document_id = $2 AND site_id = $3', [
      kind,
      documentId,
      siteId,
    ]);
    return rows[0];
  }

  /** The bytes of a host's logo by their SHA-256 (commerce.logo_file, append-only), or undefined. */
  async logoFile(manager: EntityManager, sha256: string): Promise<Buffer | undefined> {
    const rows: { bytes: Buffer }[] = await manager.query('SELECT bytes FROM commerce.logo_file WHERE sha256 = $1', [sha256]);
    return rows[0]?.bytes;
  }

  /** Stores the PDF unless a concurrent first read stored one already (its row wins, this one is dropped). */
  async storeOnce(manager: EntityManager, siteId: SiteId, kind: DocumentFileKind, documentId: string, file: StoredDocumentFile): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.document_file (kind, document_id, site_id, filename, sha256, bytes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (kind, document_id) DO NOTHING`,
      [kind, documentId, siteId, file.filename, file.sha256, file.bytes],
    );
  }
}
