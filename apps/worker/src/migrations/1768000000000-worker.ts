import { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyTableSql, messagingTablesSql, siteIsolationSql } from '@kpa/platform';

/**
 * The worker's own schema: the messaging tables (outbox, inbox: it consumes and publishes events),
 * the idempotency records of its commands, and the outgoing e-mail, source of truth of every message
 * the platform sends (docs/worker.md, e-mail).
 */
export class Worker1768000000000 implements MigrationInterface {
  name = 'Worker1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('worker')) await queryRunner.query(sql);
    for (const sql of idempotencyTableSql('worker')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE worker.outgoing_mail (
        id uuid PRIMARY KEY,
        -- What asked for it, unique: a second queue() of the same key does nothing (e.g. dunning:<invoice>:1).
        key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 300),
        -- The site the message is about (its sender name and address, its coordinator's list); null: the region.
        site_id uuid,
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
        template text NOT NULL CHECK (length(template) BETWEEN 1 AND 100),
        language text NOT NULL CHECK (language IN ('fr', 'en')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        body_text text NOT NULL,
        body_html text NOT NULL,
        -- queued → sending (claimed by one sender) → sent | failed; back to queued for a retry.
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        claimed_until timestamptz,
        last_error text,
        smtp_message_id text,
        queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz,
        failed_at timestamptz,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        CHECK ((status = 'sending') = (claimed_until IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX outgoing_mail_due_idx ON worker.outgoing_mail (next_attempt_at) WHERE status = 'queued'`);
    await queryRunner.query(`CREATE INDEX outgoing_mail_sending_idx ON worker.outgoing_mail (claimed_until) WHERE status = 'sending'`);
    await queryRunner.query(`CREATE INDEX outgoing_mail_site_status_idx ON worker.outgoing_mail (site_id, status, queued_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE worker.outgoing_mail_attachment (
        mail_id uuid NOT NULL REFERENCES worker.outgoing_mail (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        site_id uuid,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
        content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 200),
        content bytea NOT NULL,
        PRIMARY KEY (mail_id, position)
      )`);
    for (const table of ['outgoing_mail', 'outgoing_mail_attachment']) for (const sql of siteIsolationSql('worker', table)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE worker.outgoing_mail_attachment');
    await queryRunner.query('DROP TABLE worker.outgoing_mail');
    await queryRunner.query('DROP TABLE worker.idempotency');
    await queryRunner.query('DROP TABLE worker.inbox');
    await queryRunner.query('DROP TABLE worker.outbox');
  }
}
