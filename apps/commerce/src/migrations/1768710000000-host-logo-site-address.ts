import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The host structure's logo, printed in the header of its documents, and the issuing site's
 * address (issue 15, audit item 6).
 *
 * `logo_file` holds each logo's bytes under their SHA-256, written once and never changed nor
 * deleted (a trigger refuses it, as for document_file): an issued document keeps the SHA-256 of the
 * logo it was issued with in its frozen printable, and its PDF, rendered at its first read, finds
 * those very bytes even if the host replaced or removed its logo since. `host_logo` says which logo
 * is a host structure's current one (the one drafts and new documents print).
 *
 * `seller_site` keeps the site's address from membership's site events, which always carried it.
 */
export class HostLogoSiteAddress1768710000000 implements MigrationInterface {
  name = 'HostLogoSiteAddress1768710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.logo_file (
        sha256 char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        bytes bytea NOT NULL CHECK (octet_length(bytes) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (sha256 = encode(sha256(bytes), 'hex'))
      )`);
    await queryRunner.query(`
      CREATE FUNCTION commerce.logo_file_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'commerce.logo_file is append-only: documents issued with logo % print it for ever', OLD.sha256;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER logo_file_immutable BEFORE UPDATE OR DELETE ON commerce.logo_file
        FOR EACH ROW EXECUTE FUNCTION commerce.logo_file_is_immutable()`);
    await queryRunner.query(`
      CREATE TABLE commerce.host_logo (
        host_structure_id uuid PRIMARY KEY,
        sha256 char(64) NOT NULL REFERENCES commerce.logo_file (sha256),
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('ALTER TABLE commerce.seller_site ADD COLUMN address_line text, ADD COLUMN postal_code text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.seller_site DROP COLUMN address_line, DROP COLUMN postal_code');
    await queryRunner.query('DROP TABLE commerce.host_logo');
    await queryRunner.query('DROP TABLE commerce.logo_file');
    await queryRunner.query('DROP FUNCTION commerce.logo_file_is_immutable()');
  }
}
