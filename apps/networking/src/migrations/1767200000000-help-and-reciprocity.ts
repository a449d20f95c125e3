import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Help between sites and the reciprocity ledger (issue 12, §3 and §4).
 *
 * The ledger is double entry in hours: one movement gives `hours` from one site to another, so
 * the sum of every balance is zero by construction. Movements are never updated nor deleted: a
 * correction is a reversing movement (`reverses_id`). (kind, source_id) is unique so that a
 * replayed event or a retried command never records the same fact twice, and a movement can be
 * reversed once only (a reversal's source is the movement it reverses).
 */
export class HelpAndReciprocity1767200000000 implements MigrationInterface {
  name = 'HelpAndReciprocity1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE networking.reciprocity_movement (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('help', 'accompaniment', 'equipment_loan', 'manual', 'reversal')),
        giver_site_id uuid NOT NULL,
        receiver_site_id uuid NOT NULL,
        hours numeric(10,2) NOT NULL CHECK (hours > 0),
        source_id text NOT NULL,
        label text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        reverses_id uuid NULL REFERENCES networking.reciprocity_movement (id),
        CHECK (giver_site_id <> receiver_site_id),
        CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
        UNIQUE (kind, source_id)
      )`);
    await queryRunner.query('CREATE INDEX reciprocity_movement_giver ON networking.reciprocity_movement (giver_site_id, recorded_at)');
    await queryRunner.query('CREATE INDEX reciprocity_movement_receiver ON networking.reciprocity_movement (receiver_site_id, recorded_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE networking.reciprocity_movement');
  }
}
