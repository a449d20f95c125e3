import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The involvement ledger: remuneration's copy of sites, host structures and members (from
 * membership's events), the hours of completed missions and the money that moved (from commerce's
 * events), members' contributive time, and each site's settings. `period_id` is set when a period
 * closes and counts a row (periods: migration 1765700000000).
 */
export class Ledger1765600000000 implements MigrationInterface {
  name = 'Ledger1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remuneration.known_site (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        host_structure_id uuid NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE remuneration.known_host (
        id uuid PRIMARY KEY,
        vat_franchise boolean NOT NULL,
        legal_name text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE remuneration.known_member (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        adult_on date NULL,
        joined_on date NOT NULL,
        left_on date NULL,
        active boolean NOT NULL,
        erased boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        -- an erased member keeps a pseudonym only (membership.member.erased)
        CONSTRAINT known_member_erased_inactive CHECK (NOT erased OR (NOT active AND adult_on IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX known_member_site ON remuneration.known_member (site_id, last_name, first_name)');

    await queryRunner.query(`
      CREATE TABLE remuneration.mission_hours (
        mission_id uuid NOT NULL,
        member_id uuid NOT NULL,
        site_id uuid NOT NULL,
        completed_on date NOT NULL,
        title text NOT NULL,
        activity_pole text NULL,
        hundredths integer NOT NULL CONSTRAINT mission_hours_positive CHECK (hundredths > 0),
        period_id uuid NULL,
        PRIMARY KEY (mission_id, member_id)
      )`);
    await queryRunner.query('CREATE INDEX mission_hours_site_day ON remuneration.mission_hours (site_id, completed_on)');
    await queryRunner.query('CREATE INDEX mission_hours_member_day ON remuneration.mission_hours (site_id, member_id, completed_on)');
    await queryRunner.query('CREATE INDEX mission_hours_period ON remuneration.mission_hours (period_id) WHERE period_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE remuneration.money_movement (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT money_movement_kind CHECK (kind IN ('payment', 'credit_note', 'expense')),
        occurred_on date NOT NULL,
        net_cents bigint NOT NULL CONSTRAINT money_movement_net_not_negative CHECK (net_cents >= 0),
        vat_cents bigint NOT NULL,
        mission_id uuid NULL,
        reference text NOT NULL,
        period_id uuid NULL,
        -- the event it came from (audit), and when it arrived
        event_id uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX money_movement_site_day ON remuneration.money_movement (site_id, occurred_on)');
    await queryRunner.query('CREATE INDEX money_movement_period ON remuneration.money_movement (period_id) WHERE period_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX money_movement_mission ON remuneration.money_movement (mission_id) WHERE mission_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE remuneration.contribution (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        member_id uuid NOT NULL REFERENCES remuneration.known_member (id),
        kind text NOT NULL CONSTRAINT contribution_kind CHECK (kind IN ('contributive_day', 'collective_task', 'peer_training')),
        task text NULL CONSTRAINT contribution_task CHECK (task IN ('cleaning', 'accounting', 'communication', 'other')),
        worked_on date NOT NULL,
        start_time text NULL CONSTRAINT contribution_start_time CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        hundredths integer NOT NULL CONSTRAINT contribution_hours CHECK (hundredths > 0 AND hundredths <= 2400),
        note text NULL CONSTRAINT contribution_note_length CHECK (char_length(note) <= 1000),
        status text NOT NULL CONSTRAINT contribution_status CHECK (status IN ('submitted', 'validated', 'rejected')),
        reason text NULL CONSTRAINT contribution_reason_length CHECK (char_length(reason) <= 500),
        created_by uuid NOT NULL,
        decided_by uuid NULL,
        decided_at timestamptz NULL,
        period_id uuid NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        -- a collective task says which task, the other kinds never do
        CONSTRAINT contribution_task_for_collective CHECK ((kind = 'collective_task') = (task IS NOT NULL)),
        -- decided exactly when validated or rejected; only a rejection has a reason
        CONSTRAINT contribution_decision CHECK ((status = 'submitted') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        CONSTRAINT contribution_reason_when_rejected CHECK (reason IS NULL OR status = 'rejected')
      )`);
    await queryRunner.query('CREATE INDEX contribution_member_day ON remuneration.contribution (site_id, member_id, worked_on)');
    await queryRunner.query('CREATE INDEX contribution_site_day ON remuneration.contribution (site_id, worked_on)');
    await queryRunner.query('CREATE INDEX contribution_site_created ON remuneration.contribution (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX contribution_period ON remuneration.contribution (period_id) WHERE period_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE remuneration.site_settings (
        site_id uuid PRIMARY KEY,
        settings jsonb NOT NULL CONSTRAINT site_settings_object CHECK (jsonb_typeof(settings) = 'object'),
        updated_at timestamptz NOT NULL,
        updated_by uuid NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['site_settings', 'contribution', 'money_movement', 'mission_hours', 'known_member', 'known_host', 'known_site']) {
      await queryRunner.query(`DROP TABLE remuneration.${table}`);
    }
  }
}
