import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EInvoiceDocumentKind, SiteId, TransmissionStatus, TransmissionStatusEntry, TransmissionStatusSource } from '@kpa/contracts';
import { ReportedStatus } from './transmission';

/** A transmission with what the sweep needs of its document. */
export interface TransmissionRow {
  id: string;
  siteId: SiteId;
  kind: EInvoiceDocumentKind;
  documentId: string;
  number: string;
  status: TransmissionStatus;
  pa: string;
  paReference: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  queuedAt: Date;
  /** From the frozen document: the seller's SIREN and the buyer's SIRET. */
  sellerSiren: string;
  buyerSiret: string | null;
  /** An invoice paid in full, and what was received net of refunds (credit notes: false, 0). */
  invoicePaid: boolean;
  paidOn: string | null;
  receivedCents: number;
}

interface Row {
  id: string;
  site_id: SiteId;
  document_kind: EInvoiceDocumentKind;
  document_id: string;
  number: string;
  status: TransmissionStatus;
  pa: string;
  pa_reference: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  queued_at: Date;
  seller_siren: string;
  buyer_siret: string | null;
  invoice_paid: boolean;
  paid_on: string | null;
  received_cents: string;
}

/** Each transmission with its document (an invoice or a credit note, both frozen at issue). */
const SELECT = `
  SELECT t.id, t.site_id, t.document_kind, t.document_id, t.status, t.pa, t.pa_reference, t.attempts, t.next_attempt_at, t.last_error, t.queued_at,
         COALESCE(i.number, c.number) AS number,
         COALESCE(i.printable, c.printable) -> 'seller' ->> 'siren' AS seller_siren,
         COALESCE(i.printable, c.printable) -> 'client' ->> 'siret' AS buyer_siret,
         COALESCE(i.status = 'paid', false) AS invoice_paid,
         to_char(i.paid_on, 'YYYY-MM-DD') AS paid_on,
         COALESCE(i.paid_cents - i.refunded_cents, 0) AS received_cents
    FROM commerce.einvoice_transmission t
    LEFT JOIN commerce.invoice i ON t.document_kind = 'invoice' AND i.id = t.document_id
    LEFT JOIN commerce.credit_note c ON t.document_kind = 'credit_note' AND c.id = t.document_id`;

function toRow(row: Row): TransmissionRow {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.document_kind,
    documentId: row.document_id,
    number: row.number,
    status: row.status,
    pa: row.pa,
    paReference: row.pa_reference,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    queuedAt: row.queued_at,
    sellerSiren: row.seller_siren,
    buyerSiret: row.buyer_siret,
    invoicePaid: row.invoice_paid,
    paidOn: row.paid_on,
    receivedCents: Number(row.received_cents),
  };
}

/**
 * The transmissions (`einvoice_transmission`) and their lifecycle (`einvoice_transmission_status`).
 * Stateless: every method runs on the manager it is given. The sweep's reads lock one row at a time
 * with SKIP LOCKED, so two sweeps at once never hand the same document twice.
 */
@Injectable()
export class TransmissionRepository {
  /** Queues an issued document (in its issuing transaction); a second call for it changes nothing. */
  async queue(manager: EntityManager, row: { id: string; siteId: SiteId; kind: EInvoiceDocumentKind; documentId: string; pa: string; at: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.einvoice_transmission (id, site_id, document_kind, document_id, status, pa, next_attempt_at, queued_at, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $6, $6) ON CONFLICT (document_kind, document_id) DO NOTHING`,
      [row.id, row.siteId, row.kind, row.documentId, row.pa, row.at],
    );
  }

  /** The next pending transmission due by `now`, locked; none when every due one is taken. */
  async lockNextDue(manager: EntityManager, now: Date): Promise<TransmissionRow | undefined> {
    const rows: Row[] = await manager.query(
      `${SELECT} WHERE t.status = 'pending' AND t.next_attempt_at <= $1 ORDER BY t.next_attempt_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
      [now],
    );
    return rows[0] && toRow(rows[0]);
  }

  /** The next transmission still on its way (deposited, received, accepted) not looked at since `before`, locked. */
  async lockNextOpen(manager: EntityManager, before: Date): Promise<TransmissionRow | undefined> {
    const rows: Row[] = await manager.query(
      `${SELECT} WHERE t.status IN ('deposited', 'received', 'accepted') AND t.updated_at < $1 ORDER BY t.updated_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
      [before],
    );
    return rows[0] && toRow(rows[0]);
  }

  async markDeposited(manager: EntityManager, id: string, reference: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE commerce.einvoice_transmission SET status = 'deposited', pa_reference = $2, next_attempt_at = NULL, last_error = NULL, updated_at = $3 WHERE id = $1`,
      [id, reference, now],
    );
  }

  async markFailed(manager: EntityManager, id: string, failure: { attempts: number; nextAttemptAt: Date; error: string }, now: Date): Promise<void> {
    await manager.query(`UPDATE commerce.einvoice_transmission SET attempts = $2, next_attempt_at = $3, last_error = $4, updated_at = $5 WHERE id = $1`, [
      id,
      failure.attempts,
      failure.nextAttemptAt,
      failure.error,
      now,
    ]);
  }

  /** Sets the status (and marks the row looked at, also when it stays the same). */
  async setStatus(manager: EntityManager, id: string, status: TransmissionStatus, now: Date): Promise<void> {
    await manager.query(`UPDATE commerce.einvoice_transmission SET status = $2, last_error = NULL, updated_at = $3 WHERE id = $1`, [id, status, now]);
  }

  /** Keeps the last error of a look that failed, and marks the row looked at. */
  async noteError(manager: EntityManager, id: string, error: string, now: Date): Promise<void> {
    await manager.query(`UPDATE commerce.einvoice_transmission SET last_error = $2, updated_at = $3 WHERE id = $1`, [id, error, now]);
  }

  /** Records a reported status once; answers whether it was new. */
  async recordStatus(
    manager: EntityManager,
    entry: { transmissionId: string; siteId: SiteId; status: ReportedStatus; occurredAt: Date; reason: string | null; source: TransmissionStatusSource },
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO commerce.einvoice_transmission_status (transmission_id, site_id, status, occurred_at, reason, source, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (transmission_id, status) DO NOTHING RETURNING status`,
      [entry.transmissionId, entry.siteId, entry.status, entry.occurredAt, entry.reason, entry.source, now],
    );
    return rows.length > 0;
  }

  /** A site's transmission of one document, if it has one. */
  async find(manager: EntityManager, siteId: SiteId, kind: EInvoiceDocumentKind, documentId: string): Promise<TransmissionRow | undefined> {
    const rows: Row[] = await manager.query(`${SELECT} WHERE t.site_id = $1 AND t.document_kind = $2 AND t.document_id = $3`, [siteId, kind, documentId]);
    return rows[0] && toRow(rows[0]);
  }

  /** Its history, oldest first. */
  async history(manager: EntityManager, siteId: SiteId, transmissionId: string): Promise<Omit<TransmissionStatusEntry, 'code'>[]> {
    const rows: { status: ReportedStatus; occurred_at: Date; reason: string | null; source: TransmissionStatusSource }[] = await manager.query(
      `SELECT status, occurred_at, reason, source FROM commerce.einvoice_transmission_status
        WHERE site_id = $1 AND transmission_id = $2 ORDER BY occurred_at, recorded_at`,
      [siteId, transmissionId],
    );
    return rows.map((row) => ({ status: row.status, occurredAt: row.occurred_at.toISOString(), reason: row.reason, source: row.source }));
  }
}
