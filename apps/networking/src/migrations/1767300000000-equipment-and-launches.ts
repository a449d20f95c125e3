import { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureExtension } from '@kpa/platform';

/**
 * Shared equipment and launching new KPAs (issue 12, §5 and §6).
 *
 * Two reservations of one item never overlap, under any concurrency: an exclusion constraint over
 * the item and its time range (btree_gist for the uuid's equality) among the reservations that hold
 * their slot. The service also locks the item's row first, to answer 409 with the range it hit;
 * the constraint is what holds if a code path ever forgets.
 */
export class EquipmentAndLaunches1767300000000 implements MigrationInterface {
  name = 'EquipmentAndLaunches1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await ensureExtension(queryRunner, 'btree_gist');
    await queryRunner.query(`
      CREATE TABLE networking.equipment (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        prerequisite text NULL,
        deposit numeric(12,2) NULL CHECK (deposit >= 0),
        max_duration_hours integer NULL CHECK (max_duration_hours BETWEEN 1 AND 8760),
        value_hours numeric(10,2) NULL CHECK (value_hours > 0),
        value_per text NULL CHECK (value_per IN ('day', 'half_day', 'loan')),
        status text NOT NULL CHECK (status IN ('available', 'withdrawn')),
        -- Folded (lower case, no accents) name and description, for q.
        search_text text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((value_hours IS NULL) = (value_per IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX equipment_site ON networking.equipment (site_id)');
    await queryRunner.query(`
      CREATE TABLE networking.equipment_reservation (
        id uuid PRIMARY KEY,
        equipment_id uuid NOT NULL REFERENCES networking.equipment (id),
        owner_site_id uuid NOT NULL,
        borrower_site_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text NULL,
        status text NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled', 'checked_out', 'returned')),
        message text NULL,
        checked_out_at timestamptz NULL,
        check_out_condition text NULL,
        returned_at timestamptz NULL,
        return_condition text NULL,
        hours numeric(10,2) NULL CHECK (hours > 0),
        movement_id uuid NULL,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        CHECK (owner_site_id <> borrower_site_id),
        CONSTRAINT equipment_reservation_no_overlap EXCLUDE USING gist (equipment_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
          WHERE (status IN ('requested', 'accepted', 'checked_out', 'returned'))
      )`);
    await queryRunner.query('CREATE INDEX equipment_reservation_owner ON networking.equipment_reservation (owner_site_id, starts_at)');
    await queryRunner.query('CREATE INDEX equipment_reservation_borrower ON networking.equipment_reservation (borrower_site_id, starts_at)');
    // A site on a launch path: created when membership reports it in_reflection; its stage is also in the directory.
    await queryRunner.query(`
      CREATE TABLE networking.launch (
        site_id uuid PRIMARY KEY,
        mentor_site_id uuid NULL,
        started_at timestamptz NOT NULL,
        CHECK (mentor_site_id IS DISTINCT FROM site_id)
      )`);
    // One row per completed step: the primary key keeps the first date whatever completes it again.
    await queryRunner.query(`
      CREATE TABLE networking.launch_step (
        site_id uuid NOT NULL REFERENCES networking.launch (site_id),
        step text NOT NULL,
        completed_on date NOT NULL,
        source text NOT NULL CHECK (source IN ('manual', 'event')),
        completed_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (site_id, step)
      )`);
    await queryRunner.query(`
      CREATE TABLE networking.accompaniment_session (
        id uuid PRIMARY KEY,
        mentor_site_id uuid NOT NULL,
        mentee_site_id uuid NOT NULL,
        held_on date NOT NULL,
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        topic text NOT NULL,
        status text NOT NULL CHECK (status IN ('logged', 'confirmed')),
        logged_by text NOT NULL,
        confirmed_by text NULL,
        confirmed_at timestamptz NULL,
        movement_id uuid NULL,
        created_at timestamptz NOT NULL,
        CHECK (mentor_site_id <> mentee_site_id)
      )`);
    await queryRunner.query('CREATE INDEX accompaniment_session_mentor ON networking.accompaniment_session (mentor_site_id, held_on)');
    await queryRunner.query('CREATE INDEX accompaniment_session_mentee ON networking.accompaniment_session (mentee_site_id, held_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE networking.accompaniment_session');
    await queryRunner.query('DROP TABLE networking.launch_step');
    await queryRunner.query('DROP TABLE networking.launch');
    await queryRunner.query('DROP TABLE networking.equipment_reservation');
    await queryRunner.query('DROP TABLE networking.equipment');
  }
}
