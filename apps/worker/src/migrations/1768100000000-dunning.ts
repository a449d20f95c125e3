import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * Dunning (docs/worker.md, dunning): the worker's read model of issued invoices, fed by
 * commerce's events (payments and credit notes as ledgers keyed by their ids, so a redelivered
 * event adds nothing); the per-site policy; reminders under their unique key (invoice × level);
 * pauses and the collection log's notes.
 */
export class Dunning1768100000000 implements MigrationInterface {
  name = 'Dunning1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker.dunning_invoice (
        invoice_id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        number text NOT NULL,
        client_id uuid NOT NULL,
        issued_on date NOT NULL,
        due_on date NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        -- Paid or cancelled by credit notes (commerce.invoice.paid, or credit notes covering what is left).
        settled_on date,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX dunning_invoice_open_idx ON worker.dunning_invoice (due_on) WHERE settled_on IS NULL`);
    await queryRunner.query(`CREATE INDEX dunning_invoice_site_idx ON worker.dunning_invoice (site_id, due_on)`);
    for (const [table, id] of [
      ['dunning_payment', 'payment_id'],
      ['dunning_credit', 'credit_note_id'],
    ]) {
      await queryRunner.query(`
        CREATE TABLE worker.${table} (
          ${id} uuid PRIMARY KEY,
          invoice_id uuid NOT NULL,
          site_id uuid NOT NULL,
          cents bigint NOT NULL CHECK (cents >= 0),
          on_date date NOT NULL
        )`);
      await queryRunner.query(`CREATE INDEX ${table}_invoice_idx ON worker.${table} (invoice_id)`);
    }
    await queryRunner.query(`
      CREATE TABLE worker.dunning_policy (
        site_id uuid PRIMARY KEY,
        policy jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_by text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE worker.dunning_reminder (
        invoice_id uuid NOT NULL,
        -- 0 courtesy notice before the due date, 1 and 2 reminders, 3 formal notice (a draft first).
        level smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
        site_id uuid NOT NULL,
        -- pending: recorded by the sweep, its e-mail not yet queued; queued: its e-mail is in outgoing_mail;
        -- draft: a level 3 awaiting a coordinator; dropped: the invoice was settled before its e-mail was queued.
        status text NOT NULL CHECK (status IN ('pending', 'queued', 'draft', 'dropped')),
        -- The Paris calendar day the sweep found it due (the 7-day gap counts from it).
        due_day date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        mail_id uuid,
        queued_at timestamptz,
        sent_by text,
        PRIMARY KEY (invoice_id, level),
        CHECK ((status = 'queued') = (mail_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX dunning_reminder_pending_idx ON worker.dunning_reminder (recorded_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX dunning_reminder_draft_idx ON worker.dunning_reminder (site_id, recorded_at) WHERE status = 'draft'`);
    await queryRunner.query(`
      CREATE TABLE worker.dunning_pause (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL,
        site_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        paused_at timestamptz NOT NULL,
        paused_by text NOT NULL,
        resumed_at timestamptz,
        resumed_by text,
        CHECK (resumed_at IS NULL OR resumed_at >= paused_at)
      )`);
    // One pause at a time per invoice: a second pause of a paused invoice is refused (409).
    await queryRunner.query(`CREATE UNIQUE INDEX dunning_pause_open_idx ON worker.dunning_pause (invoice_id) WHERE resumed_at IS NULL`);
    await queryRunner.query(`CREATE INDEX dunning_pause_invoice_idx ON worker.dunning_pause (invoice_id)`);
    await queryRunner.query(`
      CREATE TABLE worker.collection_note (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL,
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('call', 'promise_to_pay', 'note')),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        promised_on date,
        promised_cents bigint CHECK (promised_cents > 0),
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        CHECK ((kind = 'promise_to_pay') = (promised_on IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX collection_note_invoice_idx ON worker.collection_note (invoice_id, created_at)`);
    for (const table of ['dunning_invoice', 'dunning_payment', 'dunning_credit', 'dunning_policy', 'dunning_reminder', 'dunning_pause', 'collection_note']) {
      for (const sql of siteIsolationSql('worker', table)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['collection_note', 'dunning_pause', 'dunning_reminder', 'dunning_policy', 'dunning_credit', 'dunning_payment', 'dunning_invoice']) {
      await queryRunner.query(`DROP TABLE worker.${table}`);
    }
  }
}
