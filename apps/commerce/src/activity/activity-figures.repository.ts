import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClientKind, SiteId } from '@kpa/contracts';

export interface RevenueRow {
  pole: string | null;
  month: string;
  net_cents: string;
}

/**
 * Commerce's figures for the funders' activity report, of some sites or of the region (`siteIds`
 * null). Three aggregate queries; none reads a person's name.
 */
@Injectable()
export class ActivityFiguresRepository {
  /**
   * Revenue excluding VAT by activity pole (the invoiced mission's) and month of issue: invoices
   * issued in the period, less the deposits a final invoice deducts (already counted when the
   * deposit invoice was issued), less credit notes issued in the period.
   */
  revenue(manager: EntityManager, siteIds: SiteId[] | null, from: string, to: string): Promise<RevenueRow[]> {
    const params: unknown[] = siteIds === null ? [from, to] : [from, to, siteIds];
    const sites = (column: string): string => (siteIds === null ? 'TRUE' : `${column} = ANY($3::uuid[])`);
    const invoiceSites = sites('i.site_id');
    const creditSites = sites('cn.site_id');
    return manager.query(
      `SELECT m.activity_pole AS pole, to_char(d.issued_on, 'YYYY-MM') AS month, sum(d.net)::text AS net_cents
         FROM (SELECT i.mission_id, i.issued_on, i.net_cents - i.deposits_net_cents AS net
                 FROM commerce.invoice i
                WHERE i.status <> 'draft' AND i.issued_on BETWEEN $1::date AND $2::date AND ${invoiceSites}
               UNION ALL
               SELECT i.mission_id, cn.issued_on, -cn.net_cents
                 FROM commerce.credit_note cn JOIN commerce.invoice i ON i.id = cn.invoice_id
                WHERE cn.issued_on BETWEEN $1::date AND $2::date AND ${creditSites}) d
         LEFT JOIN commerce.mission m ON m.id = d.mission_id
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
  }

  /** Clients with an invoice issued in the period, by kind. */
  clientsByKind(manager: EntityManager, siteIds: SiteId[] | null, from: string, to: string): Promise<{ kind: ClientKind; count: number }[]> {
    const params: unknown[] = [from, to];
    const sites = siteIds === null ? 'TRUE' : `i.site_id = ANY($${params.push(siteIds)}::uuid[])`;
    return manager.query(
      `SELECT c.kind, count(DISTINCT c.id)::int AS count
         FROM commerce.invoice i JOIN commerce.client c ON c.id = i.client_id
        WHERE i.status <> 'draft' AND i.issued_on BETWEEN $1::date AND $2::date AND ${sites}
        GROUP BY 1`,
      params,
    );
  }

  /** Hours (in hundredths) of the missions completed in the period. */
  async missionHundredths(manager: EntityManager, siteIds: SiteId[] | null, from: string, to: string): Promise<number> {
    const params: unknown[] = [from, to];
    const sites = siteIds === null ? 'TRUE' : `m.site_id = ANY($${params.push(siteIds)}::uuid[])`;
    const [row] = (await manager.query(
      `SELECT coalesce(sum(p.hours_hundredths), 0)::text AS hundredths
         FROM commerce.mission m JOIN commerce.mission_participant p ON p.mission_id = m.id
        WHERE m.status = 'completed' AND m.completed_on BETWEEN $1::date AND $2::date AND ${sites}`,
      params,
    )) as { hundredths: string }[];
    return Number(row.hundredths);
  }
}
