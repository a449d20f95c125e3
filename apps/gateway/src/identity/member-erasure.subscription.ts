import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BROADCASTS, DURABLE_CONSUMERS, MEMBER_ERASED_V1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, namespaced, NatsClient, on } from '@kpa/platform';

/**
 * A member erased in membership loses their account here too: their member role goes, and a
 * user left with no role is pseudonymised (e-mail, name, password) and loses every session.
 */
@Injectable()
export class MemberErasureSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.gatewayMemberErasure;
  readonly filter = 'events.membership.member.>';
  readonly handlers = eventHandlers(on(MEMBER_ERASED_V1, (event, manager) => this.erase(event.data.memberId, manager)));

  constructor(private readonly nats: NatsClient) {}

  private async erase(memberId: string, manager: EntityManager): Promise<void> {
    const [roles]: [{ user_id: string }[], number] = await manager.query(`DELETE FROM gateway.site_role WHERE member_id = $1 RETURNING user_id`, [memberId]);
    for (const { user_id: userId } of roles) {
      await manager.query(
        `UPDATE gateway.app_user SET email = 'erased-' || id || '@erased.invalid', display_name = 'Membre effacé', password_hash = '!'
          WHERE id = $1 AND NOT network_admin AND NOT EXISTS (SELECT 1 FROM gateway.site_role r WHERE r.user_id = $1)`,
        [userId],
      );
      await manager.query(
        `UPDATE gateway.session SET revoked_at = clock_timestamp(), revoked_reason = 'member erased'
          WHERE user_id = $1 AND revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM gateway.site_role r WHERE r.user_id = $1)`,
        [userId],
      );
      // Every gateway instance, this one included, drops what it cached of the user.
      (await this.nats.connection$()).publish(namespaced(this.nats.namespace, BROADCASTS.identityChanged), JSON.stringify({ userId }));
    }
  }
}
