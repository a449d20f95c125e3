import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notification, NotificationKind, NotificationOwner, NotificationPreferences, SiteUserChangedV1 } from '@kpa/contracts';
import { DEFAULT_PREFERENCES } from './notification-preferences';

/** A user of a site the worker may write to (from the gateway's events). */
export interface Recipient {
  userId: string;
  siteId: string;
  role: 'coordinator' | 'member' | 'accountant';
  email: string;
  displayName: string;
  memberId: string | null;
}

export interface NotificationRow {
  id: string;
  key: string;
  userId: string;
  siteId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
}

const NOTIFICATION_COLUMNS = `id, kind, site_id AS "siteId", title, body, link, to_json(created_at)#>>'{}' AS "createdAt", to_json(read_at)#>>'{}' AS "readAt"`;
const RECIPIENT_COLUMNS = `user_id AS "userId", site_id AS "siteId", role, email, display_name AS "displayName", member_id AS "memberId"`;

/** worker.recipient, worker.notification and worker.notification_preference. */
@Injectable()
export class NotificationsRepository {
  async saveRecipient(manager: EntityManager, user: SiteUserChangedV1): Promise<void> {
    if (user.role === null) {
      await manager.query('DELETE FROM worker.recipient WHERE user_id = $1 AND site_id = $2', [user.userId, user.siteId]);
      return;
    }
    await manager.query(
      `INSERT INTO worker.recipient (user_id, site_id, role, email, display_name, member_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, site_id) DO UPDATE SET role = $3, email = $4, display_name = $5, member_id = $6, updated_at = clock_timestamp()`,
      [user.userId, user.siteId, user.role, user.email, user.displayName, user.memberId],
    );
  }

  async recipient(manager: EntityManager, userId: string, siteId: string): Promise<Recipient | undefined> {
    const rows: Recipient[] = await manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM worker.recipient WHERE user_id = $1 AND site_id = $2`, [userId, siteId]);
    return rows[0];
  }

  async recipientsOf(manager: EntityManager, siteId: string, role: Recipient['role']): Promise<Recipient[]> {
    return manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM worker.recipient WHERE site_id = $1 AND role = $2 ORDER BY display_name, user_id`, [siteId, role]);
  }

  /** The member's account on their site, if they have one. */
  async recipientOfMember(manager: EntityManager, siteId: string, memberId: string): Promise<Recipient | undefined> {
    const rows: Recipient[] = await manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM worker.recipient WHERE site_id = $1 AND member_id = $2`, [siteId, memberId]);
    return rows[0];
  }

  /** false when a notification of this key exists (nothing changes). */
  async insert(manager: EntityManager, row: NotificationRow): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO worker.notification (id, key, user_id, site_id, kind, title, body, link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [row.id, row.key, row.userId, row.siteId, row.kind, row.title, row.body, row.link],
    );
    return inserted.length === 1;
  }

  /** Newest first. */
  async page(manager: EntityManager, owner: NotificationOwner, unread: boolean, after: { createdAt: string; id: string } | undefined, limit: number): Promise<Notification[]> {
    const params: unknown[] = [owner.userId, owner.siteIds, limit];
    const conditions = ['user_id = $1', 'site_id = ANY($2::uuid[])'];
    if (unread) conditions.push('read_at IS NULL');
    if (after) {
      params.push(after.createdAt, after.id);
      conditions.push('(created_at, id) < ($4::timestamptz, $5::uuid)');
    }
    return manager.query(`SELECT ${NOTIFICATION_COLUMNS} FROM worker.notification WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $3`, params);
  }

  async unreadCount(manager: EntityManager, owner: NotificationOwner): Promise<number> {
    const rows: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM worker.notification WHERE user_id = $1 AND site_id = ANY($2::uuid[]) AND read_at IS NULL', [
      owner.userId,
      owner.siteIds,
    ]);
    return rows[0].n;
  }

  /** Marks it read (once: a second read keeps the first time); undefined when it is not the owner's. */
  async markRead(manager: EntityManager, owner: NotificationOwner, id: string): Promise<Notification | undefined> {
    const [rows]: [Notification[], number] = await manager.query(
      `UPDATE worker.notification SET read_at = coalesce(read_at, clock_timestamp()) WHERE id = $1 AND user_id = $2 AND site_id = ANY($3::uuid[]) RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, owner.userId, owner.siteIds],
    );
    return rows[0];
  }

  async markAllRead(manager: EntityManager, owner: NotificationOwner): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      'UPDATE worker.notification SET read_at = clock_timestamp() WHERE user_id = $1 AND site_id = ANY($2::uuid[]) AND read_at IS NULL',
      [owner.userId, owner.siteIds],
    );
    return count;
  }

  async preferences(manager: EntityManager, userId: string): Promise<NotificationPreferences> {
    const rows: NotificationPreferences[] = await manager.query(
      `SELECT email_off AS "emailOff", digest_hour AS "digestHour", language FROM worker.notification_preference WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? { ...DEFAULT_PREFERENCES, emailOff: [] };
  }

  async setPreferences(manager: EntityManager, userId: string, preferences: NotificationPreferences): Promise<void> {
    await manager.query(
      `INSERT INTO worker.notification_preference (user_id, email_off, digest_hour, language) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email_off = $2, digest_hour = $3, language = $4, updated_at = clock_timestamp()`,
      [userId, preferences.emailOff, preferences.digestHour, preferences.language],
    );
  }
}
