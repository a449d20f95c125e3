import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesSql } from '@kpa/platform';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('membership')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE membership.host_structure (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('cae', 'business_incubator', 'association')),
        legal_name text NOT NULL,
        siret char(14) NOT NULL UNIQUE,
        vat_number text,
        city text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE membership.site (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        code text NOT NULL,
        city text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'in_reflection', 'closed')),
        host_structure_id uuid NOT NULL REFERENCES membership.host_structure(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX site_code_key ON membership.site (code)');
    await queryRunner.query('CREATE INDEX site_page_idx ON membership.site (created_at, id)');
    await queryRunner.query('CREATE INDEX host_structure_page_idx ON membership.host_structure (created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE membership.site');
    await queryRunner.query('DROP TABLE membership.host_structure');
    await queryRunner.query('DROP TABLE membership.inbox');
    await queryRunner.query('DROP TABLE membership.outbox');
  }
}
