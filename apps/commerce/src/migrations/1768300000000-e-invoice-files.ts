import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-invoice files of issued invoices and credit notes (issue 15) join their PDFs in
 * `document_file`, as new kinds: the Factur-X (`invoice_factur_x`, `credit_note_factur_x`) and the
 * bare CII XML (`invoice_cii`). Same table, same guarantees: one row per (kind, document), the hash
 * checked against the bytes by the database, append-only (the trigger refuses UPDATE and DELETE),
 * one site's rows only (row security). Only the two CHECKs widen: the kinds, and `.xml` names.
 */
export class EInvoiceFiles1768300000000 implements MigrationInterface {
  name = 'EInvoiceFiles1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE commerce.document_file
        DROP CONSTRAINT document_file_kind_check,
        DROP CONSTRAINT document_file_filename_check,
        ADD CONSTRAINT document_file_kind_check
          CHECK (kind IN ('quote', 'invoice', 'credit_note', 'invoice_factur_x', 'credit_note_factur_x', 'invoice_cii')),
        ADD CONSTRAINT document_file_filename_check CHECK (filename ~ '^[A-Za-z0-9._-]+\\.(pdf|xml)$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE commerce.document_file
        DROP CONSTRAINT document_file_kind_check,
        DROP CONSTRAINT document_file_filename_check,
        ADD CONSTRAINT document_file_kind_check CHECK (kind IN ('quote', 'invoice', 'credit_note')),
        ADD CONSTRAINT document_file_filename_check CHECK (filename ~ '^[A-Za-z0-9._-]+\\.pdf$')`);
  }
}
