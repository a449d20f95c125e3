import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Missions (prestations) of each site, their sign-ups (the confirmed team is the sign-ups marked
 * `in_team`) and, once completed, the hours of each participant in hundredths of an hour.
 */
export class Missions1765200000000 implements MigrationInterface {
  name = 'Missions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce.mission (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        activity_pole text,
        description text,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        place text,
        people_needed integer NOT NULL CHECK (people_needed >= 1),
        client_id uuid REFERENCES commerce.client (id),
        quote_id uuid REFERENCES commerce.quote (id),
        status text NOT NULL CHECK (status IN ('planned', 'team_confirmed', 'completed', 'cancelled')),
        team_confirmed_on date,
        completed_on date,
        cancelled_on date,
        cancellation_reason text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_on >= starts_on AND ends_on - starts_on < 366),
        CHECK (quote_id IS NULL OR client_id IS NOT NULL),
        CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_on IS NOT NULL AND cancellation_reason IS NOT NULL)),
        CHECK (status NOT IN ('team_confirmed', 'completed') OR team_confirmed_on IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX mission_site_page_idx ON commerce.mission (site_id, created_at, id)');
    await queryRunner.query('CREATE INDEX mission_site_status_page_idx ON commerce.mission (site_id, status, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE commerce.mission_sign_up (
        mission_id uuid NOT NULL REFERENCES commerce.mission (id),
        member_id uuid NOT NULL,
        site_id uuid NOT NULL,
        signed_up_at timestamptz NOT NULL,
        in_team boolean NOT NULL DEFAULT false,
        PRIMARY KEY (mission_id, member_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE commerce.mission_participant (
        mission_id uuid NOT NULL REFERENCES commerce.mission (id),
        member_id uuid NOT NULL,
        site_id uuid NOT NULL,
        hours_hundredths integer NOT NULL CHECK (hours_hundredths > 0 AND hours_hundredths <= 2400 * 366),
        PRIMARY KEY (mission_id, member_id)
      )`);
    // A minor's hours on the other one-day missions of a day are summed by member.
    await queryRunner.query('CREATE INDEX mission_participant_member_idx ON commerce.mission_participant (member_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commerce.mission_participant');
    await queryRunner.query('DROP TABLE commerce.mission_sign_up');
    await queryRunner.query('DROP TABLE commerce.mission');
  }
}
