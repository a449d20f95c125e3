import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CollectionNoteKind } from '@kpa/contracts';
import { DunningLevel, DunningPolicy } from './dunning-schedule';

export interface DunningInvoiceRow {
  invoiceId: string;
  siteId: string;
  number: string;
  clientId: string;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  settledOn: string | null;
}

export interface ReminderRow {
  invoiceId: string;
  siteId: string;
  level: DunningLevel;
  status: 'pending' | 'queued' | 'draft' | 'dropped';
  dueDay: string;
  recordedAt: Date;
  mailId: string | null;
  queuedAt: Date | null;
  sentBy: string | null;
}

export interface PauseRow {
  id: string;
  invoiceId: string;
  reason: string;
  pausedAt: Date;
  pausedBy: string;
  resumedAt: Date | null;
  resumedBy: string | null;
}

export interface NoteRow {
  id: string;
  kind: CollectionNoteKind;
  text: string;
  promisedOn: string | null;
  promisedCents: number | null;
  createdAt: Date;
  createdBy: string;
}

const INVOICE_COLUMNS = `
  i.invoice_id AS "invoiceId", i.site_id AS "siteId", i.number, i.client_id AS "clientId",
  to_char(i.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
  i.total_cents::float8 AS "totalCents",
  COALESCE((SELECT sum(p.cents) FROM worker.dunning_payment p WHERE p.invoice_id = i.invoice_id), 0)::float8 AS "paidCents",
  COALESCE((SELECT sum(c.cents) FROM worker.dunning_credit c WHERE c.invoice_id = i.invoice_id), 0)::float8 AS "creditedCents",
  to_char(i.settled_on, 'YYYY-MM-DD') AS "settledOn"`;

const REMINDER_COLUMNS = `invoice_id AS "invoiceId", site_id AS "siteId", level, status, to_char(due_day, 'YYYY-MM-DD') AS "dueDay",
  recorded_at AS "recordedAt", mail_id AS "mailId", queued_at AS "queuedAt", sent_by AS "sentBy"`;

/** All SQL of dunning: the read model of issued invoices, policies, reminders, pauses, notes. */
@Injectable()
export class DunningRepository {
  // --- read model (commerce's events) ---------------------------------------------------------

  async recordIssued(
    manager: EntityManager,
    row: { invoiceId: string; siteId: string; number: string; clientId: string; issuedOn: string; dueOn: string; totalCents: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO worker.dunning_invoice (invoice_id, site_id, number, client_id, issued_on, due_on, total_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (invoice_id) DO NOTHING`,
      [row.invoiceId, row.siteId, row.number, row.clientId, row.issuedOn, row.dueOn, row.totalCents],
    );
  }

  /** Keyed by the payment's / credit note's id: a redelivered event adds nothing. */
  async recordMoney(manager: EntityManager, table: 'payment' | 'credit', row: { id: string; invoiceId: string; siteId: string; cents: number; on: string }): Promise<void> {
    const id = table === 'payment' ? 'payment_id' : 'credit_note_id';
    await manager.query(`INSERT INTO worker.dunning_${table} (${id}, invoice_id, site_id, cents, on_date) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (${id}) DO NOTHING`, [
      row.id,
      row.invoiceId,
      row.siteId,
      row.cents,
      row.on,
    ]);
    // Credit notes can cancel an invoice without a payment: settled once nothing is left.
    await manager.query(
      `UPDATE worker.dunning_invoice i SET settled_on = $2
       WHERE i.invoice_id = $1 AND i.settled_on IS NULL
         AND i.total_cents <= COALESCE((SELECT sum(cents) FROM worker.dunning_payment WHERE invoice_id = $1), 0)
                            + COALESCE((SELECT sum(cents) FROM worker.dunning_credit WHERE invoice_id = $1), 0)`,
      [row.invoiceId, row.on],
    );
  }

  async markSettled(manager: EntityManager, invoiceId: string, on: string): Promise<void> {
    await manager.query(`UPDATE worker.dunning_invoice SET settled_on = $2 WHERE invoice_id = $1 AND settled_on IS NULL`, [invoiceId, on]);
  }

  async invoice(manager: EntityManager, siteId: string, invoiceId: string, lock = false): Promise<DunningInvoiceRow | undefined> {
    const rows: DunningInvoiceRow[] = await manager.query(
      `SELECT ${INVOICE_COLUMNS} FROM worker.dunning_invoice i WHERE i.site_id = $1 AND i.invoice_id = $2${lock ? ' FOR UPDATE OF i' : ''}`,
      [siteId, invoiceId],
    );
    return rows[0];
  }

  async invoices(manager: EntityManager, siteIds: string[], invoiceIds: string[]): Promise<DunningInvoiceRow[]> {
    return manager.query(`SELECT ${INVOICE_COLUMNS} FROM worker.dunning_invoice i WHERE i.site_id = ANY($1::uuid[]) AND i.invoice_id = ANY($2::uuid[])`, [siteIds, invoiceIds]);
  }

  /**
   * The sweep's candidates, every site: unsettled invoices whose due date is at most `horizon` ahead
   * (the longest courtesy notice), with what was paid and credited. Keyset pages by invoice id.
   */
  async candidates(manager: EntityManager, latestDueOn: string, after: string | null, limit: number): Promise<DunningInvoiceRow[]> {
    return manager.query(
      `SELECT ${INVOICE_COLUMNS} FROM worker.dunning_invoice i
       WHERE i.settled_on IS NULL AND i.due_on <= $1 AND ($2::uuid IS NULL OR i.invoice_id > $2::uuid)
       ORDER BY i.invoice_id LIMIT $3`,
      [latestDueOn, after, limit],
    );
  }

  // --- policy ---------------------------------------------------------------------------------

  async policies(manager: EntityManager, siteIds: string[]): Promise<Map<string, { policy: DunningPolicy; updatedAt: Date }>> {
    const rows: { siteId: string; policy: DunningPolicy; updatedAt: Date }[] = await manager.query(
      `SELECT site_id AS "siteId", policy, updated_at AS "updatedAt" FROM worker.dunning_policy WHERE site_id = ANY($1::uuid[])`,
      [siteIds],
    );
    return new Map(rows.map((row) => [row.siteId, { policy: row.policy, updatedAt: row.updatedAt }]));
  }

  async setPolicy(manager: EntityManager, siteId: string, policy: DunningPolicy, by: string): Promise<Date> {
    const [row]: { updatedAt: Date }[] = await manager.query(
      `INSERT INTO worker.dunning_policy (site_id, policy, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (site_id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()
       RETURNING updated_at AS "updatedAt"`,
      [siteId, JSON.stringify(policy), by],
    );
    return row.updatedAt;
  }

  // --- reminders ------------------------------------------------------------------------------

  async remindersOf(manager: EntityManager, invoiceIds: string[]): Promise<ReminderRow[]> {
    return manager.query(`SELECT ${REMINDER_COLUMNS} FROM worker.dunning_reminder WHERE invoice_id = ANY($1::uuid[]) ORDER BY recorded_at, level`, [invoiceIds]);
  }

  /**
   * Records reminders under their unique key (invoice × level). Returns those this call inserted:
   * another sweep that recorded the same key first wins, and this one does nothing for it.
   */
  async recordReminders(
    manager: EntityManager,
    rows: { invoiceId: string; siteId: string; level: DunningLevel; status: 'pending' | 'draft'; dueDay: string }[],
  ): Promise<ReminderRow[]> {
    if (rows.length === 0) return [];
    return manager.query(
      `INSERT INTO worker.dunning_reminder (invoice_id, site_id, level, status, due_day)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::text[], $5::date[])
       ON CONFLICT (invoice_id, level) DO NOTHING
       RETURNING ${REMINDER_COLUMNS}`,
      [rows.map((r) => r.invoiceId), rows.map((r) => r.siteId), rows.map((r) => r.level), rows.map((r) => r.status), rows.map((r) => r.dueDay)],
    );
  }

  /** Pending reminders (recorded, e-mail not yet queued), every site: what the sweep re-enqueues after a lost job. */
  async pending(manager: EntityManager, limit: number): Promise<ReminderRow[]> {
    return manager.query(`SELECT ${REMINDER_COLUMNS} FROM worker.dunning_reminder WHERE status = 'pending' ORDER BY recorded_at LIMIT $1`, [limit]);
  }

  async reminder(manager: EntityManager, invoiceId: string, level: DunningLevel, lock = false): Promise<ReminderRow | undefined> {
    const rows: ReminderRow[] = await manager.query(`SELECT ${REMINDER_COLUMNS} FROM worker.dunning_reminder WHERE invoice_id = $1 AND level = $2${lock ? ' FOR UPDATE' : ''}`, [
      invoiceId,
      level,
    ]);
    return rows[0];
  }

  async markQueued(manager: EntityManager, invoiceId: string, level: DunningLevel, mailId: string, by: string | null): Promise<void> {
    await manager.query(`UPDATE worker.dunning_reminder SET status = 'queued', mail_id = $3, queued_at = clock_timestamp(), sent_by = $4 WHERE invoice_id = $1 AND level = $2`, [
      invoiceId,
      level,
      mailId,
      by,
    ]);
  }

  async markDropped(manager: EntityManager, invoiceId: string, level: DunningLevel): Promise<void> {
    await manager.query(`UPDATE worker.dunning_reminder SET status = 'dropped' WHERE invoice_id = $1 AND level = $2 AND status IN ('pending', 'draft')`, [invoiceId, level]);
  }

  async drafts(manager: EntityManager, siteId: string): Promise<(ReminderRow & { number: string; dueOn: string })[]> {
    return manager.query(
      `SELECT r.invoice_id AS "invoiceId", r.site_id AS "siteId", r.level, r.status, to_char(r.due_day, 'YYYY-MM-DD') AS "dueDay", r.recorded_at AS "recordedAt",
              r.mail_id AS "mailId", r.queued_at AS "queuedAt", r.sent_by AS "sentBy", i.number, to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM worker.dunning_reminder r JOIN worker.dunning_invoice i ON i.invoice_id = r.invoice_id
       WHERE r.site_id = $1 AND r.status = 'draft' AND i.settled_on IS NULL ORDER BY r.recorded_at, r.invoice_id`,
      [siteId],
    );
  }

  // --- pauses and notes -----------------------------------------------------------------------

  async pausesOf(manager: EntityManager, invoiceIds: string[]): Promise<PauseRow[]> {
    return manager.query(
      `SELECT id, invoice_id AS "invoiceId", reason, paused_at AS "pausedAt", paused_by AS "pausedBy", resumed_at AS "resumedAt", resumed_by AS "resumedBy"
       FROM worker.dunning_pause WHERE invoice_id = ANY($1::uuid[]) ORDER BY paused_at`,
      [invoiceIds],
    );
  }

  /** False when the invoice is already paused (the open pause's unique index). */
  async pause(manager: EntityManager, row: { id: string; invoiceId: string; siteId: string; reason: string; at: Date; by: string }): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO worker.dunning_pause (id, invoice_id, site_id, reason, paused_at, paused_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (invoice_id) WHERE resumed_at IS NULL DO NOTHING RETURNING id`,
      [row.id, row.invoiceId, row.siteId, row.reason, row.at, row.by],
    );
    return inserted.length === 1;
  }

  /** False when the invoice was not paused. */
  async resume(manager: EntityManager, invoiceId: string, at: Date, by: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE worker.dunning_pause SET resumed_at = GREATEST($2::timestamptz, paused_at), resumed_by = $3 WHERE invoice_id = $1 AND resumed_at IS NULL`,
      [invoiceId, at, by],
    );
    return affected === 1;
  }

  async addNote(
    manager: EntityManager,
    row: { id: string; invoiceId: string; siteId: string; kind: CollectionNoteKind; text: string; promisedOn: string | null; promisedCents: number | null; at: Date; by: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO worker.collection_note (id, invoice_id, site_id, kind, text, promised_on, promised_cents, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.id, row.invoiceId, row.siteId, row.kind, row.text, row.promisedOn, row.promisedCents, row.at, row.by],
    );
  }

  async notesOf(manager: EntityManager, invoiceId: string): Promise<NoteRow[]> {
    return manager.query(
      `SELECT id, kind, text, to_char(promised_on, 'YYYY-MM-DD') AS "promisedOn", promised_cents::float8 AS "promisedCents", created_at AS "createdAt", created_by AS "createdBy"
       FROM worker.collection_note WHERE invoice_id = $1 ORDER BY created_at, id`,
      [invoiceId],
    );
  }
}
