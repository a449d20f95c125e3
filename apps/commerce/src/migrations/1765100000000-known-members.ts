import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commerce's copy of what documents and missions need from membership: the host structure's whole
 * legal identity (printed on quotes and invoices), the members of each site (names; for minors the
 * day they turn 18) and their CAPE contracts (the R127-3 mention). Fed by membership's events only.
 */
export class KnownMembers1765100000000 implements MigrationInterface {
  name = 'KnownMembers1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.seller_host_structure ADD COLUMN identity jsonb');
    await queryRunner.query(`
      CREATE TABLE commerce.known_member (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        adult_on date,
        active boolean NOT NULL,
        erased boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX known_member_site_idx ON commerce.known_member (site_id)');
    await queryRunner.query(`
      CREATE TABLE commerce.known_cape_contract (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL,
        host_structure_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        terminated_on date,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX known_cape_contract_member_idx ON commerce.known_cape_contract (member_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.known_cape_contract');
    await queryRunner.query('DROP TABLE commerce.known_member');
    await queryRunner.query('ALTER TABLE commerce.seller_host_structure DROP COLUMN identity');
  }
}
