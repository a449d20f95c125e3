import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sent quote keeps what it printed (seller and client as they were that day); an accepted one
 * knows the mission and the invoice draft its acceptance created.
 */
export class QuoteFollowUps1765800000000 implements MigrationInterface {
  name = 'QuoteFollowUps1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote ADD COLUMN printable jsonb, ADD COLUMN mission_id uuid, ADD COLUMN invoice_id uuid');
    await queryRunner.query("ALTER TABLE commerce.quote ADD CONSTRAINT quote_follow_ups_accepted CHECK ((mission_id IS NULL AND invoice_id IS NULL) OR status = 'accepted')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote DROP CONSTRAINT quote_follow_ups_accepted, DROP COLUMN invoice_id, DROP COLUMN mission_id, DROP COLUMN printable');
  }
}
