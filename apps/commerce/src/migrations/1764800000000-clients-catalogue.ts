import { MigrationInterface, QueryRunner } from 'typeorm';

/** The clients of each site (one per SIRET on a site) and the site's catalogue of services. */
export class ClientsCatalogue1764800000000 implements MigrationInterface {
  name = 'ClientsCatalogue1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.client (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('individual', 'company', 'association', 'public_body')),
        name text NOT NULL,
        billing_address jsonb NOT NULL,
        email text,
        phone text,
        siret char(14),
        vat_number text,
        chorus_service_code text,
        commitment_number_required boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (kind <> 'individual' OR (siret IS NULL AND vat_number IS NULL))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX client_site_siret_key ON commerce.client (site_id, siret) WHERE siret IS NOT NULL');
    await queryRunner.query('CREATE INDEX client_site_page_idx ON commerce.client (site_id, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE commerce.catalogue_item (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        label text NOT NULL,
        description text,
        unit text NOT NULL CHECK (unit IN ('hour', 'day', 'piece', 'flat_rate')),
        unit_price_ten_thousandths bigint NOT NULL CHECK (unit_price_ten_thousandths >= 0),
        vat_rate text NOT NULL CHECK (vat_rate IN ('20', '10', '5.5', '2.1', '0')),
        exemption_reason text,
        activity_pole text,
        archived boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (vat_rate <> '0' OR exemption_reason IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX catalogue_item_site_page_idx ON commerce.catalogue_item (site_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.catalogue_item');
    await queryRunner.query('DROP TABLE commerce.client');
  }
}
