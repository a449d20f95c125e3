import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the e-invoicing reform needs of a host structure besides its legal identity: the bank account
 * printed for transfers (and sent as BT-84), its routing address in the e-invoicing directory
 * (BT-34), its phone and e-mail, and whether it opted to pay VAT on debits (CGI 269-2-c).
 */
export class HostStructureEInvoicing1768200000000 implements MigrationInterface {
  name = 'HostStructureEInvoicing1768200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.host_structure
        ADD COLUMN iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        ADD COLUMN bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        ADD COLUMN electronic_address text CHECK (char_length(electronic_address) <= 125),
        ADD COLUMN phone text,
        ADD COLUMN email text,
        ADD COLUMN vat_on_debits boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE membership.host_structure DROP COLUMN iban, DROP COLUMN bic, DROP COLUMN electronic_address, DROP COLUMN phone, DROP COLUMN email, DROP COLUMN vat_on_debits',
    );
  }
}
