import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesSql } from '@kpa/platform';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('remuneration')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remuneration.inbox');
    await queryRunner.query('DROP TABLE remuneration.outbox');
  }
}
