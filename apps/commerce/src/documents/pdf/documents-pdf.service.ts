import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DOCUMENT_PDF_KINDS, DocumentPdf, DocumentPdfKind, DocumentPdfRequest, DomainError, ErrorCode, isUuid, ReceiptedInvoiceRequest, SiteId, siteIdOf } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { InvoicePrintables } from '../../invoices/invoice-printable';
import { QuotePrintables } from '../../quotes/quote-printable';
import { DocumentFileRepository } from './document-file.repository';
import { documentFile, PrintableSource } from './document-files';

const NOT_FOUND: Record<DocumentPdfKind, { code: ErrorCode; what: string }> = {
  quote: { code: 'QUOTE_NOT_FOUND', what: 'quote' },
  invoice: { code: 'INVOICE_NOT_FOUND', what: 'invoice' },
  credit_note: { code: 'CREDIT_NOTE_NOT_FOUND', what: 'credit note' },
};

/** The PDF of a quote, invoice or credit note of a site, stored once the document is frozen. */
@Injectable()
export class DocumentsPdfService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicePrintables,
    private readonly quotes: QuotePrintables,
    private readonly files: DocumentFileRepository,
  ) {}

  /** Where each kind of document comes from: its own slice builds what it prints. */
  private loadPrintable(manager: EntityManager, siteId: SiteId, { kind, id }: DocumentPdfRequest): Promise<PrintableSource> {
    switch (kind) {
      case 'quote':
        return this.quotes.printableQuote(manager, siteId, id, todayInFrance());
      case 'invoice':
        return this.invoices.printableInvoice(manager, siteId, id);
      case 'credit_note':
        return this.invoices.printableCreditNote(manager, siteId, id);
      default: {
        const unknown: never = kind;
        throw new DomainError('VALIDATION_FAILED', `kind must be one of ${DOCUMENT_PDF_KINDS.join(', ')}, not ${String(unknown)}.`, { field: 'kind' });
      }
    }
  }

  async pdf(request: DocumentPdfRequest): Promise<DocumentPdf> {
    if (!DOCUMENT_PDF_KINDS.includes(request.kind)) {
      throw new DomainError('VALIDATION_FAILED', `kind must be one of ${DOCUMENT_PDF_KINDS.join(', ')}.`, { field: 'kind' });
    }
    if (!isUuid(request.id)) {
      const { code, what } = NOT_FOUND[request.kind];
      throw new DomainError(code, `No ${what} with id ${String(request.id)} on this site.`, { id: request.id });
    }
    const manager = this.dataSource.manager;
    const siteId = siteIdOf(request.siteId);
    const file = await documentFile(this.files, manager, { siteId, kind: request.kind, documentId: request.id }, () => this.loadPrintable(manager, siteId, request));
    return { filename: file.filename, sha256: file.sha256, frozen: file.frozen, contentBase64: file.bytes.toString('base64') };
  }

  /**
   * The receipted copy ("facture acquittée") of a fully paid invoice: rendered at its first read from
   * the invoice's frozen document and the payments of that day, stored with its own SHA-256 under
   * its own kind, never regenerated (a later credit note or refund does not change it). The invoice's
   * own PDF is untouched.
   */
  async receiptedInvoice(request: ReceiptedInvoiceRequest): Promise<DocumentPdf> {
    if (!isUuid(request.invoiceId)) throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${String(request.invoiceId)} on this site.`, { id: request.invoiceId });
    const siteId = siteIdOf(request.siteId);
    const file = await documentFile(
      this.files,
      this.dataSource.manager,
      { siteId, kind: 'invoice_receipted', documentId: request.invoiceId },
      // One snapshot for the invoice and its payments (stored outside it: see documentFile's re-read).
      () => this.dataSource.transaction('REPEATABLE READ', (manager) => this.invoices.receiptedInvoice(manager, siteId, request.invoiceId)),
      undefined,
      '_acquittee.pdf',
    );
    return { filename: file.filename, sha256: file.sha256, frozen: true, contentBase64: file.bytes.toString('base64') };
  }
}
