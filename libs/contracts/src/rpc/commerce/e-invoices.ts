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

/*
 * Transmission to the host structure's approved platform (plateforme agréée, PA): docs/e-invoicing.md,
 * "Transmission". The statuses are the reform's lifecycle statuses (cycle de vie) the platform follows,
 * with their codes: 200 deposited (déposée), 213 rejected by the PA (rejetée), 202 received by the
 * buyer's platform (reçue), 205 accepted by the buyer (approuvée), 210 refused by the buyer (refusée),
 * 212 paid (encaissée, reported by the seller); `pending` is the platform's own: queued, not handed yet.
 */
export const TRANSMISSION_STATUSES = ['pending', 'deposited', 'rejected', 'received', 'accepted', 'refused', 'paid'] as const;
export type TransmissionStatus = (typeof TRANSMISSION_STATUSES)[number];

/** Who said it: the PA (its lifecycle reports) or the platform (the payment it reports). */
export type TransmissionStatusSource = 'pa' | 'platform';

export interface TransmissionStatusEntry {
  status: Exclude<TransmissionStatus, 'pending'>;
  /** The reform's lifecycle code (200, 202, 205, 210, 212, 213). */
  code: number;
  /** When it happened, as the PA (or the platform) dated it: ISO timestamp. */
  occurredAt: string;
  /** The reason the PA or the buyer gave (a refusal's, a rejection's), or null. */
  reason: string | null;
  source: TransmissionStatusSource;
}

/** An issued document's transmission to its host structure's PA. */
export interface EInvoiceTransmission {
  kind: EInvoiceDocumentKind;
  /** The invoice's or credit note's id. */
  id: string;
  number: string;
  status: TransmissionStatus;
  /** The adapter it goes through ("file-drop", "http"). */
  pa: string;
  /** The PA's reference of the deposit, once deposited. */
  paReference: string | null;
  /** Failed attempts to deposit it. */
  attempts: number;
  /** While pending: when the next attempt is due (ISO timestamp). */
  nextAttemptAt: string | null;
  /** The last attempt's error, while pending after a failure. */
  lastError: string | null;
  queuedAt: string;
  /** Every status the PA reported, and the platform's payment report, oldest first. */
  history: TransmissionStatusEntry[];
}

/** `rpc.commerce.einvoice.transmission`: the transmission of one issued invoice or credit note of a site. */
export interface GetTransmissionRequest {
  siteId: string;
  kind: EInvoiceDocumentKind;
  id: string;
}

/** `rpc.commerce.einvoice.transmit_due` (worker): what one sweep did. */
export interface TransmissionSweepOutcome {
  /** Documents handed to the PA. */
  deposited: number;
  /** Attempts that failed (retried later). */
  failed: number;
  /** New statuses recorded from the PA. */
  statusesRecorded: number;
  /** Payments reported to the PA (status paid). */
  paymentsReported: number;
}
