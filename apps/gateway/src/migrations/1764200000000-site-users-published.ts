import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sites' users existing before the gateway published their changes (site-user-events.ts): one
 * `gateway.site_user.changed` event each, so that the worker knows whom to write to.
 */
export class SiteUsersPublished1764200000000 implements MigrationInterface {
  name = 'SiteUsersPublished1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO gateway.outbox (id, subject, envelope)
      SELECT e.id, 'events.gateway.site_user.changed.v1',
             jsonb_build_object('id', e.id, 'type', 'gateway.site_user.changed', 'version', 1, 'occurredAt', to_json(clock_timestamp()), 'siteId', r.site_id,
                                'actor', 'system', 'correlationId', 'migration', 'data',
                                jsonb_build_object('userId', u.id, 'siteId', r.site_id, 'role', r.role, 'email', u.email, 'displayName', u.display_name, 'memberId', r.member_id))
        FROM gateway.site_role r JOIN gateway.app_user u ON u.id = r.user_id CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) e`);
  }

  async down(): Promise<void> {
    // Published events are facts: nothing to undo.
  }
}
