import { MigrationInterface, QueryRunner } from 'typeorm';

/** Interviews with members; notes are personal data. One first interview (scheduled or held) per participation. */
export class Interviews1764400000000 implements MigrationInterface {
  name = 'Interviews1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE membership.interview (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES membership.site(id),
        member_id uuid NOT NULL REFERENCES membership.member(id),
        participation_joined_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('first', 'follow_up', 'mid_term_review', 'exit', 'monthly')),
        scheduled_at timestamptz NOT NULL,
        held_at timestamptz,
        status text NOT NULL CHECK (status IN ('scheduled', 'held', 'missed', 'cancelled')),
        conducted_by text NOT NULL,
        notes text,
        private boolean NOT NULL DEFAULT false,
        skills_assessment jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'held') = (held_at IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX interview_member_page_idx ON membership.interview (member_id, created_at, id)');
    await queryRunner.query("CREATE INDEX interview_site_held_idx ON membership.interview (site_id) WHERE status = 'held'");
    await queryRunner.query(
      `CREATE UNIQUE INDEX interview_one_first_idx ON membership.interview (member_id, participation_joined_on) WHERE kind = 'first' AND status IN ('scheduled', 'held')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE membership.interview');
  }
}
