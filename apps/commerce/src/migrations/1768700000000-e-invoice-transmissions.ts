import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * The transmission of e-invoices to the host structure's approved platform (issue 15,
 * docs/e-invoicing.md "Transmission"). `einvoice_transmission`: one row per issued document handed
 * to a PA, written in the transaction that issues it (nothing issued is forgotten by a crash), then
 * moved by the sweep: deposited with the PA's reference, or retried later with the error kept.
 * `einvoice_transmission_status`: every lifecycle status the PA reported (and the payment the
 * platform reported), each once, never changed.
 */
export class EInvoiceTransmissions1768700000000 implements MigrationInterface {
  name = 'EInvoiceTransmissions1768700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.einvoice_transmission (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        document_kind text NOT NULL CHECK (document_kind IN ('invoice', 'credit_note')),
        document_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'deposited', 'rejected', 'received', 'accepted', 'refused', 'paid')),
        pa text NOT NULL,
        pa_reference text,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        last_error text,
        queued_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (document_kind, document_id),
        CHECK ((status = 'pending') = (pa_reference IS NULL)),
        CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
      )`);
    // The sweep's two reads: what is due to be deposited, and what is still on its way.
    await queryRunner.query("CREATE INDEX einvoice_transmission_due_idx ON commerce.einvoice_transmission (next_attempt_at) WHERE status = 'pending'");
    await queryRunner.query("CREATE INDEX einvoice_transmission_open_idx ON commerce.einvoice_transmission (updated_at) WHERE status IN ('deposited', 'received', 'accepted')");
    await queryRunner.query(`
      CREATE TABLE commerce.einvoice_transmission_status (
        transmission_id uuid NOT NULL REFERENCES commerce.einvoice_transmission (id),
        site_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('deposited', 'rejected', 'received', 'accepted', 'refused', 'paid')),
        occurred_at timestamptz NOT NULL,
        reason text,
        source text NOT NULL CHECK (source IN ('pa', 'platform')),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (transmission_id, status)
      )`);
    await queryRunner.query(
      'CREATE TRIGGER einvoice_transmission_status_append_only BEFORE UPDATE OR DELETE ON commerce.einvoice_transmission_status FOR EACH ROW EXECUTE FUNCTION commerce.refuse_change()',
    );
    for (const table of ['einvoice_transmission', 'einvoice_transmission_status']) {
      for (const sql of siteIsolationSql('commerce', table)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.einvoice_transmission_status');
    await queryRunner.query('DROP TABLE commerce.einvoice_transmission');
  }
}
