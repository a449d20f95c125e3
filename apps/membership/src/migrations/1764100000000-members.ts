import { MigrationInterface, QueryRunner } from 'typeorm';

/** Members of a site and the site settings their rules depend on (minimum age, charter, cadence). */
export class Members1764100000000 implements MigrationInterface {
  name = 'Members1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.site
        ADD COLUMN minimum_age int NOT NULL DEFAULT 16 CHECK (minimum_age BETWEEN 14 AND 30),
        ADD COLUMN charter_required boolean NOT NULL DEFAULT false,
        ADD COLUMN interview_cadence_days int NOT NULL DEFAULT 60 CHECK (interview_cadence_days BETWEEN 7 AND 365),
        ADD COLUMN mid_term_review_months int NOT NULL DEFAULT 8,
        ADD COLUMN exit_interview_months int NOT NULL DEFAULT 15`);
    await queryRunner.query(`
      CREATE TABLE membership.member (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES membership.site(id),
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text,
        phone text,
        birth_date date NOT NULL,
        gender text NOT NULL,
        address jsonb,
        priority_neighbourhood boolean NOT NULL,
        situation text NOT NULL,
        referred_by text NOT NULL,
        referred_by_detail text,
        charter_signed_on date,
        guardian jsonb,
        joined_on date NOT NULL,
        left_on date,
        leaving_outcome text,
        history jsonb NOT NULL DEFAULT '[]',
        skills jsonb NOT NULL DEFAULT '[]',
        passions jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX member_site_page_idx ON membership.member (site_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE membership.member');
    await queryRunner.query(
      'ALTER TABLE membership.site DROP COLUMN minimum_age, DROP COLUMN charter_required, DROP COLUMN interview_cadence_days, DROP COLUMN mid_term_review_months, DROP COLUMN exit_interview_months',
    );
  }
}
