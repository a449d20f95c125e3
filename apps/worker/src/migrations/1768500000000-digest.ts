import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * The coordinators' daily digest (docs/worker.md, notifications and the daily digest): what each
 * coordinator was already told on each site (an item is told once), and the digests done per Paris
 * day (a second sweep, a rerun or a second worker finds the day taken and writes nothing).
 */
export class Digest1768500000000 implements MigrationInterface {
  name = 'Digest1768500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker.digest_item_told (
        user_id uuid NOT NULL,
        site_id uuid NOT NULL,
        -- Stable key of what was told, e.g. interview_overdue:<memberId>:<dueOn>, cape_ending:<memberId>:<endsOn>:7.
        item_key text NOT NULL CHECK (length(item_key) BETWEEN 1 AND 300),
        told_on date NOT NULL,
        PRIMARY KEY (user_id, site_id, item_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE worker.digest_run (
        user_id uuid NOT NULL,
        site_id uuid NOT NULL,
        -- The Paris day of the digest: one per coordinator, site and day.
        day date NOT NULL,
        -- New items told that day (0: nothing new, no digest written).
        items integer NOT NULL CHECK (items >= 0),
        done_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, site_id, day)
      )`);
    for (const table of ['digest_item_told', 'digest_run']) {
      for (const sql of siteIsolationSql('worker', table)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE worker.digest_run');
    await queryRunner.query('DROP TABLE worker.digest_item_told');
  }
}
