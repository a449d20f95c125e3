import { MigrationInterface, QueryRunner } from 'typeorm';

export class CapeContracts1764200000000 implements MigrationInterface {
  name = 'CapeContracts1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE membership.cape_contract (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES membership.site(id),
        member_id uuid NOT NULL REFERENCES membership.member(id),
        host_structure_id uuid NOT NULL REFERENCES membership.host_structure(id),
        activity text NOT NULL,
        periods jsonb NOT NULL,
        terminated_on date,
        termination_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX cape_contract_member_idx ON membership.cape_contract (member_id)');
    await queryRunner.query('CREATE INDEX cape_contract_site_page_idx ON membership.cape_contract (site_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE membership.cape_contract');
  }
}
