import { DomainError, roundHalfAwayFromZero } from '@kpa/contracts';

/**
 * The units of remuneration, exact: money in integer cents (BigInt while computing), hours in
 * integer hundredths of an hour, rates in millionths (ppm: "11.5" % = 115 000 ppm). Decimal strings
 * at the edges ("152.05", "7.50", "11.5"), French text for what a person reads ("1 520,50 €").
 */

/** Thin no-break space: French thousands separator; no-break space before a unit. */
const THOUSANDS = '\u202f';
const NBSP = '\u00a0';

export const PPM_PER_PERCENT = 10_000n;
export const PPM = 1_000_000n;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** Floor division for BigInt (BigInt `/` truncates toward zero). */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive.');
  const q = numerator / denominator;
  return numerator < 0n && q * denominator !== numerator ? q - 1n : q;
}

export function sumOf(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** A decimal string with up to `decimals` decimals, scaled to an integer; undefined if it is not one. */
function scaled(value: unknown, decimals: number, allowNegative: boolean): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(`^(${allowNegative ? '-?' : ''})(\\d{1,13})(?:\\.(\\d{1,${decimals}}))?$`).exec(value.trim());
  if (!match) return undefined;
  const magnitude = BigInt(match[2]) * 10n ** BigInt(decimals) + BigInt((match[3] ?? '').padEnd(decimals, '0') || '0');
  return match[1] === '-' ? -magnitude : magnitude;
}

/** Cents of a money decimal string ("152.05", "-3.5" when `allowNegative`); VALIDATION_FAILED otherwise. */
export function parseMoney(value: unknown, field: string, allowNegative = false): bigint {
  const cents = scaled(value, 2, allowNegative);
  if (cents === undefined) {
    throw invalid(field, `${field} must be an amount written as a decimal string with at most 2 decimals ("152.05")${allowNegative ? ', possibly negative' : ''}.`);
  }
  return cents;
}

/** "152.05", "-3.50": the API form of an amount in cents. */
export function formatMoney(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Hundredths of an hour of a decimal string ("7.5", "7.50"); undefined if it is not one. */
export function parseHundredths(value: unknown): number | undefined {
  const hundredths = scaled(value, 2, false);
  return hundredths === undefined || hundredths > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(hundredths);
}

/** "7.50": the API form of hours (two decimals, as commerce's mission events write them). */
export function formatHours(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) throw new RangeError(`Not a whole number of hundredths of an hour: ${hundredths}`);
  return formatMoney(BigInt(hundredths));
}

/**
 * A percentage written as a decimal string ("10", "11.5", "21.75": at most 4 decimals, 0 to 100)
 * in millionths; VALIDATION_FAILED otherwise.
 */
export function parsePercent(value: unknown, field: string): bigint {
  const tenThousandths = scaled(typeof value === 'number' && Number.isInteger(value) ? String(value) : value, 4, false);
  if (tenThousandths === undefined || tenThousandths > 100n * PPM_PER_PERCENT) {
    throw invalid(field, `${field} must be a percentage from 0 to 100 written as a decimal string with at most 4 decimals ("11.5").`);
  }
  return tenThousandths;
}

/** "11.5": the API form of a rate in millionths. */
export function formatPercent(ppm: bigint): string {
  const whole = ppm / PPM_PER_PERCENT;
  const fraction = (ppm % PPM_PER_PERCENT).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS);
}

/** "1 520,50 €" (French, for explanations and labels). */
export function frenchEuros(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '−' : ''}${groupThousands(digits.slice(0, -2))},${digits.slice(-2)}${NBSP}€`;
}

/** "12,5 h", "40 h". */
export function frenchHours(hundredths: number | bigint): string {
  const value = BigInt(hundredths);
  const whole = value / 100n;
  const fraction = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${groupThousands(whole.toString())}${fraction ? `,${fraction}` : ''}${NBSP}h`;
}

/** "11,5 %" from millionths. */
export function frenchPercent(ppm: bigint): string {
  return `${formatPercent(ppm).replace('.', ',')}${NBSP}%`;
}

/** numerator / denominator as a French percentage with at most 2 decimals, rounded half away from zero ("71,43 %"). */
export function frenchRatio(numerator: bigint, denominator: bigint): string {
  const hundredthsOfPercent = roundHalfAwayFromZero(numerator * 10_000n, denominator);
  return frenchPercent(hundredthsOfPercent * 100n);
}

/** A scaled integer ≥ 0 as a decimal string, trailing zeros trimmed down to `minDecimals` (formatDecimal(125000n, 4, 2) = "12.50"). */
export function formatDecimal(value: bigint, decimals: number, minDecimals: number): string {
  if (value < 0n) throw new RangeError(`Expected a value ≥ 0, got ${value}.`);
  const digits = value.toString().padStart(decimals + 1, '0');
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const integer = digits.slice(0, digits.length - decimals);
  return fraction ? `${integer}.${fraction}` : integer;
}
