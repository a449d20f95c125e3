import { MigrationInterface, QueryRunner } from 'typeorm';

/** A session remembers the browser or app that opened it, so "Mes sessions" can say which device is which. */
export class SessionDevices1764300000000 implements MigrationInterface {
  name = 'SessionDevices1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE gateway.session ADD COLUMN user_agent text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE gateway.session DROP COLUMN user_agent');
  }
}
