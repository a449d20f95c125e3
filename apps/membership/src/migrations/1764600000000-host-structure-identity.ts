import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole legal identity of a host structure, as invoices print it. */
export class HostStructureIdentity1764600000000 implements MigrationInterface {
  name = 'HostStructureIdentity1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.host_structure
        ADD COLUMN legal_form text,
        ADD COLUMN share_capital_cents bigint CHECK (share_capital_cents >= 0),
        ADD COLUMN rcs_city text,
        ADD COLUMN address_line text,
        ADD COLUMN postal_code text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE membership.host_structure DROP COLUMN legal_form, DROP COLUMN share_capital_cents, DROP COLUMN rcs_city, DROP COLUMN address_line, DROP COLUMN postal_code',
    );
  }
}
