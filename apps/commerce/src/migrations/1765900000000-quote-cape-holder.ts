import { MigrationInterface, QueryRunner } from 'typeorm';

/** A quote may name the member who carries the work out under a CAPE (it prints the R127-3 mention). */
export class QuoteCapeHolder1765900000000 implements MigrationInterface {
  name = 'QuoteCapeHolder1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote ADD COLUMN cape_holder_member_id uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE commerce.quote DROP COLUMN cape_holder_member_id');
  }
}
