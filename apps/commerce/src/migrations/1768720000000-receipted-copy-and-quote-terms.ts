import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, audit items 5 and 6.
 *
 * - The receipted copy of a fully paid invoice ("facture acquittée") is stored in `document_file`
 *   beside the invoice's own PDF, under its own kind `invoice_receipted`: same guarantees (one row
 *   per kind and document, the hash checked against the bytes, append-only, row security). Only the
 *   kind CHECK widens.
 * - A quote may ask for a deposit (`deposit_percent`, the percent of its total the client pays when
 *   accepting, printed with its terms; accepting it drafts the deposit invoice) and name a delivery
 *   address for goods (`delivery_address`, carried into the invoice made from it). Both optional:
 *   existing quotes ask for no deposit and name no address.
 */
export class ReceiptedCopyAndQuoteTerms1768720000000 implements MigrationInterface {
  name = 'ReceiptedCopyAndQuoteTerms1768720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE commerce.document_file
        DROP CONSTRAINT document_file_kind_check,
        ADD CONSTRAINT document_file_kind_check
          CHECK (kind IN ('quote', 'invoice', 'credit_note', 'invoice_factur_x', 'credit_note_factur_x', 'invoice_cii', 'invoice_receipted'))`);
    await queryRunner.query(`
      ALTER TABLE commerce.quote
        ADD COLUMN deposit_percent text CHECK (deposit_percent ~ '^\\d{1,3}(\\.\\d{1,2})?$' AND deposit_percent::numeric > 0 AND deposit_percent::numeric <= 100),
        ADD COLUMN delivery_address text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote DROP COLUMN delivery_address, DROP COLUMN deposit_percent');
    // document_file is append-only (its trigger refuses DELETE): a database holding receipted copies cannot go down.
    await queryRunner.query(`
      ALTER TABLE commerce.document_file
        DROP CONSTRAINT document_file_kind_check,
        ADD CONSTRAINT document_file_kind_check
          CHECK (kind IN ('quote', 'invoice', 'credit_note', 'invoice_factur_x', 'credit_note_factur_x', 'invoice_cii'))`);
  }
}
