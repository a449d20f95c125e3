import { EntityManager } from 'typeorm';
import { SITE_USER_CHANGED_V1 } from '@kpa/contracts';
import { appendToOutbox, createEvent } from '@kpa/platform';

/**
 * Tells the other services (the worker's notifications) that a user's role on a site was given or
 * taken, in the transaction that changed it: the event exists exactly when the change commits.
 * Read back from the tables, so what is published is what is stored (a role taken: `role: null`).
 */
export async function publishSiteUserChanged(manager: EntityManager, userId: string, siteId: string): Promise<void> {
  const [user]: { email: string; display_name: string; role: 'coordinator' | 'member' | 'accountant' | null; member_id: string | null }[] = await manager.query(
    `SELECT u.email, u.display_name, r.role, r.member_id FROM gateway.app_user u LEFT JOIN gateway.site_role r ON r.user_id = u.id AND r.site_id = $2 WHERE u.id = $1`,
    [userId, siteId],
  );
  if (!user) return;
  await appendToOutbox(manager, 'gateway', [
    // A role taken carries no personal data (it may be a member's erasure).
    user.role === null
      ? createEvent(SITE_USER_CHANGED_V1, siteId, { userId, siteId, role: null, email: '', displayName: '', memberId: null })
      : createEvent(SITE_USER_CHANGED_V1, siteId, { userId, siteId, role: user.role, email: user.email, displayName: user.display_name, memberId: user.member_id }),
  ]);
}
