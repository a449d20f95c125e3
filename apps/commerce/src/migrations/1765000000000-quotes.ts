import { MigrationInterface, QueryRunner } from 'typeorm';

/** Quotes (devis) of each site: numbered in the site's quotes series when sent, then frozen. */
export class Quotes1765000000000 implements MigrationInterface {
  name = 'Quotes1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.quote (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES commerce.client (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'validated', 'sent', 'accepted', 'declined')),
        number text,
        sent_on date,
        answered_on date,
        valid_until date NOT NULL,
        execution_place text,
        execution_starts_on date,
        execution_ends_on date,
        signed_at_client_home boolean NOT NULL DEFAULT false,
        lines jsonb NOT NULL,
        totals jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_by_role text NOT NULL CHECK (created_by_role IN ('coordinator', 'member')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status IN ('draft', 'submitted', 'validated')) = (number IS NULL)),
        CHECK ((number IS NULL) = (sent_on IS NULL))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX quote_site_number_key ON commerce.quote (site_id, number) WHERE number IS NOT NULL');
    await queryRunner.query('CREATE INDEX quote_site_page_idx ON commerce.quote (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX quote_site_status_page_idx ON commerce.quote (site_id, status, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.quote');
  }
}
