import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesSql } from '@kpa/platform';

/** Identity lives in the gateway: users, their roles per site, sessions (refresh-token families), idempotency keys. */
export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesSql('gateway')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE gateway.app_user (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        network_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX app_user_email_key ON gateway.app_user (lower(email))');
    await queryRunner.query(`
      CREATE TABLE gateway.site_role (
        user_id uuid NOT NULL REFERENCES gateway.app_user(id) ON DELETE CASCADE,
        site_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('coordinator', 'member', 'accountant')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, site_id)
      )`);
    await queryRunner.query('CREATE INDEX site_role_site_idx ON gateway.site_role (site_id, created_at, user_id)');
    await queryRunner.query(`
      CREATE TABLE gateway.session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES gateway.app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await queryRunner.query('CREATE INDEX session_user_idx ON gateway.session (user_id)');
    await queryRunner.query(`
      CREATE TABLE gateway.refresh_token (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES gateway.session(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`
      CREATE TABLE gateway.idempotency_key (
        owner text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'done')),
        status_code int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (owner, key)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_key_created_idx ON gateway.idempotency_key (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_key', 'refresh_token', 'session', 'site_role', 'app_user', 'inbox', 'outbox']) {
      await queryRunner.query(`DROP TABLE gateway.${table}`);
    }
  }
}
