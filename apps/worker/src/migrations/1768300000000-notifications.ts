import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/**
 * Notifications (docs/worker.md, notifications): whom to write to (the sites' users, from the
 * gateway's events), what each was told (once per key), and their choices.
 */
export class Notifications1768300000000 implements MigrationInterface {
  name = 'Notifications1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker.recipient (
        user_id uuid NOT NULL,
        site_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('coordinator', 'member', 'accountant')),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
        display_name text NOT NULL,
        member_id uuid,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, site_id)
      )`);
    await queryRunner.query('CREATE INDEX recipient_site_role_idx ON worker.recipient (site_id, role)');
    await queryRunner.query(`
      CREATE TABLE worker.notification (
        id uuid PRIMARY KEY,
        -- What asked for it, e.g. quote_expired:<quoteId>:<userId>: a second notify() of a key does nothing.
        key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 300),
        user_id uuid NOT NULL,
        site_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) <= 10000),
        link text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX notification_user_page_idx ON worker.notification (user_id, created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX notification_user_unread_idx ON worker.notification (user_id) WHERE read_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE worker.notification_preference (
        user_id uuid PRIMARY KEY,
        email_off text[] NOT NULL DEFAULT '{}',
        digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    for (const table of ['recipient', 'notification']) {
      for (const sql of siteIsolationSql('worker', table)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE worker.notification_preference');
    await queryRunner.query('DROP TABLE worker.notification');
    await queryRunner.query('DROP TABLE worker.recipient');
  }
}
