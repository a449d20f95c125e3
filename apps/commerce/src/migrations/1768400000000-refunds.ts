import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * Credit notes on a paid part, and refunds (issue 15, audit defect 3). A credit note may now cancel
 * money already paid: the invoice then owes the client that money back until a `refund` row records
 * it. The invoice keeps `refunded_cents` / `refunded_net_cents`; what the client owes, signed, is
 * total − deposits − credited − paid + refunded: `outstanding_cents` is its positive part (never
 * negative, what the receivables board sums) and `refund_due_cents` its negative part.
 */
export class Refunds1768400000000 implements MigrationInterface {
  name = 'Refunds1768400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The balance checks of 1765300000000 forbade a credit on a paid part: drop them by their text
    // (they were created unnamed) and put back what still holds, named.
    await queryRunner.query(`
      DO $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'commerce.invoice'::regclass AND contype = 'c' LOOP
          IF c.def LIKE '%credited_cents%paid_cents%' OR c.def LIKE '%credited_net_cents%paid_net_cents%' THEN
            EXECUTE format('ALTER TABLE commerce.invoice DROP CONSTRAINT %I', c.conname);
          END IF;
        END LOOP;
      END $$`);
    await queryRunner.query('ALTER TABLE commerce.invoice DROP COLUMN outstanding_cents');
    await queryRunner.query(`
      ALTER TABLE commerce.invoice
        ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0 CONSTRAINT invoice_refunded_not_negative CHECK (refunded_cents >= 0),
        ADD COLUMN refunded_net_cents bigint NOT NULL DEFAULT 0 CONSTRAINT invoice_refunded_net_not_negative CHECK (refunded_net_cents >= 0),
        ADD COLUMN outstanding_cents bigint GENERATED ALWAYS AS (GREATEST(0, total_cents - deposits_cents - credited_cents - paid_cents + refunded_cents)) STORED,
        ADD COLUMN refund_due_cents bigint GENERATED ALWAYS AS (GREATEST(0, paid_cents - refunded_cents - (total_cents - deposits_cents - credited_cents))) STORED,
        -- credit notes never cancel more than the invoice (less its deposits), paid or not
        ADD CONSTRAINT invoice_credited_within_total CHECK (deposits_cents + credited_cents <= total_cents),
        ADD CONSTRAINT invoice_credited_net_within_net CHECK (deposits_net_cents + credited_net_cents <= net_cents),
        -- payments never exceed what was owed; refunds never exceed what was paid, nor what is due back
        ADD CONSTRAINT invoice_paid_within_total CHECK (paid_cents <= total_cents - deposits_cents),
        ADD CONSTRAINT invoice_refunded_within_paid CHECK (refunded_cents <= paid_cents AND refunded_net_cents <= paid_net_cents),
        ADD CONSTRAINT invoice_refunded_within_due CHECK (refunded_cents = 0 OR total_cents - deposits_cents - credited_cents - paid_cents + refunded_cents <= 0),
        ADD CONSTRAINT invoice_settled_statuses CHECK (status NOT IN ('paid', 'cancelled') OR total_cents - deposits_cents - credited_cents - paid_cents + refunded_cents <= 0),
        ADD CONSTRAINT invoice_unpaid_statuses CHECK (status NOT IN ('issued', 'partially_paid') OR total_cents - deposits_cents - credited_cents - paid_cents + refunded_cents > 0)`);
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_idx ON commerce.invoice (site_id, due_on, id) INCLUDE (outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_all_idx ON commerce.invoice (due_on, id) INCLUDE (site_id, outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );
    // The few invoices with money due back, for the receivables board.
    await queryRunner.query('CREATE INDEX invoice_refund_due_idx ON commerce.invoice (site_id) INCLUDE (refund_due_cents) WHERE refund_due_cents > 0');

    await queryRunner.query(`
      CREATE TABLE commerce.refund (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        invoice_id uuid NOT NULL REFERENCES commerce.invoice (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        net_cents bigint NOT NULL CHECK (net_cents >= 0),
        refunded_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('transfer', 'cheque', 'cash', 'card')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX refund_invoice_page_idx ON commerce.refund (invoice_id, created_at, id)');
    await queryRunner.query('CREATE TRIGGER refund_append_only BEFORE UPDATE OR DELETE ON commerce.refund FOR EACH ROW EXECUTE FUNCTION commerce.refuse_change()');
    for (const sql of siteIsolationSql('commerce', 'refund')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.refund');
    for (const name of [
      'invoice_credited_within_total',
      'invoice_credited_net_within_net',
      'invoice_paid_within_total',
      'invoice_refunded_within_paid',
      'invoice_refunded_within_due',
      'invoice_settled_statuses',
      'invoice_unpaid_statuses',
    ]) {
      await queryRunner.query(`ALTER TABLE commerce.invoice DROP CONSTRAINT ${name}`);
    }
    await queryRunner.query('ALTER TABLE commerce.invoice DROP COLUMN refund_due_cents, DROP COLUMN outstanding_cents, DROP COLUMN refunded_net_cents, DROP COLUMN refunded_cents');
    await queryRunner.query(`
      ALTER TABLE commerce.invoice
        ADD COLUMN outstanding_cents bigint GENERATED ALWAYS AS (total_cents - deposits_cents - credited_cents - paid_cents) STORED,
        ADD CHECK (total_cents - deposits_cents - credited_cents - paid_cents >= 0),
        ADD CHECK (net_cents - deposits_net_cents - credited_net_cents - paid_net_cents >= 0),
        ADD CHECK (status NOT IN ('paid', 'cancelled') OR total_cents - deposits_cents - credited_cents - paid_cents = 0),
        ADD CHECK (status NOT IN ('issued', 'partially_paid') OR total_cents - deposits_cents - credited_cents - paid_cents > 0)`);
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_idx ON commerce.invoice (site_id, due_on, id) INCLUDE (outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_all_idx ON commerce.invoice (due_on, id) INCLUDE (site_id, outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );
  }
}
