/**
 * Money crosses the API as a decimal string with two decimals ("152.05") and lives inside as
 * integer cents: never a binary float.
 */
const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Cents of a non-negative decimal string ("15000", "15000.5", "15000.50"); undefined if it is not one. */
export function parseCents(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = AMOUNT.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "15000.50" for 1500050 cents. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * numerator / denominator rounded to an integer, halves away from zero: the commercial rounding of
 * French practice (docs/domain-rules.md §2.3). 0.005 € → 0.01 €, and a −0.005 € discount → −0.01 €, so
 * a discount mirrors the price it cancels. EN 16931 fixes the decimals, not the method.
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive.');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}
