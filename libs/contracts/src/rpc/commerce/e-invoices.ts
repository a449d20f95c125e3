/** The documents that have an e-invoice: issued invoices (standard, deposit, final) and credit notes. */
export const E_INVOICE_DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;
export type EInvoiceDocumentKind = (typeof E_INVOICE_DOCUMENT_KINDS)[number];

/** Factur-X: the PDF/A-3 with factur-x.xml embedded; CII: the bare UN/CEFACT CII D16B XML. */
export const E_INVOICE_FORMATS = ['factur-x', 'cii'] as const;
export type EInvoiceFormat = (typeof E_INVOICE_FORMATS)[number];

/** `rpc.commerce.document.einvoice`: the e-invoice of an issued invoice or credit note of a site. */
export interface EInvoiceFileRequest {
  siteId: string;
  kind: EInvoiceDocumentKind;
  /** The invoice's or credit note's id. */
  id: string;
  format: EInvoiceFormat;
}

/**
 * The file, base64 in the reply. Generated from the frozen document at its first read, stored with
 * its SHA-256 and never changed: every read answers the same bytes.
 */
export interface EInvoiceFile {
  /** "LACAPE-F-2026-00042_factur-x.pdf", "LACAPE-F-2026-00042_cii.xml". */
  filename: string;
  /** "application/pdf" or "application/xml". */
  contentType: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  contentBase64: string;
}
