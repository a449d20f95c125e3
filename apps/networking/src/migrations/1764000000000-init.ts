import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesSql } from '@kpa/platform';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('networking')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE networking.directory_site (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        city text NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE networking.directory_site');
    await queryRunner.query('DROP TABLE networking.inbox');
    await queryRunner.query('DROP TABLE networking.outbox');
  }
}
