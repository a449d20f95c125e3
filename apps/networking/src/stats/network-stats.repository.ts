import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NetworkStats } from '@kpa/contracts';

/**
 * The network's figures for the network admin, from networking's own read models.
 * TODO(merge, issue 12): hours exchanged (networking.reciprocity_movement), open help requests
 * (networking.help_request, status 'open') and equipment loans (networking.equipment_loan, status
 * in ('reserved','out')) belong to the help and equipment branches: add them here once merged.
 */
@Injectable()
export class NetworkStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<NetworkStats> {
    const [byStatus, byStage, members, pooled]: [
      { status: string; n: number }[],
      { launch_stage: string; n: number }[],
      { id: string; name: string; n: number }[],
      { n: number }[],
    ] = await Promise.all([
      this.dataSource.query('SELECT status, count(*)::int AS n FROM networking.directory_site GROUP BY status ORDER BY status'),
      this.dataSource.query('SELECT launch_stage, count(*)::int AS n FROM networking.directory_site WHERE launch_stage IS NOT NULL GROUP BY launch_stage ORDER BY launch_stage'),
      this.dataSource.query(
        `SELECT d.id, d.name, count(m.id)::int AS n FROM networking.directory_site d
           LEFT JOIN networking.known_member m ON m.site_id = d.id AND m.active AND NOT m.erased
          GROUP BY d.id, d.name ORDER BY d.name, d.id`,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM networking.pool_person p LEFT JOIN networking.known_member m ON m.id = p.member_id
          WHERE p.visible AND (p.kind = 'team' OR (m.active AND NOT m.erased))`,
      ),
    ]);
    return {
      sitesByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
      sitesByLaunchStage: Object.fromEntries(byStage.map((row) => [row.launch_stage, row.n])),
      activeMembers: members.map((row) => ({ siteId: row.id, name: row.name, activeMembers: row.n })),
      pooledPeople: pooled[0].n,
    };
  }
}
