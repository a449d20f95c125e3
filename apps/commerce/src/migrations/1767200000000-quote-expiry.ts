import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sent quote past its validity is published once as `commerce.quote.expired` by the expiry sweep:
 * `expired_published_at` says it was (the stored status stays `sent`; `expired` is computed on read).
 * The partial index holds only the sent quotes still to publish, so the daily sweep reads a few rows.
 */
export class QuoteExpiry1767200000000 implements MigrationInterface {
  name = 'QuoteExpiry1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote ADD COLUMN expired_published_at timestamptz');
    await queryRunner.query("CREATE INDEX quote_expiry_due_idx ON commerce.quote (valid_until, id) WHERE status = 'sent' AND expired_published_at IS NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX commerce.quote_expiry_due_idx');
    await queryRunner.query('ALTER TABLE commerce.quote DROP COLUMN expired_published_at');
  }
}
