import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/** Every table of one site's rows shows a connection only the site it works for (docs/security.md, row-level security). */
const SITE_TABLES = ['known_member', 'mission_hours', 'money_movement', 'contribution', 'site_settings', 'period', 'recognition', 'objection'];

export class RowSecurity1767000000000 implements MigrationInterface {
  name = 'RowSecurity1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of SITE_TABLES) for (const sql of siteIsolationSql('remuneration', table)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SITE_TABLES) {
      await queryRunner.query(`DROP POLICY site_isolation ON remuneration.${table}`);
      await queryRunner.query(`ALTER TABLE remuneration.${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
