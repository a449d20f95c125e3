import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AGING_BUCKETS, AgingBucket, InvoiceKind, InvoiceStatus, SiteId } from '@kpa/contracts';
import { AGING_FROM_DAYS, dueRange } from './receivables';

/** Unpaid issued invoices: what the partial indexes `invoice_receivable_idx` / `_all_idx` cover. */
const UNPAID = "i.status IN ('issued', 'partially_paid')";

/** The aging bucket in SQL, from the same day thresholds as `aging()` (days late = today − due date). */
export function bucketSql(todayParam: string): string {
  const late = `(${todayParam}::date - i.due_on)`;
  const steps = [...AGING_BUCKETS].reverse().filter((b) => b !== 'not_due');
  return `CASE ${steps.map((b) => `WHEN ${late} >= ${AGING_FROM_DAYS[b]} THEN '${b}'`).join(' ')} ELSE 'not_due' END`;
}

/** What one board read asks for: the sites (all when absent), an aging bucket, the keyset cursor and the page size. */
export interface BoardRequest {
  siteIds?: SiteId[];
  bucket?: AgingBucket;
  cursor?: { dueOn: string; id: string };
  limit: number;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/**
 * The board's two queries: one page of unpaid invoices by (due date, id) and the totals per site and
 * bucket. One site filters with `site_id = $n` so the planner walks `invoice_receivable_idx` from its
 * first key; every site uses `invoice_receivable_all_idx`.
 */
export function boardQueries(request: BoardRequest, today: string): { page: SqlQuery; totals: SqlQuery; refundsDue: SqlQuery } {
  const filter = (params: unknown[]): string => {
    const where = [UNPAID];
    const { siteIds } = request;
    if (siteIds !== undefined) where.push(siteIds.length === 1 ? `i.site_id = $${params.push(siteIds[0])}::uuid` : `i.site_id = ANY($${params.push(siteIds)}::uuid[])`);
    if (request.bucket !== undefined) {
      const range = dueRange(request.bucket, today);
      if (range.from !== null) where.push(`i.due_on >= $${params.push(range.from)}::date`);
      if (range.to !== null) where.push(`i.due_on <= $${params.push(range.to)}::date`);
    }
    return where.join(' AND ');
  };

  const pageParams: unknown[] = [];
  const pageWhere = [filter(pageParams)];
  if (request.cursor) pageWhere.push(`(i.due_on, i.id) > ($${pageParams.push(request.cursor.dueOn)}::date, $${pageParams.push(request.cursor.id)}::uuid)`);
  const page = `SELECT i.id, i.site_id, i.number, i.kind, i.status, i.client_id, c.name AS client_name,
         i.issued_on::text AS issued_on, i.due_on::text AS due_on, i.total_cents, i.outstanding_cents
    FROM (SELECT i.id, i.site_id, i.number, i.kind, i.status, i.client_id, i.issued_on, i.due_on, i.total_cents, i.outstanding_cents
            FROM commerce.invoice i WHERE ${pageWhere.join(' AND ')} ORDER BY i.due_on, i.id LIMIT $${pageParams.push(request.limit + 1)}) i
    JOIN commerce.client c ON c.id = i.client_id
   ORDER BY i.due_on, i.id`;

  const totalsParams: unknown[] = [today];
  const totals = `SELECT i.site_id, ${bucketSql('$1')} AS bucket, count(*)::int AS count, sum(i.outstanding_cents)::text AS cents
    FROM commerce.invoice i WHERE ${filter(totalsParams)} GROUP BY 1, 2`;
  // Money due back to clients (credit notes on a paid part, not refunded yet): never in the unpaid
  // rows or their totals (outstanding is never negative), counted apart on `invoice_refund_due_idx`.
  const refundParams: unknown[] = [];
  const refundWhere = ['i.refund_due_cents > 0'];
  if (request.siteIds !== undefined) {
    refundWhere.push(
      request.siteIds.length === 1 ? `i.site_id = $${refundParams.push(request.siteIds[0])}::uuid` : `i.site_id = ANY($${refundParams.push(request.siteIds)}::uuid[])`,
    );
  }
  const refundsDue = `SELECT count(*)::int AS count, coalesce(sum(i.refund_due_cents), 0)::text AS cents FROM commerce.invoice i WHERE ${refundWhere.join(' AND ')}`;
  return { page: { sql: page, params: pageParams }, totals: { sql: totals, params: totalsParams }, refundsDue: { sql: refundsDue, params: refundParams } };
}

/** An unpaid invoice on the board, as read. */
export interface ItemRow {
  id: string;
  site_id: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  client_id: string;
  client_name: string;
  issued_on: string;
  due_on: string;
  total_cents: string;
  outstanding_cents: string;
}

/** The count and outstanding cents of one site's invoices in one aging bucket. */
export interface BucketRow {
  site_id: string;
  bucket: AgingBucket;
  count: number;
  cents: string;
}

/**
 * The receivables board's reads over the sites' unpaid issued invoices. Stateless: every method
 * runs on the manager it is given; the sites are the ones the caller may see (`siteIds`, or all).
 */
@Injectable()
export class ReceivablesRepository {
  /** One page of unpaid invoices (one row more than `limit` when another page follows), the totals per site and bucket, and the money due back to clients. */
  async board(manager: EntityManager, request: BoardRequest, today: string): Promise<{ rows: ItemRow[]; totals: BucketRow[]; refundsDue: { count: number; cents: string } }> {
    const queries = boardQueries(request, today);
    const rows: ItemRow[] = await manager.query(queries.page.sql, queries.page.params);
    const totals: BucketRow[] = await manager.query(queries.totals.sql, queries.totals.params);
    const refunds: { count: number; cents: string }[] = await manager.query(queries.refundsDue.sql, queries.refundsDue.params);
    return { rows, totals, refundsDue: refunds[0] ?? { count: 0, cents: '0' } };
  }
}
