import { MigrationInterface, QueryRunner } from 'typeorm';

/** A member's account: their `member` role on a site points at their member file in membership. */
export class MemberAccounts1764100000000 implements MigrationInterface {
  name = 'MemberAccounts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE gateway.site_role ADD COLUMN member_id uuid');
    await queryRunner.query('CREATE UNIQUE INDEX site_role_member_key ON gateway.site_role (site_id, member_id) WHERE member_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE gateway.site_role DROP COLUMN member_id');
  }
}
