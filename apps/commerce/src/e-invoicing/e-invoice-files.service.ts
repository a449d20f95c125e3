import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  E_INVOICE_DOCUMENT_KINDS,
  E_INVOICE_FORMATS,
  EInvoiceDocumentKind,
  EInvoiceFile,
  EInvoiceFileRequest,
  ErrorCode,
  isUuid,
  SiteId,
  siteIdOf,
} from '@kpa/contracts';
import { InvoicePrintables } from '../invoices/invoice-printable';
import { PrintableDocument } from '../documents/printable';
import { DocumentFileRepository } from '../documents/pdf/document-file.repository';
import { DocumentFileKind, documentFile, PrintableSource } from '../documents/pdf/document-files';
import { ciiXml, facturXPdf, generated } from './factur-x';

const NOT_FOUND: Record<EInvoiceDocumentKind, { code: ErrorCode; what: string }> = {
  invoice: { code: 'INVOICE_NOT_FOUND', what: 'invoice' },
  credit_note: { code: 'CREDIT_NOTE_NOT_FOUND', what: 'credit note' },
};

/** Where each file is stored (document_file.kind) and how it is named. */
const FILES: Record<EInvoiceDocumentKind, Partial<Record<EInvoiceFileRequest['format'], { kind: DocumentFileKind; suffix: string; contentType: string }>>> = {
  invoice: {
    'factur-x': { kind: 'invoice_factur_x', suffix: '_factur-x.pdf', contentType: 'application/pdf' },
    cii: { kind: 'invoice_cii', suffix: '_cii.xml', contentType: 'application/xml' },
  },
  credit_note: {
    'factur-x': { kind: 'credit_note_factur_x', suffix: '_factur-x.pdf', contentType: 'application/pdf' },
  },
};

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/**
 * The e-invoice files of a site's issued invoices and credit notes: the Factur-X (the document's
 * stored PDF with its EN 16931 XML embedded) and the bare CII XML. Generated from the frozen document
 * at the first read, stored with their SHA-256 in document_file, never changed (as the PDFs).
 */
@Injectable()
export class EInvoiceFilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicePrintables,
    private readonly files: DocumentFileRepository,
  ) {}

  /** The frozen document; a draft has no e-invoice: 404 DOCUMENT_NOT_ISSUED. */
  private async issued(manager: EntityManager, siteId: SiteId, kind: EInvoiceDocumentKind, id: string): Promise<PrintableSource> {
    const source = kind === 'invoice' ? await this.invoices.printableInvoice(manager, siteId, id) : await this.invoices.printableCreditNote(manager, siteId, id);
    if (!source.frozen || source.printable.number === null) {
      throw new DomainError('DOCUMENT_NOT_ISSUED', `The ${NOT_FOUND[kind].what} ${id} is a draft: only an issued one has a Factur-X or CII file. Issue it first.`, { id });
    }
    return source;
  }

  /** The file as the RPC answers it (base64). */
  async file(request: EInvoiceFileRequest): Promise<EInvoiceFile> {
    const { bytes, ...file } = await this.stored(request);
    return { ...file, contentBase64: bytes.toString('base64') };
  }

  /** The stored file's bytes (made and stored at the first read): for the PA's deposit, with no base64 round trip. */
  async stored(request: EInvoiceFileRequest): Promise<Omit<EInvoiceFile, 'contentBase64'> & { bytes: Buffer }> {
    if (!E_INVOICE_DOCUMENT_KINDS.includes(request.kind)) throw invalid('kind', `kind must be one of ${E_INVOICE_DOCUMENT_KINDS.join(', ')}.`);
    if (!E_INVOICE_FORMATS.includes(request.format)) throw invalid('format', `format must be one of ${E_INVOICE_FORMATS.join(', ')}.`);
    const target = FILES[request.kind][request.format];
    if (!target) throw invalid('format', `A ${NOT_FOUND[request.kind].what} has a Factur-X only.`);
    if (!isUuid(request.id)) {
      const { code, what } = NOT_FOUND[request.kind];
      throw new DomainError(code, `No ${what} with id ${String(request.id)} on this site.`, { id: request.id });
    }
    const manager = this.dataSource.manager;
    const siteId = siteIdOf(request.siteId);
    const load = () => this.issued(manager, siteId, request.kind, request.id);

    const render =
      request.format === 'cii'
        ? (doc: PrintableDocument) => generated(() => ciiXml(doc))
        : async (doc: PrintableDocument) => {
            // The Factur-X is the document's own stored PDF (stored now if this is its first read).
            const pdf = await documentFile(this.files, manager, { siteId, kind: request.kind, documentId: request.id }, load);
            return generated(() => facturXPdf(doc, pdf.bytes, pdf.filename));
          };
    const file = await documentFile(this.files, manager, { siteId, kind: target.kind, documentId: request.id }, load, render, target.suffix);
    return { filename: file.filename, contentType: target.contentType, sha256: file.sha256, bytes: file.bytes };
  }
}
