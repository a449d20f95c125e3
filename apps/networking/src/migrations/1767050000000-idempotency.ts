import { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyTableSql } from '@kpa/platform';

/** The results of commands run under an idempotency key, recorded with their effect (see @IdempotentCommand). */
export class Idempotency1767050000000 implements MigrationInterface {
  name = 'Idempotency1767050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of idempotencyTableSql('networking')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE networking.idempotency');
  }
}
