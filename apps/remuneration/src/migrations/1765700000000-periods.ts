import { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureExtension } from '@kpa/platform';

/**
 * Remuneration periods, the peer recognition round and members' objections.
 *
 * A period's figures (pot terms, distribution, recognition totals, names as of close) are frozen in
 * `figures` when it closes, and the ledger rows it counted get its id (migration 1765600000000).
 * Periods of a site never share a day: an exclusion constraint (btree_gist for the uuid equality)
 * holds it in the database as well as under the service's per-site lock.
 */
export class Periods1765700000000 implements MigrationInterface {
  name = 'Periods1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted extension (PostgreSQL ≥ 13): the database owner may create it. Its operator classes are
    // found whatever the search path, so it lives in public where other schemas may use it too.
    await ensureExtension(queryRunner, 'btree_gist');
    await queryRunner.query(`
      CREATE TABLE remuneration.period (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL CONSTRAINT period_status CHECK (status IN ('open', 'closed', 'approved', 'exported', 'paid')),
        figures jsonb NULL,
        closed_at timestamptz NULL,
        closed_by uuid NULL,
        approved_at timestamptz NULL,
        approved_by uuid NULL,
        exported_at timestamptz NULL,
        exported_by uuid NULL,
        paid_at timestamptz NULL,
        paid_by uuid NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        -- pay is monthly (C. trav. L3242-1): a period never spans two months
        CONSTRAINT period_dates CHECK (ends_on >= starts_on AND date_trunc('month', starts_on) = date_trunc('month', ends_on)),
        -- figures are frozen exactly when the period is no longer open
        CONSTRAINT period_figures_frozen CHECK ((status = 'open') = (figures IS NULL)),
        CONSTRAINT period_closed_stamp CHECK ((status = 'open') = (closed_at IS NULL)),
        CONSTRAINT period_approved_stamp CHECK ((status IN ('approved', 'exported', 'paid')) = (approved_at IS NOT NULL)),
        CONSTRAINT period_exported_stamp CHECK ((status IN ('exported', 'paid')) = (exported_at IS NOT NULL)),
        CONSTRAINT period_paid_stamp CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
        CONSTRAINT period_no_overlap EXCLUDE USING gist (site_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
      )`);
    await queryRunner.query('CREATE INDEX period_site_start ON remuneration.period (site_id, starts_on DESC, id DESC)');

    await queryRunner.query(`
      CREATE TABLE remuneration.recognition (
        id uuid PRIMARY KEY,
        period_id uuid NOT NULL REFERENCES remuneration.period (id),
        site_id uuid NOT NULL,
        from_member_id uuid NOT NULL,
        to_member_id uuid NOT NULL,
        points integer NOT NULL CONSTRAINT recognition_points_positive CHECK (points > 0),
        note text NULL CONSTRAINT recognition_note_length CHECK (char_length(note) <= 500),
        created_at timestamptz NOT NULL,
        CONSTRAINT recognition_not_to_oneself CHECK (from_member_id <> to_member_id)
      )`);
    await queryRunner.query('CREATE INDEX recognition_period_giver ON remuneration.recognition (period_id, from_member_id)');
    await queryRunner.query('CREATE INDEX recognition_period_recipient ON remuneration.recognition (period_id, to_member_id)');

    await queryRunner.query(`
      CREATE TABLE remuneration.objection (
        id uuid PRIMARY KEY,
        period_id uuid NOT NULL REFERENCES remuneration.period (id),
        site_id uuid NOT NULL,
        member_id uuid NOT NULL,
        text text NOT NULL CONSTRAINT objection_text_length CHECK (char_length(text) BETWEEN 1 AND 2000),
        status text NOT NULL CONSTRAINT objection_status CHECK (status IN ('open', 'answered')),
        answer text NULL CONSTRAINT objection_answer_length CHECK (char_length(answer) BETWEEN 1 AND 2000),
        answered_by uuid NULL,
        created_at timestamptz NOT NULL,
        answered_at timestamptz NULL,
        -- answered exactly when it has an answer, by someone, at some time
        CONSTRAINT objection_answered CHECK ((status = 'answered') = (answer IS NOT NULL) AND (answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX objection_period ON remuneration.objection (period_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remuneration.objection');
    await queryRunner.query('DROP TABLE remuneration.recognition');
    await queryRunner.query('DROP TABLE remuneration.period');
  }
}
