import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Help between sites and the reciprocity ledger (issue 12, §3 and §4).
 *
 * The ledger is double entry in hours: one movement gives `hours` from one site to another, so
 * the sum of every balance is zero by construction. Movements are never updated nor deleted: a
 * correction is a reversing movement (`reverses_id`). (kind, source_id) is unique so that a
 * replayed event or a retried command never records the same fact twice, and a movement can be
 * reversed once only (a reversal's source is the movement it reverses).
 */
export class HelpAndReciprocity1767200000000 implements MigrationInterface {
  name = 'HelpAndReciprocity1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_movement (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('help', 'accompaniment', 'equipment_loan', 'manual', 'reversal')),
        giver_site_id uuid NOT NULL,
        receiver_site_id uuid NOT NULL,
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        source_id text NOT NULL,
        label text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        reverses_id uuid NULL REFERENCES networking.reciprocity_movement (id),
        CHECK (giver_site_id <> receiver_site_id),
        CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
        UNIQUE (kind, source_id)
      )`);
    await queryRunner.query('CREATE INDEX reciprocity_movement_giver ON networking.reciprocity_movement (giver_site_id, recorded_at)');
    await queryRunner.query('CREATE INDEX reciprocity_movement_receiver ON networking.reciprocity_movement (receiver_site_id, recorded_at)');
    await queryRunner.query('CREATE INDEX reciprocity_movement_recorded ON networking.reciprocity_movement (recorded_at, id)');

    // The ledger's own view of the sites (names, host structures), kept from membership's site events.
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_site (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        host_structure_id uuid NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        soft_limit numeric(10,2) NULL,
        updated_by text NULL,
        updated_at timestamptz NULL
      )`);
    await queryRunner.query('INSERT INTO networking.reciprocity_settings (id) VALUES (true)');
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_template (
        id uuid PRIMARY KEY,
        label text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('help', 'accompaniment', 'equipment_loan', 'manual')),
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_entry (
        id uuid PRIMARY KEY,
        proposed_by_site_id uuid NOT NULL,
        giver_site_id uuid NOT NULL,
        receiver_site_id uuid NOT NULL,
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        label text NOT NULL,
        template_id uuid NULL REFERENCES networking.reciprocity_template (id),
        status text NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_by text NULL,
        decided_at timestamptz NULL,
        rejection_message text NULL,
        movement_id uuid NULL REFERENCES networking.reciprocity_movement (id),
        CHECK (giver_site_id <> receiver_site_id),
        CHECK (proposed_by_site_id IN (giver_site_id, receiver_site_id))
      )`);
    await queryRunner.query("CREATE INDEX reciprocity_entry_pending ON networking.reciprocity_entry (giver_site_id, receiver_site_id) WHERE status = 'proposed'");

    // Help between sites.
    await queryRunner.query(`
      CREATE TABLE networking.help_request (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        title text NOT NULL,
        description text NULL,
        activity_pole text NULL,
        skills text[] NOT NULL DEFAULT '{}',
        -- the skills as searched: skillKey() of each (case, accents and French synonyms folded)
        skill_keys text[] NOT NULL DEFAULT '{}',
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        place text NOT NULL,
        people_needed integer NULL,
        hours_needed numeric(10,2) NULL,
        return_kind text NOT NULL CHECK (return_kind IN ('reciprocity', 'paid')),
        reciprocity_hours numeric(10,2) NULL,
        amount_per_hour numeric(12,2) NULL,
        visibility text NOT NULL CHECK (visibility IN ('region', 'sites')),
        visible_to_site_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('open', 'offers', 'accepted', 'done', 'confirmed', 'cancelled', 'expired')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        cancelled_at timestamptz NULL,
        cancellation_reason text NULL,
        done_at timestamptz NULL,
        confirmed_at timestamptz NULL,
        CHECK (ends_on >= starts_on),
        CHECK ((return_kind = 'paid') = (amount_per_hour IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX help_request_status ON networking.help_request (status, created_at, id)');
    await queryRunner.query('CREATE INDEX help_request_site ON networking.help_request (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX help_request_skill_keys ON networking.help_request USING gin (skill_keys)');
    await queryRunner.query(`
      CREATE TABLE networking.help_offer (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES networking.help_request (id),
        from_site_id uuid NOT NULL,
        people jsonb NOT NULL,
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        note text NULL,
        status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
        decline_message text NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        decided_at timestamptz NULL
      )`);
    await queryRunner.query('CREATE INDEX help_offer_request ON networking.help_offer (request_id, created_at)');
    // One pending offer per site and request: a second is a duplicate click, not a second team.
    await queryRunner.query("CREATE UNIQUE INDEX help_offer_one_pending ON networking.help_offer (request_id, from_site_id) WHERE status = 'pending'");
    await queryRunner.query(`
      CREATE TABLE networking.help_contribution (
        request_id uuid NOT NULL REFERENCES networking.help_request (id),
        site_id uuid NOT NULL,
        recorded_hours numeric(10,2) NOT NULL CHECK (recorded_hours > 0),
        proposed_hours numeric(10,2) NULL CHECK (proposed_hours > 0),
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        status text NOT NULL CHECK (status IN ('awaiting_helper', 'awaiting_requester', 'confirmed')),
        amount_due numeric(14,2) NULL,
        settlement text NULL CHECK (settlement IN ('between_host_structures', 'internal_transfer')),
        movement_id uuid NULL REFERENCES networking.reciprocity_movement (id),
        confirmed_by text NULL,
        confirmed_at timestamptz NULL,
        PRIMARY KEY (request_id, site_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'help_contribution',
      'help_offer',
      'help_request',
      'reciprocity_entry',
      'reciprocity_template',
      'reciprocity_settings',
      'reciprocity_site',
      'reciprocity_movement',
    ]) {
      await queryRunner.query(`DROP TABLE networking.${table}`);
    }
  }
}
