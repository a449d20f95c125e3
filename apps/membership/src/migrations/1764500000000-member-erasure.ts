import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a member was erased (pseudonymised, GDPR art. 17); null for everyone else. */
export class MemberErasure1764500000000 implements MigrationInterface {
  name = 'MemberErasure1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE membership.member ADD COLUMN erased_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE membership.member DROP COLUMN erased_at');
  }
}
