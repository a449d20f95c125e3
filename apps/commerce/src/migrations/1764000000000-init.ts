import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesSql } from '@kpa/platform';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('commerce')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE commerce.seller_host_structure (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        legal_name text NOT NULL,
        siret char(14) NOT NULL,
        vat_number text,
        city text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE commerce.seller_site (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        city text NOT NULL,
        status text NOT NULL,
        host_structure_id uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.seller_site');
    await queryRunner.query('DROP TABLE commerce.seller_host_structure');
    await queryRunner.query('DROP TABLE commerce.inbox');
    await queryRunner.query('DROP TABLE commerce.outbox');
  }
}
