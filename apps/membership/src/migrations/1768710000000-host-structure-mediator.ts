import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consumer mediator a host structure adheres to (C. consom. L612-1, R616-1): its name and its
 * website or postal address, printed on quotes and invoices to individuals. Both or neither.
 */
export class HostStructureMediator1768710000000 implements MigrationInterface {
  name = 'HostStructureMediator1768710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership.host_structure
        ADD COLUMN mediator_name text CHECK (char_length(mediator_name) <= 200),
        ADD COLUMN mediator_contact text CHECK (char_length(mediator_contact) <= 300),
        ADD CONSTRAINT host_structure_mediator_whole CHECK ((mediator_name IS NULL) = (mediator_contact IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE membership.host_structure DROP CONSTRAINT host_structure_mediator_whole, DROP COLUMN mediator_name, DROP COLUMN mediator_contact');
  }
}
