import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteChangedV1 } from '@kpa/contracts';

/** The network directory's rows: one per site of the region (region-wide, so keyed by the site itself). */
@Injectable()
export class NetworkDirectoryRepository {
  /** Newest wins: an older version arriving late changes nothing. */
  async upsertSite(data: SiteChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.directory_site (id, code, name, city, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, city = $4, status = $5, updated_at = $6
       WHERE networking.directory_site.updated_at <= $6`,
      [data.id, data.code, data.name, data.city, data.status, updatedAt],
    );
  }

  /**
   * The launch stage of a new KPA, written by the launches feature. Stand-in with N1's signature
   * (branch i-net-dir): on merge, keep i-net-dir's version, which also records the change's date.
   */
  async setLaunchStage(manager: EntityManager, siteId: string, stage: string | null): Promise<void> {
    await manager.query('UPDATE networking.directory_site SET launch_stage = $2 WHERE id = $1 AND launch_stage IS DISTINCT FROM $2', [siteId, stage]);
  }
}
