import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nature of the operation (CGI ann. II 242 nonies A 8° bis) is now derived from the lines: each
 * catalogue item and each stored quote or invoice line says whether it supplies goods or a service.
 * Existing items and lines (credit notes' too) are services, except the lines of invoices someone had marked `goods` by
 * hand (so their category, derived again, stays goods). Invoices also get an optional delivery
 * address (goods delivered elsewhere than the client's address).
 */
export class LineNature1768600000000 implements MigrationInterface {
  name = 'LineNature1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE commerce.catalogue_item ADD COLUMN nature text NOT NULL DEFAULT 'service' CHECK (nature IN ('service', 'goods'))");
    await queryRunner.query('ALTER TABLE commerce.invoice ADD COLUMN delivery_address text');
    for (const table of ['quote', 'invoice', 'credit_note']) {
      const nature = table === 'invoice' ? "CASE WHEN t.operation_category = 'goods' THEN 'goods' ELSE 'service' END" : "'service'";
      await queryRunner.query(
        `UPDATE commerce.${table} t SET lines = (
           SELECT coalesce(jsonb_agg(CASE WHEN line ? 'nature' THEN line ELSE line || jsonb_build_object('nature', ${nature}) END ORDER BY position), '[]'::jsonb)
           FROM jsonb_array_elements(t.lines) WITH ORDINALITY AS l(line, position)
         )`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['quote', 'invoice', 'credit_note']) {
      await queryRunner.query(
        `UPDATE commerce.${table} t SET lines = (
           SELECT coalesce(jsonb_agg(line - 'nature' ORDER BY position), '[]'::jsonb) FROM jsonb_array_elements(t.lines) WITH ORDINALITY AS l(line, position)
         )`,
      );
    }
    await queryRunner.query('ALTER TABLE commerce.invoice DROP COLUMN delivery_address');
    await queryRunner.query('ALTER TABLE commerce.catalogue_item DROP COLUMN nature');
  }
}
