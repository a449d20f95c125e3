import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nature of the operation (CGI ann. II 242 nonies A 8° bis) is now derived from the lines: each
 * catalogue item and each quote or invoice line says whether it supplies goods or a service.
 * Existing items, quote lines and draft invoice lines become services, except the lines of drafts
 * someone had marked `goods` by hand (so their category, derived again, stays goods). Issued
 * invoices and credit notes are frozen (their triggers refuse any change, rightly): their lines keep
 * no nature, which reads as `service` (operationCategoryOf, the entities' toContract), and their
 * printed category stays the one they were issued with. Invoices also get an optional delivery
 * address (goods delivered elsewhere than the client's address).
 */
export class LineNature1768600000000 implements MigrationInterface {
  name = 'LineNature1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE commerce.catalogue_item ADD COLUMN nature text NOT NULL DEFAULT 'service' CHECK (nature IN ('service', 'goods'))");
    await queryRunner.query('ALTER TABLE commerce.invoice ADD COLUMN delivery_address text');
    await queryRunner.query(`UPDATE commerce.quote t SET lines = ${withNature("'service'")}`);
    await queryRunner.query(
      `UPDATE commerce.invoice t SET lines = ${withNature("CASE WHEN t.operation_category = 'goods' THEN 'goods' ELSE 'service' END")} WHERE t.number IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const without = "(SELECT coalesce(jsonb_agg(line - 'nature' ORDER BY position), '[]'::jsonb) FROM jsonb_array_elements(t.lines) WITH ORDINALITY AS l(line, position))";
    await queryRunner.query(`UPDATE commerce.quote t SET lines = ${without}`);
    await queryRunner.query(`UPDATE commerce.invoice t SET lines = ${without} WHERE t.number IS NULL`);
    await queryRunner.query('ALTER TABLE commerce.invoice DROP COLUMN delivery_address');
    await queryRunner.query('ALTER TABLE commerce.catalogue_item DROP COLUMN nature');
  }
}

/** Each line of `t.lines` without a nature gets `nature` (an SQL expression), in the same order. */
function withNature(nature: string): string {
  return `(SELECT coalesce(jsonb_agg(CASE WHEN line ? 'nature' THEN line ELSE line || jsonb_build_object('nature', ${nature}) END ORDER BY position), '[]'::jsonb)
           FROM jsonb_array_elements(t.lines) WITH ORDINALITY AS l(line, position))`;
}
