import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds (issue 15): money given back to a client after a credit note on a paid part is a money
 * movement of its own kind, which the pot subtracts (`commerce.refund.recorded`).
 */
export class RefundMovements1768500000000 implements MigrationInterface {
  name = 'RefundMovements1768500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE remuneration.money_movement DROP CONSTRAINT money_movement_kind');
    await queryRunner.query("ALTER TABLE remuneration.money_movement ADD CONSTRAINT money_movement_kind CHECK (kind IN ('payment', 'credit_note', 'refund', 'expense'))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM remuneration.money_movement WHERE kind = 'refund'");
    await queryRunner.query('ALTER TABLE remuneration.money_movement DROP CONSTRAINT money_movement_kind');
    await queryRunner.query("ALTER TABLE remuneration.money_movement ADD CONSTRAINT money_movement_kind CHECK (kind IN ('payment', 'credit_note', 'expense'))");
  }
}
