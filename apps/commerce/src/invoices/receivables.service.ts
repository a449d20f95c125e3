import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AGING_BUCKETS, AgingBucket, BucketTotal, DomainError, formatCents, InvoiceKind, InvoiceStatus, isUuid, ReceivablesBoard, ReceivablesBoardRequest } from '@kpa/contracts';
import { pageSize, todayInFrance } from '@kpa/platform';
import { aging, AGING_FROM_DAYS, dueRange } from './receivables';

/** Unpaid issued invoices: what the partial indexes `invoice_receivable_idx` / `_all_idx` cover. */
const UNPAID = "i.status IN ('issued', 'partially_paid')";

/** The aging bucket in SQL, from the same day thresholds as `aging()` (days late = today − due date). */
export function bucketSql(todayParam: string): string {
  const late = `(${todayParam}::date - i.due_on)`;
  const steps = [...AGING_BUCKETS].reverse().filter((b) => b !== 'not_due');
  return `CASE ${steps.map((b) => `WHEN ${late} >= ${AGING_FROM_DAYS[b]} THEN '${b}'`).join(' ')} ELSE 'not_due' END`;
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
export function boardQueries(
  request: { siteIds?: string[]; bucket?: AgingBucket; cursor?: { dueOn: string; id: string }; limit: number },
  today: string,
): { page: SqlQuery; totals: SqlQuery } {
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
  return { page: { sql: page, params: pageParams }, totals: { sql: totals, params: totalsParams } };
}

function encodeCursor(dueOn: string, id: string): string {
  return Buffer.from(JSON.stringify([dueOn, id])).toString('base64url');
}

function decodeCursor(value: string | undefined): { dueOn: string; id: string } | undefined {
  if (value === undefined) return undefined;
  try {
    const [dueOn, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof dueOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dueOn) && isUuid(id)) return { dueOn, id };
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not a value returned as nextCursor by this board; drop it to start from the first page.', { field: 'cursor' });
}

interface ItemRow {
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

function emptyBuckets(): Map<AgingBucket, { count: number; cents: bigint }> {
  return new Map(AGING_BUCKETS.map((b) => [b, { count: 0, cents: 0n }]));
}

function bucketTotals(buckets: Map<AgingBucket, { count: number; cents: bigint }>): BucketTotal[] {
  return AGING_BUCKETS.map((bucket) => {
    const { count, cents } = buckets.get(bucket) as { count: number; cents: bigint };
    return { bucket, count, outstanding: formatCents(Number(cents)) };
  });
}

@Injectable()
export class ReceivablesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The receivables board: unpaid issued invoices (oldest due date first, keyset page) with their
   * days overdue and aging bucket, and the totals per bucket and per site over all of them. Two
   * queries, both on the partial index of unpaid invoices.
   */
  async board(request: ReceivablesBoardRequest): Promise<ReceivablesBoard> {
    const today = todayInFrance();
    const limit = pageSize(request);
    const cursor = decodeCursor(request.cursor);
    if (request.bucket !== undefined && !AGING_BUCKETS.includes(request.bucket)) {
      throw new DomainError('VALIDATION_FAILED', `bucket must be one of ${AGING_BUCKETS.join(', ')}.`, { field: 'bucket' });
    }
    const siteIds = request.siteIds;
    if (siteIds !== undefined && (!Array.isArray(siteIds) || siteIds.some((id) => !isUuid(id)))) {
      throw new DomainError('VALIDATION_FAILED', 'siteIds must be site ids.', { field: 'siteIds' });
    }
    if (siteIds !== undefined && siteIds.length === 0) {
      return { asOf: today, items: [], nextCursor: null, buckets: bucketTotals(emptyBuckets()), sites: [], count: 0, outstanding: '0.00' };
    }

    const queries = boardQueries({ siteIds, bucket: request.bucket, cursor, limit }, today);
    const rows: ItemRow[] = await this.dataSource.query(queries.page.sql, queries.page.params);
    const totals: { site_id: string; bucket: AgingBucket; count: number; cents: string }[] = await this.dataSource.query(queries.totals.sql, queries.totals.params);

    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const all = emptyBuckets();
    const perSite = new Map<string, Map<AgingBucket, { count: number; cents: bigint }>>();
    for (const row of totals) {
      const cents = BigInt(row.cents);
      const overall = all.get(row.bucket) as { count: number; cents: bigint };
      overall.count += row.count;
      overall.cents += cents;
      const site = perSite.get(row.site_id) ?? emptyBuckets();
      const bucket = site.get(row.bucket) as { count: number; cents: bigint };
      bucket.count += row.count;
      bucket.cents += cents;
      perSite.set(row.site_id, site);
    }
    const sum = (buckets: Map<AgingBucket, { count: number; cents: bigint }>) =>
      [...buckets.values()].reduce((acc, b) => ({ count: acc.count + b.count, cents: acc.cents + b.cents }), { count: 0, cents: 0n });
    const overall = sum(all);
    return {
      asOf: today,
      items: items.map((row) => ({
        invoiceId: row.id,
        siteId: row.site_id,
        number: row.number,
        kind: row.kind,
        status: row.status,
        clientId: row.client_id,
        clientName: row.client_name,
        issuedOn: row.issued_on,
        dueOn: row.due_on,
        total: formatCents(Number(row.total_cents)),
        outstanding: formatCents(Number(row.outstanding_cents)),
        ...aging(row.due_on, today),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.due_on, last.id) : null,
      buckets: bucketTotals(all),
      sites: [...perSite.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([siteId, buckets]) => {
          const site = sum(buckets);
          return { siteId, count: site.count, outstanding: formatCents(Number(site.cents)), buckets: bucketTotals(buckets) };
        }),
      count: overall.count,
      outstanding: formatCents(Number(overall.cents)),
    };
  }
}
