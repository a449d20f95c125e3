import { MigrationInterface, QueryRunner } from 'typeorm';

/** A site's public profile: address, carrying structure, venues, activity poles. */
export class SiteProfile1764700000000 implements MigrationInterface {
  name = 'SiteProfile1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.site
        ADD COLUMN address_line text,
        ADD COLUMN postal_code text,
        ADD COLUMN carrying_structure jsonb,
        ADD COLUMN venues jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN activity_poles jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE membership.site DROP COLUMN address_line, DROP COLUMN postal_code, DROP COLUMN carrying_structure, DROP COLUMN venues, DROP COLUMN activity_poles',
    );
  }
}
