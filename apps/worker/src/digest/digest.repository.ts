import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface DueCoordinator {
  userId: string;
  siteId: string;
}

/** worker.digest_item_told and worker.digest_run, with the coordinators' digest hours. */
@Injectable()
export class DigestRepository {
  /**
   * Coordinators whose digest hour (Paris; `defaultHour` when they never chose) has come today and
   * who have no digest today on that site: a missed hour is caught up the same day. Regional: run across sites.
   */
  async dueCoordinators(manager: EntityManager, day: string, hour: number, defaultHour: number): Promise<DueCoordinator[]> {
    return manager.query(
      `SELECT r.user_id AS "userId", r.site_id AS "siteId"
         FROM worker.recipient r
         LEFT JOIN worker.notification_preference p ON p.user_id = r.user_id
        WHERE r.role = 'coordinator' AND coalesce(p.digest_hour, $3) <= $2
          AND NOT EXISTS (SELECT 1 FROM worker.digest_run d WHERE d.user_id = r.user_id AND d.site_id = r.site_id AND d.day = $1)
        ORDER BY r.site_id, r.user_id`,
      [day, hour, defaultHour],
    );
  }

  /**
   * Takes the coordinator's digest of the day; false when it is taken (another sweep or worker did it,
   * or holds it in a transaction not yet committed: this one waits for it, then finds it taken).
   */
  async claimDay(manager: EntityManager, userId: string, siteId: string, day: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`INSERT INTO worker.digest_run (user_id, site_id, day, items) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING RETURNING day`, [
      userId,
      siteId,
      day,
    ]);
    return rows.length === 1;
  }

  async setItems(manager: EntityManager, userId: string, siteId: string, day: string, items: number): Promise<void> {
    await manager.query('UPDATE worker.digest_run SET items = $4 WHERE user_id = $1 AND site_id = $2 AND day = $3', [userId, siteId, day, items]);
  }

  /** Which of these keys were already told to the coordinator on the site. */
  async told(manager: EntityManager, userId: string, siteId: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query('SELECT item_key AS key FROM worker.digest_item_told WHERE user_id = $1 AND site_id = $2 AND item_key = ANY($3::text[])', [
      userId,
      siteId,
      keys,
    ]);
    return new Set(rows.map((row) => row.key));
  }

  async recordTold(manager: EntityManager, userId: string, siteId: string, keys: string[], day: string): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(`INSERT INTO worker.digest_item_told (user_id, site_id, item_key, told_on) SELECT $1, $2, key, $4 FROM unnest($3::text[]) AS key ON CONFLICT DO NOTHING`, [
      userId,
      siteId,
      keys,
      day,
    ]);
  }
}
