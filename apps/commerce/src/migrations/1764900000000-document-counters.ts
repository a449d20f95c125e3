import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One counter row per series (site × kind of document), locked while a document is issued: no
 * Postgres SEQUENCE, which leaves gaps on rollback (CGI ann. II art. 242 nonies A 7°: continuous).
 */
export class DocumentCounters1764900000000 implements MigrationInterface {
  name = 'DocumentCounters1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.document_counter (
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'quote')),
        next_sequence bigint NOT NULL CHECK (next_sequence >= 1),
        last_issued_on date,
        PRIMARY KEY (site_id, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.document_counter');
  }
}
