import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AGING_BUCKETS, AgingBucket, BucketTotal, DomainError, formatCents, isUuid, ReceivablesBoard, ReceivablesBoardRequest, siteIdOf } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize, todayInFrance } from '@kpa/platform';
import { aging } from './receivables';
import { ReceivablesRepository } from './receivables.repository';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly receivables: ReceivablesRepository,
  ) {}

  /**
   * The receivables board: unpaid issued invoices (oldest due date first, keyset page) with their
   * days overdue and aging bucket, and the totals per bucket and per site over all of them. Two
   * queries, both on the partial index of unpaid invoices.
   */
  async board(request: ReceivablesBoardRequest): Promise<ReceivablesBoard> {
    const today = todayInFrance();
    const limit = pageSize(request);
    // Keyset on (dueOn, id): the cursor carries the due date where others carry createdAt.
    const after = decodeCursor(request.cursor, 'receivables');
    const cursor = after && { dueOn: after.createdAt, id: after.id };
    if (request.bucket !== undefined && !AGING_BUCKETS.includes(request.bucket)) {
      throw new DomainError('VALIDATION_FAILED', `bucket must be one of ${AGING_BUCKETS.join(', ')}.`, { field: 'bucket' });
    }
    const siteIds = request.siteIds;
    if (siteIds !== undefined && (!Array.isArray(siteIds) || siteIds.some((id) => !isUuid(id)))) {
      throw new DomainError('VALIDATION_FAILED', 'siteIds must be site ids.', { field: 'siteIds' });
    }
    if (siteIds !== undefined && siteIds.length === 0) {
      return {
        asOf: today,
        items: [],
        nextCursor: null,
        buckets: bucketTotals(emptyBuckets()),
        sites: [],
        count: 0,
        outstanding: '0.00',
        refundsDue: { count: 0, amount: '0.00' },
      };
    }

    const { rows, totals, refundsDue } = await this.receivables.board(
      this.dataSource.manager,
      { siteIds: siteIds?.map((id) => siteIdOf(id)), bucket: request.bucket, cursor, limit },
      today,
    );

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
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.due_on, id: last.id }, 'receivables') : null,
      buckets: bucketTotals(all),
      sites: [...perSite.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([siteId, buckets]) => {
          const site = sum(buckets);
          return { siteId, count: site.count, outstanding: formatCents(Number(site.cents)), buckets: bucketTotals(buckets) };
        }),
      count: overall.count,
      outstanding: formatCents(Number(overall.cents)),
      refundsDue: { count: refundsDue.count, amount: formatCents(Number(refundsDue.cents)) },
    };
  }
}
