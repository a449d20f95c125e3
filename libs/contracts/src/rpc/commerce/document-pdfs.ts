/** The documents that have a PDF. */
export const DOCUMENT_PDF_KINDS = ['quote', 'invoice', 'credit_note'] as const;
export type DocumentPdfKind = (typeof DOCUMENT_PDF_KINDS)[number];

/** `rpc.commerce.document.pdf`: the PDF of a quote, invoice or credit note of a site. */
export interface DocumentPdfRequest {
  siteId: string;
  kind: DocumentPdfKind;
  /** The quote's, invoice's or credit note's id. */
  id: string;
}

/**
 * The PDF, base64 in the reply (a NATS message carries at most 1 MB: the PDFs use the standard
 * fonts and stay a few kilobytes per page). Stored and unchanging once the document is sent or
 * issued; a draft's is rendered again on each read.
 */
export interface DocumentPdf {
  /** "LACAPE-F-2026-00042.pdf", or "brouillon-<id>.pdf" for a draft. */
  filename: string;
  /** Lower-case hex SHA-256 of the PDF's bytes. */
  sha256: string;
  /** Sent or issued: these bytes are stored and never change. False for a draft's preview. */
  frozen: boolean;
  contentBase64: string;
}

/**
 * `rpc.commerce.document.receipted_invoice`: the receipted copy ("facture acquittée") of a fully paid
 * invoice of a site — its frozen content marked as paid, with the payments received. A separate
 * document from the invoice (whose PDF stays as issued): generated at its first read, stored with its
 * own SHA-256, never changed (`frozen` is always true).
 */
export interface ReceiptedInvoiceRequest {
  siteId: string;
  invoiceId: string;
}
