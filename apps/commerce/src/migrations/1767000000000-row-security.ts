import { MigrationInterface, QueryRunner } from 'typeorm';
import { siteIsolationSql } from '@kpa/platform';

/** Every table of one site's rows shows a connection only the site it works for (docs/security.md, row-level security). */
const SITE_TABLES = [
  'client',
  'catalogue_item',
  'document_counter',
  'quote',
  'known_member',
  'mission',
  'mission_sign_up',
  'mission_participant',
  'invoice',
  'credit_note',
  'payment',
  'document_file',
  'expense',
];

export class RowSecurity1767000000000 implements MigrationInterface {
  name = 'RowSecurity1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of SITE_TABLES) for (const sql of siteIsolationSql('commerce', table)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SITE_TABLES) {
      await queryRunner.query(`DROP POLICY site_isolation ON commerce.${table}`);
      await queryRunner.query(`ALTER TABLE commerce.${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
