import { MigrationInterface, QueryRunner } from 'typeorm';

/** A member's journey: the coordinator's stage override, the chosen next path, the history of both. */
export class Journeys1764300000000 implements MigrationInterface {
  name = 'Journeys1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.member
        ADD COLUMN stage_override jsonb,
        ADD COLUMN next_path text,
        ADD COLUMN journey_history jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE membership.member DROP COLUMN stage_override, DROP COLUMN next_path, DROP COLUMN journey_history');
  }
}
