import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NetworkStats } from '@kpa/contracts';

/**
 * The network's figures for the network admin, from networking's own tables: sites, members and the
 * pool from the read models; hours from the reciprocity ledger (a reversal takes its movement's hours
 * back); help requests still taking offers (not past their end: expiry is decided on read); loans
 * accepted or out.
 */
@Injectable()
export class NetworkStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<NetworkStats> {
    const [byStatus, byStage, members, pooled, exchanged]: [
      { status: string; n: number }[],
      { launch_stage: string; n: number }[],
      { id: string; name: string; n: number }[],
      { n: number }[],
      { hours: string; open_help_requests: number; equipment_loans: number }[],
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
      this.dataSource.query(
        `SELECT (SELECT COALESCE(sum(CASE WHEN kind = 'reversal' THEN -hours ELSE hours END), 0)::numeric(12, 2)::text FROM networking.reciprocity_movement) AS hours,
                (SELECT count(*)::int FROM networking.help_request WHERE status IN ('open', 'offers') AND ends_on >= (now() AT TIME ZONE 'Europe/Paris')::date) AS open_help_requests,
                (SELECT count(*)::int FROM networking.equipment_reservation WHERE status IN ('accepted', 'checked_out')) AS equipment_loans`,
      ),
    ]);
    return {
      sitesByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
      sitesByLaunchStage: Object.fromEntries(byStage.map((row) => [row.launch_stage, row.n])),
      activeMembers: members.map((row) => ({ siteId: row.id, name: row.name, activeMembers: row.n })),
      pooledPeople: pooled[0].n,
      hoursExchanged: exchanged[0].hours,
      openHelpRequests: exchanged[0].open_help_requests,
      equipmentLoans: exchanged[0].equipment_loans,
    };
  }
}
