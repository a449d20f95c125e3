import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expenses (notes de frais) of each site, in integer cents. The receipt file itself is in the
 * receipts object store (NATS JetStream); the row keeps its object name, type, size and SHA-256.
 */
export class Expenses1765500000000 implements MigrationInterface {
  name = 'Expenses1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.expense (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        -- null: the site itself paid (nobody to pay back)
        paid_by_member_id uuid REFERENCES commerce.known_member (id),
        spent_on date NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        vat_cents bigint NOT NULL CHECK (vat_cents >= 0 AND vat_cents <= amount_cents),
        category text NOT NULL CHECK (category IN ('supplies', 'travel', 'meals', 'equipment', 'rent', 'insurance', 'training', 'communication', 'other')),
        note text,
        status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'reimbursed')),
        approved_on date,
        rejected_on date,
        rejection_reason text,
        decided_by uuid,
        reimbursed_on date,
        reimbursement_method text CHECK (reimbursement_method IN ('bank_transfer', 'cheque', 'cash', 'payroll')),
        receipt_object_name text,
        receipt_sha256 text CHECK (receipt_sha256 ~ '^[0-9a-f]{64}$'),
        receipt_content_type text CHECK (receipt_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        receipt_size integer CHECK (receipt_size > 0),
        receipt_uploaded_at timestamptz,
        submitted_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status IN ('approved', 'reimbursed')) = (approved_on IS NOT NULL)),
        CHECK ((status = 'rejected') = (rejected_on IS NOT NULL AND rejection_reason IS NOT NULL)),
        CHECK ((status = 'submitted') = (decided_by IS NULL)),
        CHECK ((status = 'reimbursed') = (reimbursed_on IS NOT NULL AND reimbursement_method IS NOT NULL)),
        CHECK (status <> 'reimbursed' OR (paid_by_member_id IS NOT NULL AND reimbursed_on >= approved_on)),
        CHECK (
          (receipt_object_name IS NULL AND receipt_sha256 IS NULL AND receipt_content_type IS NULL AND receipt_size IS NULL AND receipt_uploaded_at IS NULL)
          OR (receipt_object_name IS NOT NULL AND receipt_sha256 IS NOT NULL AND receipt_content_type IS NOT NULL AND receipt_size IS NOT NULL AND receipt_uploaded_at IS NOT NULL)
        )
      )`);
    await queryRunner.query('CREATE INDEX expense_site_page_idx ON commerce.expense (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX expense_site_status_page_idx ON commerce.expense (site_id, status, created_at, id)');
    await queryRunner.query('CREATE INDEX expense_site_member_idx ON commerce.expense (site_id, paid_by_member_id)');
    await queryRunner.query('CREATE INDEX expense_site_spent_on_idx ON commerce.expense (site_id, spent_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.expense');
  }
}
