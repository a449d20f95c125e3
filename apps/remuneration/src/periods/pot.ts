import { daysBetween, DomainError, roundHalfAwayFromZero } from '@kpa/contracts';
import { monthPeriodOf, PeriodDates } from './period';
import { formatMoney, formatPercent, frenchEuros, frenchPercent, parseMoney, parsePercent, PPM, sumOf } from '../units';

/**
 * The pot of a period (docs/domain-rules.md §5.2–5.3: the envelope for the variable part of pay):
 *
 *   pot = payments received (excl. VAT)
 *       − refunds given back to clients (excl. VAT)
 *       − host structure's contribution (rate × base)
 *       − approved expenses (incl. VAT under the franchise, excl. VAT when the host recovers it)
 *       − reserves (rate × base, and fixed monthly amounts: rent, equipment fund…)
 *       ± carry-over from the previous period
 *
 * base = max(0, payments − refunds): the turnover collected (§5.1–5.2). Credit notes are no term:
 * one on an unpaid part cancels money that never arrives (that payment is simply never counted),
 * one on a paid part leaves the pot as its refund when the money is given back. Each rate is
 * applied once to the period's base and rounded half away from zero to the cent.
 * distributable = max(0, pot); a negative pot is a deficit carried to the next period. Every term
 * is returned with a French label, and the terms add up to the pot exactly.
 */

export const MAX_FIXED_RESERVES = 20;
export const MAX_RESERVE_LABEL_LENGTH = 100;

export interface FixedReserve {
  /** For people: "Loyer", "Fonds d'équipement". */
  label: string;
  monthlyCents: bigint;
}

export interface PotSettings {
  /** Contribution coopérative rate, in millionths ("11.5" % = 115 000). */
  hostContributionPpm: bigint;
  /** A reserve for shared costs as a rate of the same base; 0 for none. */
  reserveRatePpm: bigint;
  reserveRateLabel: string;
  fixedReserves: FixedReserve[];
}

export interface PotSettingsInput {
  hostContributionRate?: unknown;
  reserveRate?: unknown;
  reserveLabel?: unknown;
  fixedReserves?: unknown;
}

export const DEFAULT_RESERVE_LABEL = 'Réserve pour frais communs';

export const DEFAULT_POT_SETTINGS: PotSettings = { hostContributionPpm: 100_000n, reserveRatePpm: 0n, reserveRateLabel: DEFAULT_RESERVE_LABEL, fixedReserves: [] };

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function label(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > MAX_RESERVE_LABEL_LENGTH)
    throw invalid(field, `${field} must be text of 1 to ${MAX_RESERVE_LABEL_LENGTH} characters.`);
  return value.trim();
}

/** Checks the pot part of a site's settings: {hostContributionRate: "11.5", reserveRate?: "5", reserveLabel?, fixedReserves?: [{label, monthlyAmount}]}. */
export function parsePotSettings(raw: PotSettingsInput): PotSettings {
  const hostContributionPpm = parsePercent(raw.hostContributionRate, 'hostContributionRate');
  const reserveRatePpm = raw.reserveRate === undefined || raw.reserveRate === null ? 0n : parsePercent(raw.reserveRate, 'reserveRate');
  const reserveRateLabel = raw.reserveLabel === undefined || raw.reserveLabel === null ? DEFAULT_RESERVE_LABEL : label(raw.reserveLabel, 'reserveLabel');
  const fixed = raw.fixedReserves ?? [];
  if (!Array.isArray(fixed) || fixed.length > MAX_FIXED_RESERVES)
    throw invalid('fixedReserves', `fixedReserves must be a list of at most ${MAX_FIXED_RESERVES} {label, monthlyAmount}.`);
  const fixedReserves = fixed.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`fixedReserves[${i}]`, `fixedReserves[${i}] must be {label, monthlyAmount}.`);
    const { label: l, monthlyAmount } = item as { label?: unknown; monthlyAmount?: unknown };
    return { label: label(l, `fixedReserves[${i}].label`), monthlyCents: parseMoney(monthlyAmount, `fixedReserves[${i}].monthlyAmount`) };
  });
  return { hostContributionPpm, reserveRatePpm, reserveRateLabel, fixedReserves };
}

/** The API form of the pot settings. */
export function formatPotSettings(settings: PotSettings): {
  hostContributionRate: string;
  reserveRate: string;
  reserveLabel: string;
  fixedReserves: { label: string; monthlyAmount: string }[];
} {
  return {
    hostContributionRate: formatPercent(settings.hostContributionPpm),
    reserveRate: formatPercent(settings.reserveRatePpm),
    reserveLabel: settings.reserveRateLabel,
    fixedReserves: settings.fixedReserves.map((r) => ({ label: r.label, monthlyAmount: formatMoney(r.monthlyCents) })),
  };
}

export interface ExpenseAmount {
  netCents: bigint;
  vatCents: bigint;
}

export interface PotInput {
  /** Within one month (see period.ts). */
  period: PeriodDates;
  /** Net (excl. VAT) of each payment received in the period. */
  paymentsNetCents: readonly bigint[];
  /** Net (excl. VAT) of each refund given back to a client in the period (credit notes on a paid part), as a positive amount. */
  refundsNetCents?: readonly bigint[];
  /** Expenses approved in the period. */
  expenses: readonly ExpenseAmount[];
  /** From the previous period: its deficit (< 0) plus what it left undistributed (> 0). */
  carryOverCents: bigint;
  /** The host structure does not charge VAT (CGI art. 293 B), so it cannot recover the VAT it pays. */
  hostVatFranchise: boolean;
  settings: PotSettings;
}

/**
 * The terms computePot returns. Figures frozen at a close before credit notes stopped counting (see
 * docs/remuneration.md) may also hold a 'credit_notes' term: PotTermView keeps that kind for them.
 */
export const POT_TERM_KINDS = ['payments', 'refunds', 'host_contribution', 'expenses', 'reserve_rate', 'reserve_fixed', 'carry_over'] as const;
export type PotTermKind = (typeof POT_TERM_KINDS)[number];

export interface PotTerm {
  kind: PotTermKind;
  /** For people, in French. */
  label: string;
  /** Signed as it counts in the pot: deductions are negative. */
  cents: bigint;
  /** How the amount was obtained, in French. */
  detail: string;
}

export interface Pot {
  terms: PotTerm[];
  /** Σ terms: may be negative. */
  potCents: bigint;
  /** max(0, pot): what the distribution shares out. */
  distributableCents: bigint;
  /** min(0, pot): the deficit carried to the next period. */
  deficitCents: bigint;
  /** payments − refunds, at least 0: what the rates apply to. */
  baseCents: bigint;
}

function nonNegative(values: readonly bigint[], what: string): void {
  for (const v of values) if (v < 0n) throw new RangeError(`${what} must be ≥ 0, got ${v}.`);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A fixed monthly amount's share for a period within one month, in proportion to its days. Computed
 * as floor(amount × days up to the period's end / days in month) − the same up to the day before it
 * starts, so the periods of a month always add up to the monthly amount exactly.
 */
export function monthlyAmountForPeriod(monthlyCents: bigint, period: PeriodDates): bigint {
  const month = monthPeriodOf(period.startsOn);
  if (period.endsOn > month.endsOn) throw new RangeError(`Period ${period.startsOn}–${period.endsOn} spans two months.`);
  const daysInMonth = BigInt(daysBetween(month.startsOn, month.endsOn) + 1);
  const upToEnd = BigInt(daysBetween(month.startsOn, period.endsOn) + 1);
  const beforeStart = BigInt(daysBetween(month.startsOn, period.startsOn));
  return (monthlyCents * upToEnd) / daysInMonth - (monthlyCents * beforeStart) / daysInMonth;
}

/** rate × base, rounded half away from zero to the cent, once. */
export function rateOf(baseCents: bigint, ppm: bigint): bigint {
  return roundHalfAwayFromZero(baseCents * ppm, PPM);
}

export function computePot(input: PotInput): Pot {
  nonNegative(input.paymentsNetCents, 'A payment');
  const refundsNetCents = input.refundsNetCents ?? [];
  nonNegative(refundsNetCents, 'A refund');
  nonNegative(
    input.expenses.flatMap((e) => [e.netCents, e.vatCents]),
    'An expense amount',
  );
  const { settings } = input;
  const payments = sumOf(input.paymentsNetCents);
  const refunds = sumOf(refundsNetCents);
  const base = payments - refunds > 0n ? payments - refunds : 0n;
  const baseText = `${frenchEuros(base)} (${refundsNetCents.length > 0 ? 'paiements HT − remboursements HT' : 'paiements HT'})`;

  const terms: PotTerm[] = [
    {
      kind: 'payments',
      label: 'Paiements reçus (HT)',
      cents: payments,
      detail: plural(input.paymentsNetCents.length, 'paiement reçu sur la période', 'paiements reçus sur la période'),
    },
    {
      kind: 'host_contribution',
      label: 'Contribution coopérative de la structure hébergeuse',
      cents: -rateOf(base, settings.hostContributionPpm),
      detail: `${frenchPercent(settings.hostContributionPpm)} de ${baseText}, arrondi au centime`,
    },
  ];
  // A credit note's paid part leaves the pot when the money is given back (issue 15): only then, and once.
  if (refundsNetCents.length > 0) {
    terms.splice(1, 0, {
      kind: 'refunds',
      label: 'Remboursements aux clients (HT)',
      cents: -refunds,
      detail: plural(refundsNetCents.length, 'remboursement sur la période', 'remboursements sur la période'),
    });
  }

  // docs/domain-rules.md §5.2 "activity costs": what the host really bears. Under the franchise it cannot
  // recover VAT, so an expense costs its amount incl. VAT; otherwise the VAT is recovered and only
  // the net counts.
  const expenses = sumOf(input.expenses.map((e) => (input.hostVatFranchise ? e.netCents + e.vatCents : e.netCents)));
  terms.push({
    kind: 'expenses',
    label: 'Notes de frais approuvées',
    cents: -expenses,
    detail: `${plural(input.expenses.length, 'note de frais', 'notes de frais')}, ${
      input.hostVatFranchise ? 'TTC : la structure hébergeuse, en franchise de TVA, ne récupère pas la TVA' : 'HT : la structure hébergeuse récupère la TVA'
    }`,
  });

  if (settings.reserveRatePpm > 0n) {
    terms.push({
      kind: 'reserve_rate',
      label: settings.reserveRateLabel,
      cents: -rateOf(base, settings.reserveRatePpm),
      detail: `${frenchPercent(settings.reserveRatePpm)} de ${baseText}, arrondi au centime`,
    });
  }
  const month = monthPeriodOf(input.period.startsOn);
  const wholeMonth = input.period.startsOn === month.startsOn && input.period.endsOn === month.endsOn;
  for (const reserve of settings.fixedReserves) {
    const cents = monthlyAmountForPeriod(reserve.monthlyCents, input.period);
    const days = daysBetween(input.period.startsOn, input.period.endsOn) + 1;
    const monthDays = daysBetween(month.startsOn, month.endsOn) + 1;
    terms.push({
      kind: 'reserve_fixed',
      label: reserve.label,
      cents: -cents,
      detail: wholeMonth ? `Montant mensuel fixe de ${frenchEuros(reserve.monthlyCents)}` : `${frenchEuros(reserve.monthlyCents)} par mois × ${days} jours sur ${monthDays}`,
    });
  }

  terms.push({
    kind: 'carry_over',
    label: 'Report de la période précédente',
    cents: input.carryOverCents,
    detail:
      input.carryOverCents < 0n
        ? 'Déficit de la période précédente'
        : input.carryOverCents > 0n
          ? 'Reliquat non distribué ou corrections de la période précédente'
          : 'Rien à reporter',
  });

  const potCents = sumOf(terms.map((t) => t.cents));
  return { terms, potCents, distributableCents: potCents > 0n ? potCents : 0n, deficitCents: potCents < 0n ? potCents : 0n, baseCents: base };
}

/** What the next period inherits: this period's deficit (< 0) plus what its distribution left undistributed (caps, no basis). */
export function carryOverToNext(pot: Pot, undistributedCents: bigint): bigint {
  if (undistributedCents < 0n || undistributedCents > pot.distributableCents)
    throw new RangeError(`Undistributed ${undistributedCents} is not within 0…${pot.distributableCents}.`);
  return pot.deficitCents + undistributedCents;
}

/** The API form of the pot. */
export function formatPot(pot: Pot): {
  terms: { kind: PotTermKind; label: string; amount: string; detail: string }[];
  pot: string;
  distributable: string;
  deficit: string;
  base: string;
} {
  return {
    terms: pot.terms.map((t) => ({ kind: t.kind, label: t.label, amount: formatMoney(t.cents), detail: t.detail })),
    pot: formatMoney(pot.potCents),
    distributable: formatMoney(pot.distributableCents),
    deficit: formatMoney(pot.deficitCents),
    base: formatMoney(pot.baseCents),
  };
}
