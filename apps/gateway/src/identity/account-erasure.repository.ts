import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { publishSiteUserChanged } from './site-user-events';

/**
 * The identity tables' side of a member's erasure, inside the consumer's transaction (stateless:
 * the subscription, built in the platform's scope, creates it itself).
 */
@Injectable()
export class AccountErasureRepository {
  /** Removes the roles the member held on their sites: the users who held them. */
  async removeMemberRoles(manager: EntityManager, memberId: string): Promise<string[]> {
    const [roles]: [{ user_id: string; site_id: string }[], number] = await manager.query(`DELETE FROM gateway.site_role WHERE member_id = $1 RETURNING user_id, site_id`, [
      memberId,
    ]);
    for (const role of roles) await publishSiteUserChanged(manager, role.user_id, role.site_id);
    return roles.map((role) => role.user_id);
  }

  /** A user left with no role (and not a network admin) is pseudonymised (e-mail, name, password) and loses every session. */
  async eraseUserLeftWithoutRole(manager: EntityManager, userId: string): Promise<void> {
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
  }
}
