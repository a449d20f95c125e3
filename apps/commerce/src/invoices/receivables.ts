import { addDays, AGING_BUCKETS, AgingBucket, daysBetween } from '@kpa/contracts';

/** Aging of unpaid issued invoices, for the receivables board: pure rules. */

/** Days past the due date at which each bucket starts (not_due: not past it). */
export const AGING_FROM_DAYS: Record<AgingBucket, number> = { not_due: Number.NEGATIVE_INFINITY, '1_30': 1, '31_60': 31, '61_90': 61, over_90: 91 };

/** Days overdue (0 until the due date has passed) and the aging bucket, on `today`. */
export function aging(dueOn: string, today: string): { daysOverdue: number; bucket: AgingBucket } {
  const late = daysBetween(dueOn, today);
  const daysOverdue = Math.max(0, late);
  let bucket: AgingBucket = 'not_due';
  for (const candidate of AGING_BUCKETS) if (late >= AGING_FROM_DAYS[candidate]) bucket = candidate;
  return { daysOverdue, bucket };
}

/** The due dates of a bucket on `today`, as a range an index can use. */
export function dueRange(bucket: AgingBucket, today: string): { from: string | null; to: string | null } {
  const index = AGING_BUCKETS.indexOf(bucket);
  const next = AGING_BUCKETS[index + 1];
  // late ∈ [from days, next's from days − 1]  ⇔  due_on ∈ [today − (next − 1), today − from]
  const to = bucket === 'not_due' ? null : addDays(today, -AGING_FROM_DAYS[bucket]);
  const from = next === undefined ? null : addDays(today, -(AGING_FROM_DAYS[next] - 1));
  return bucket === 'not_due' ? { from: today, to: null } : { from, to };
}
