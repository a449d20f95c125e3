import { compareDates, DomainError, isIsoDate, roundHalfAwayFromZero } from '@kpa/contracts';
import { formatMoney, formatPercent, frenchEuros, frenchPercent, parseMoney, parsePercent, PPM } from '../units';

/**
 * What a share means in pay, as an ESTIMATE (docs/domain-rules.md §5.2–5.3): the share is the employer-cost
 * envelope; the host structure's payroll provider computes the real payslip (general reduction,
 * withholding tax, minimum wage…). Rates come from a dated, configurable table, never hard-coded
 * law:
 *
 *   envelope = gross + employer contributions (gross × employer rate) + employer mutual (+ unused)
 *   net      = gross − employee contributions (gross × employee rate) − employee mutual
 *
 * The employer rate climbs with pay (low near the SMIC because of the general reduction): the table
 * gives it at a few gross amounts, linearly interpolated between them and flat beyond; rates must
 * not decrease as gross rises. Gross is the largest whole number of cents whose employer cost fits
 * the envelope; each contribution is rounded half away from zero to the cent; `unused` is the
 * rounding leftover (a cent or two at most).
 */

export interface EmployerRatePoint {
  grossCents: bigint;
  ratePpm: bigint;
}

export interface PayrollRateTable {
  /** First day the table applies (YYYY-MM-DD). */
  validFrom: string;
  /** For people: where the rates come from. */
  label: string;
  /** At least one point, gross strictly increasing, rates non-decreasing. */
  employerRates: EmployerRatePoint[];
  employeeRatePpm: bigint;
  employerMutualCents: bigint;
  employeeMutualCents: bigint;
}

export interface PayrollRateTableInput {
  validFrom?: unknown;
  label?: unknown;
  employerRates?: unknown;
  employeeRate?: unknown;
  employerMutual?: unknown;
  employeeMutual?: unknown;
}

/**
 * docs/domain-rules.md §5.2's worked example (one CAE, 2024, excl. mutual: employer 5 % at 1 765 € gross,
 * 16 % at 2 055 €, 30 % at 2 560 €; employee ~21 %; mutual 29 € a month each side). An example to be
 * replaced by the host's own parameters (2026 rates from its payroll provider; §5.2 notes that 2026
 * changed the general reduction).
 */
export const EXAMPLE_RATE_TABLE_2024: PayrollRateTable = {
  validFrom: '2024-01-01',
  label: 'Exemple 2024 d’une CAE (taux indicatifs, hors mutuelle)',
  employerRates: [
    { grossCents: 176_500n, ratePpm: 50_000n },
    { grossCents: 205_500n, ratePpm: 160_000n },
    { grossCents: 256_000n, ratePpm: 300_000n },
  ],
  employeeRatePpm: 210_000n,
  employerMutualCents: 2_900n,
  employeeMutualCents: 2_900n,
};

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** Checks a rate table as a site writes it: {validFrom, label, employerRates: [{gross: "1765.00", rate: "5"}], employeeRate: "21", employerMutual?: "29.00", employeeMutual?: "29.00"}. */
export function parsePayrollRateTable(raw: PayrollRateTableInput): PayrollRateTable {
  if (!isIsoDate(raw.validFrom)) throw invalid('validFrom', 'validFrom must be the first day the rates apply, written YYYY-MM-DD.');
  if (typeof raw.label !== 'string' || raw.label.trim() === '' || raw.label.trim().length > 200)
    throw invalid('label', 'label must say where the rates come from (1 to 200 characters).');
  if (!Array.isArray(raw.employerRates) || raw.employerRates.length === 0 || raw.employerRates.length > 20) {
    throw invalid('employerRates', 'employerRates must list 1 to 20 {gross, rate}: the employer rate at a few gross monthly amounts.');
  }
  const employerRates = raw.employerRates.map((point: unknown, i): EmployerRatePoint => {
    const { gross, rate } = (typeof point === 'object' && point !== null ? point : {}) as { gross?: unknown; rate?: unknown };
    return { grossCents: parseMoney(gross, `employerRates[${i}].gross`), ratePpm: parsePercent(rate, `employerRates[${i}].rate`) };
  });
  employerRates.forEach((point, i) => {
    const previous = employerRates[i - 1];
    if (previous && point.grossCents <= previous.grossCents) throw invalid(`employerRates[${i}].gross`, 'employerRates must be in increasing order of gross.');
    if (previous && point.ratePpm < previous.ratePpm) throw invalid(`employerRates[${i}].rate`, 'The employer rate must not decrease as gross rises.');
  });
  const mutual = (value: unknown, field: string): bigint => (value === undefined || value === null ? 0n : parseMoney(value, field));
  return {
    validFrom: raw.validFrom,
    label: raw.label.trim(),
    employerRates,
    employeeRatePpm: parsePercent(raw.employeeRate, 'employeeRate'),
    employerMutualCents: mutual(raw.employerMutual, 'employerMutual'),
    employeeMutualCents: mutual(raw.employeeMutual, 'employeeMutual'),
  };
}

/** The table in force on `date`: the latest validFrom on or before it (PAYROLL_RATES_MISSING if none). */
export function rateTableOn(tables: readonly PayrollRateTable[], date: string): PayrollRateTable {
  const table = tables.filter((t) => compareDates(t.validFrom, date) <= 0).sort((a, b) => compareDates(b.validFrom, a.validFrom))[0];
  if (!table)
    throw new DomainError('PAYROLL_RATES_MISSING', `No payroll rate table applies on ${date}: add one valid from that date or earlier to the remuneration settings.`, { date });
  return table;
}

/** Employer contributions on a gross amount: gross × rate(gross), rounded once. */
export function employerContributions(grossCents: bigint, points: readonly EmployerRatePoint[]): bigint {
  const first = points[0];
  const last = points[points.length - 1];
  if (grossCents <= first.grossCents) return roundHalfAwayFromZero(grossCents * first.ratePpm, PPM);
  if (grossCents >= last.grossCents) return roundHalfAwayFromZero(grossCents * last.ratePpm, PPM);
  const k = points.findIndex((p) => p.grossCents > grossCents) - 1;
  const [a, b] = [points[k], points[k + 1]];
  const span = b.grossCents - a.grossCents;
  // rate(g) = (a.rate × span + (b.rate − a.rate) × (g − a.gross)) / span, kept as a fraction.
  return roundHalfAwayFromZero(grossCents * (a.ratePpm * span + (b.ratePpm - a.ratePpm) * (grossCents - a.grossCents)), PPM * span);
}

function employerCost(grossCents: bigint, table: PayrollRateTable): bigint {
  return grossCents === 0n ? 0n : grossCents + employerContributions(grossCents, table.employerRates) + table.employerMutualCents;
}

export interface PayEstimate {
  /** Always true: this is not a payslip. */
  estimate: true;
  table: { validFrom: string; label: string };
  envelopeCents: bigint;
  grossCents: bigint;
  employerContributionsCents: bigint;
  employerMutualCents: bigint;
  /** The employer rate applied at this gross, in millionths (interpolated). */
  employerRatePpm: bigint;
  employeeContributionsCents: bigint;
  employeeMutualCents: bigint;
  employeeRatePpm: bigint;
  netCents: bigint;
  /** Rounding leftover of the envelope (a cent or two), or the whole envelope when it cannot even cover the employer's mutual. */
  unusedCents: bigint;
  /** French lines for people, the first one saying it is an estimate. */
  lines: string[];
}

/** Estimates gross, net and employer cost of a share (the employer-cost envelope). */
export function simulatePay(envelopeCents: bigint, table: PayrollRateTable): PayEstimate {
  if (envelopeCents < 0n) throw new RangeError(`The envelope cannot be negative (${envelopeCents} cents).`);
  // employerCost is strictly increasing from 1 cent on (rates never decrease): bisect for the largest gross that fits.
  let low = 0n;
  let high = envelopeCents;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    if (employerCost(mid, table) <= envelopeCents) low = mid;
    else high = mid - 1n;
  }
  const gross = low;
  const employerContributionsCents = gross === 0n ? 0n : employerContributions(gross, table.employerRates);
  const employerMutualCents = gross === 0n ? 0n : table.employerMutualCents;
  const employeeContributionsCents = roundHalfAwayFromZero(gross * table.employeeRatePpm, PPM);
  // On a tiny gross the employee's mutual cannot take more than is left.
  const afterContributions = gross - employeeContributionsCents;
  const employeeMutualCents = gross === 0n ? 0n : table.employeeMutualCents < afterContributions ? table.employeeMutualCents : afterContributions;
  const netCents = afterContributions - employeeMutualCents;
  const employerRatePpm = gross === 0n ? table.employerRates[0].ratePpm : roundHalfAwayFromZero(employerContributionsCents * PPM, gross);
  const unusedCents = envelopeCents - gross - employerContributionsCents - employerMutualCents;
  const lines = [
    `Estimation, pas une fiche de paie : taux « ${table.label} » en vigueur depuis le ${table.validFrom.split('-').reverse().join('/')}. La structure hébergeuse établit la paie réelle.`,
    `Coût employeur (votre part) : ${frenchEuros(envelopeCents)}`,
    `Cotisations patronales estimées (${frenchPercent(roundToHundredthOfPercent(employerRatePpm))}) : ${frenchEuros(employerContributionsCents)}`,
    `Mutuelle, part employeur : ${frenchEuros(employerMutualCents)}`,
    `Salaire brut estimé : ${frenchEuros(gross)}`,
    `Cotisations salariales estimées (${frenchPercent(table.employeeRatePpm)}) : ${frenchEuros(employeeContributionsCents)}`,
    `Mutuelle, part salariée : ${frenchEuros(employeeMutualCents)}`,
    `Salaire net estimé : ${frenchEuros(netCents)}`,
  ];
  if (unusedCents > 0n) lines.push(`Non affecté (arrondi${gross === 0n ? ', montant trop faible pour couvrir la mutuelle' : ''}) : ${frenchEuros(unusedCents)}`);
  return {
    estimate: true,
    table: { validFrom: table.validFrom, label: table.label },
    envelopeCents,
    grossCents: gross,
    employerContributionsCents,
    employerMutualCents,
    employerRatePpm,
    employeeContributionsCents,
    employeeMutualCents,
    employeeRatePpm: table.employeeRatePpm,
    netCents,
    unusedCents,
    lines,
  };
}

function roundToHundredthOfPercent(ppm: bigint): bigint {
  return roundHalfAwayFromZero(ppm, 100n) * 100n;
}

/** The API form of an estimate (decimal strings, rates as percentages). */
export function formatPayEstimate(e: PayEstimate): Record<string, unknown> {
  return {
    estimate: true,
    label: 'estimation',
    table: e.table,
    employerCost: formatMoney(e.envelopeCents),
    gross: formatMoney(e.grossCents),
    employerContributions: formatMoney(e.employerContributionsCents),
    employerRate: formatPercent(roundToHundredthOfPercent(e.employerRatePpm)),
    employerMutual: formatMoney(e.employerMutualCents),
    employeeContributions: formatMoney(e.employeeContributionsCents),
    employeeRate: formatPercent(e.employeeRatePpm),
    employeeMutual: formatMoney(e.employeeMutualCents),
    net: formatMoney(e.netCents),
    unused: formatMoney(e.unusedCents),
    lines: e.lines,
  };
}
