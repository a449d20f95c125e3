import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PDF of each sent quote, issued invoice and credit note, stored at its first read with its
 * SHA-256 and never changed after (LPF L102 B, CGI 289-V: integrity from issue to the end of
 * retention). Drafts are never stored: their PDF is rendered on each read.
 */
export class DocumentFiles1765400000000 implements MigrationInterface {
  name = 'DocumentFiles1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.document_file (
        kind text NOT NULL CHECK (kind IN ('quote', 'invoice', 'credit_note')),
        document_id uuid NOT NULL,
        site_id uuid NOT NULL,
        filename text NOT NULL CHECK (filename ~ '^[A-Za-z0-9._-]+\\.pdf$'),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes bytea NOT NULL CHECK (octet_length(bytes) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, document_id),
        -- The hash is the hash of these bytes, whoever writes the row.
        CHECK (sha256 = encode(sha256(bytes), 'hex'))
      )`);
    // Written once: an UPDATE or a DELETE is refused by the database itself, not only by the code.
    await queryRunner.query(`
      CREATE FUNCTION commerce.document_file_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'commerce.document_file is append-only: the stored PDF of a % never changes', OLD.kind;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER document_file_immutable BEFORE UPDATE OR DELETE ON commerce.document_file
        FOR EACH ROW EXECUTE FUNCTION commerce.document_file_is_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.document_file');
    await queryRunner.query('DROP FUNCTION commerce.document_file_is_immutable()');
  }
}
