import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteId } from '@kpa/contracts';

/** Remuneration's figures for the funders' activity report, of some sites or of the region (`siteIds` null). */
@Injectable()
export class ActivityFiguresRepository {
  /** Validated contributive hours (hundredths) worked in the period; mission hours are commerce's. */
  async contributiveHundredths(manager: EntityManager, siteIds: SiteId[] | null, from: string, to: string): Promise<number> {
    const params: unknown[] = siteIds === null ? [from, to] : [from, to, siteIds];
    const [row] = (await manager.query(
      `SELECT coalesce(sum(c.hundredths), 0)::text AS hundredths
         FROM remuneration.contribution c
        WHERE c.status = 'validated' AND c.worked_on BETWEEN $1::date AND $2::date AND ${siteIds === null ? 'TRUE' : 'c.site_id = ANY($3::uuid[])'}`,
      params,
    )) as { hundredths: string }[];
    return Number(row.hundredths);
  }

  /** What the periods ending in the period and no longer open (their figures frozen) distributed, in cents. */
  async distributedCents(manager: EntityManager, siteIds: SiteId[] | null, from: string, to: string): Promise<bigint> {
    const params: unknown[] = siteIds === null ? [from, to] : [from, to, siteIds];
    const [row] = (await manager.query(
      `SELECT coalesce(sum(round((p.figures -> 'distribution' ->> 'distributed')::numeric * 100)), 0)::text AS cents
         FROM remuneration.period p
        WHERE p.status <> 'open' AND p.ends_on BETWEEN $1::date AND $2::date AND ${siteIds === null ? 'TRUE' : 'p.site_id = ANY($3::uuid[])'}`,
      params,
    )) as { cents: string }[];
    return BigInt(row.cents);
  }
}
