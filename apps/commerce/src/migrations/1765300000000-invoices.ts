import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices (standard, deposit, final), credit notes and payments of each site. An invoice gets its
 * number (site's `F` series) and its frozen printable document when issued; from then on its content
 * never changes (a trigger refuses it) and only its payments and credit notes move its balance.
 * Money columns are integer cents, so the receivables board is one indexed query.
 */
export class Invoices1765300000000 implements MigrationInterface {
  name = 'Invoices1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.invoice (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES commerce.client (id),
        kind text NOT NULL CHECK (kind IN ('standard', 'deposit', 'final')),
        status text NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled')),
        number text,
        issued_on date,
        due_on date,
        paid_on date,
        quote_id uuid REFERENCES commerce.quote (id),
        mission_id uuid REFERENCES commerce.mission (id),
        deposit_invoice_ids uuid[] NOT NULL DEFAULT '{}',
        deducted_by_invoice_id uuid REFERENCES commerce.invoice (id),
        purchase_order_number text,
        commitment_number text,
        payment_term_days integer CHECK (payment_term_days BETWEEN 0 AND 365),
        delivery_starts_on date,
        delivery_ends_on date,
        supply_date date,
        operation_category text NOT NULL CHECK (operation_category IN ('services', 'goods', 'mixed')),
        cape_holder_member_id uuid,
        lines jsonb NOT NULL,
        totals jsonb NOT NULL,
        printable jsonb,
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        net_cents bigint NOT NULL CHECK (net_cents >= 0),
        deposits_cents bigint NOT NULL DEFAULT 0 CHECK (deposits_cents >= 0),
        deposits_net_cents bigint NOT NULL DEFAULT 0 CHECK (deposits_net_cents >= 0),
        credited_cents bigint NOT NULL DEFAULT 0 CHECK (credited_cents >= 0),
        credited_net_cents bigint NOT NULL DEFAULT 0 CHECK (credited_net_cents >= 0),
        paid_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
        paid_net_cents bigint NOT NULL DEFAULT 0 CHECK (paid_net_cents >= 0),
        outstanding_cents bigint GENERATED ALWAYS AS (total_cents - deposits_cents - credited_cents - paid_cents) STORED,
        created_by uuid NOT NULL,
        created_by_role text NOT NULL CHECK (created_by_role IN ('coordinator', 'member')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT invoice_site_number_key UNIQUE (site_id, number),
        -- a number (and its date, due date and frozen document) if and only if issued
        CHECK ((status = 'draft') = (number IS NULL)),
        CHECK ((number IS NULL) = (issued_on IS NULL) AND (number IS NULL) = (due_on IS NULL) AND (number IS NULL) = (printable IS NULL)),
        CHECK (due_on >= issued_on),
        CHECK (paid_cents <= total_cents),
        CHECK (total_cents - deposits_cents - credited_cents - paid_cents >= 0),
        CHECK (net_cents - deposits_net_cents - credited_net_cents - paid_net_cents >= 0),
        CHECK (status <> 'draft' OR (paid_cents = 0 AND credited_cents = 0)),
        CHECK (status NOT IN ('paid', 'cancelled') OR total_cents - deposits_cents - credited_cents - paid_cents = 0),
        CHECK (status NOT IN ('issued', 'partially_paid') OR total_cents - deposits_cents - credited_cents - paid_cents > 0),
        CHECK ((status = 'paid') = (paid_on IS NOT NULL)),
        CHECK (kind = 'final' OR (cardinality(deposit_invoice_ids) = 0 AND deposits_cents = 0)),
        CHECK (deducted_by_invoice_id IS NULL OR kind = 'deposit'),
        CHECK (delivery_ends_on >= delivery_starts_on)
      )`);
    await queryRunner.query('CREATE INDEX invoice_site_page_idx ON commerce.invoice (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX invoice_site_status_page_idx ON commerce.invoice (site_id, status, created_at, id)');
    await queryRunner.query('CREATE INDEX invoice_quote_idx ON commerce.invoice (quote_id) WHERE quote_id IS NOT NULL');
    // The receivables board: unpaid issued invoices of a site by due date, totals without the heap.
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_idx ON commerce.invoice (site_id, due_on, id) INCLUDE (outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );
    // ... and across sites (network admins).
    await queryRunner.query(
      "CREATE INDEX invoice_receivable_all_idx ON commerce.invoice (due_on, id) INCLUDE (site_id, outstanding_cents) WHERE status IN ('issued', 'partially_paid')",
    );

    await queryRunner.query(`
      CREATE TABLE commerce.credit_note (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        invoice_id uuid NOT NULL REFERENCES commerce.invoice (id),
        number text NOT NULL,
        issued_on date NOT NULL,
        full_credit boolean NOT NULL,
        reason text,
        lines jsonb NOT NULL,
        totals jsonb NOT NULL,
        printable jsonb NOT NULL,
        net_cents bigint NOT NULL CHECK (net_cents >= 0),
        vat_cents bigint NOT NULL CHECK (vat_cents >= 0),
        total_cents bigint NOT NULL CHECK (total_cents > 0 AND total_cents = net_cents + vat_cents),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT credit_note_site_number_key UNIQUE (site_id, number)
      )`);
    await queryRunner.query('CREATE INDEX credit_note_invoice_idx ON commerce.credit_note (invoice_id)');
    await queryRunner.query('CREATE INDEX credit_note_site_page_idx ON commerce.credit_note (site_id, created_at, id)');

    await queryRunner.query(`
      CREATE TABLE commerce.payment (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        invoice_id uuid NOT NULL REFERENCES commerce.invoice (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        net_cents bigint NOT NULL CHECK (net_cents >= 0),
        received_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('transfer', 'cheque', 'cash', 'card')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX payment_invoice_page_idx ON commerce.payment (invoice_id, created_at, id)');

    // Defence in depth (CGI ann. II 242 nonies A; docs/domain-rules.md §1.3): an issued invoice's content is
    // never changed nor deleted, and credit notes and payments are never changed nor deleted.
    await queryRunner.query(`
      CREATE FUNCTION commerce.refuse_issued_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.number IS NOT NULL THEN RAISE EXCEPTION 'issued invoice % cannot be deleted', OLD.number USING ERRCODE = 'check_violation'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.number IS NOT NULL AND (
             NEW.number IS DISTINCT FROM OLD.number OR NEW.issued_on IS DISTINCT FROM OLD.issued_on OR NEW.due_on IS DISTINCT FROM OLD.due_on
             OR NEW.client_id IS DISTINCT FROM OLD.client_id OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.lines IS DISTINCT FROM OLD.lines
             OR NEW.totals IS DISTINCT FROM OLD.totals OR NEW.printable IS DISTINCT FROM OLD.printable OR NEW.total_cents IS DISTINCT FROM OLD.total_cents
             OR NEW.net_cents IS DISTINCT FROM OLD.net_cents OR NEW.deposits_cents IS DISTINCT FROM OLD.deposits_cents
             OR NEW.deposit_invoice_ids IS DISTINCT FROM OLD.deposit_invoice_ids OR NEW.site_id IS DISTINCT FROM OLD.site_id) THEN
          RAISE EXCEPTION 'issued invoice % is frozen: correct it with a credit note', OLD.number USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER invoice_frozen_once_issued BEFORE UPDATE OR DELETE ON commerce.invoice FOR EACH ROW EXECUTE FUNCTION commerce.refuse_issued_invoice_change()',
    );
    await queryRunner.query(`
      CREATE FUNCTION commerce.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never changed nor deleted', TG_TABLE_NAME USING ERRCODE = 'check_violation';
      END $$`);
    await queryRunner.query('CREATE TRIGGER credit_note_append_only BEFORE UPDATE OR DELETE ON commerce.credit_note FOR EACH ROW EXECUTE FUNCTION commerce.refuse_change()');
    await queryRunner.query('CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON commerce.payment FOR EACH ROW EXECUTE FUNCTION commerce.refuse_change()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.payment');
    await queryRunner.query('DROP TABLE commerce.credit_note');
    await queryRunner.query('DROP TABLE commerce.invoice');
    await queryRunner.query('DROP FUNCTION commerce.refuse_change()');
    await queryRunner.query('DROP FUNCTION commerce.refuse_issued_invoice_change()');
  }
}
