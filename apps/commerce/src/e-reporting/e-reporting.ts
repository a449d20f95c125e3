import {
  ClientKind,
  compareDates,
  EReportingPaymentRate,
  EReportingPeriod,
  EReportingTransactionRate,
  formatCents,
  InvoiceKind,
  OperationCategory,
  parseCents,
  QuoteVatBreakdown,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { splitProportionally } from '../invoices/invoice-deposits';
import { DateRange } from './e-reporting-period';

/**
 * B2C e-reporting figures (the reform's rules and the choices made: docs/e-reporting.md): pure rules, integer cents.
 *
 * - Transaction data: per (VAT category, rate), the bases and VAT of the B2C invoices ISSUED in the
 *   period, less the credit notes issued in it. A deposit invoice counts when issued; the final
 *   invoice counts without the deposits it deducts (their bases and VAT per rate), so nothing is
 *   counted twice. Every figure is a sum of the documents' own frozen per-rate amounts: no rounding.
 * - Payment data (services, VAT on receipts): per rate, the money received less the money refunded.
 *   Each payment is split over the invoice's (rate, base) and (rate, VAT) amounts still awaited, in
 *   proportion (largest remainder, to the cent; see allocateMovements): the payments of a fully paid
 *   invoice add up, rate by rate, to exactly the base and VAT it states, whatever the instalments.
 */

/** One VAT group in cents. */
export interface RateAmounts {
  category: 'S' | 'E';
  rate: VatRate;
  exemptionReason: string | null;
  baseCents: number;
  vatCents: number;
}

/** The buyer as the invoice froze it at issue. */
export interface ReportedBuyer {
  kind: ClientKind;
  vatNumber: string | null;
}

/**
 * B2C for the reform: individuals, and legal persons not identified for VAT — an association with no
 * VAT number (the reform: "non-VAT-registered legal persons such as many associations"). A company is
 * taken as a business even without a VAT number (a micro-enterprise under the franchise is still a
 * taxable person: B2B, e-invoiced); a public body is B2G (Chorus Pro).
 */
export function isB2c(buyer: ReportedBuyer): boolean {
  if (buyer.kind === 'individual') return true;
  return buyer.kind === 'association' && (buyer.vatNumber === null || buyer.vatNumber.trim() === '');
}

export interface ReportedInvoice {
  id: string;
  kind: InvoiceKind;
  issuedOn: string;
  operationCategory: OperationCategory;
  /** The invoice's VAT breakdown (all its lines). */
  breakdown: RateAmounts[];
  /** Final invoices: Σ of the deducted deposit invoices' VAT groups (empty otherwise). */
  deducted: RateAmounts[];
}

export interface ReportedCreditNote {
  invoiceId: string;
  issuedOn: string;
  breakdown: RateAmounts[];
}

/** A payment (positive) or a refund (negative), in the order they happened. */
export interface ReportedMovement {
  invoiceId: string;
  on: string;
  amountCents: number;
}

/** A frozen VAT breakdown (decimal strings) in cents. */
export function rateAmounts(breakdown: readonly QuoteVatBreakdown[]): RateAmounts[] {
  return breakdown.map((group) => {
    const base = parseSigned(group.base);
    const vat = parseSigned(group.vat);
    return { category: group.category, rate: group.rate, exemptionReason: group.exemptionReason, baseCents: base, vatCents: vat };
  });
}

function parseSigned(value: string): number {
  const negative = value.trim().startsWith('-');
  const cents = parseCents(negative ? value.trim().slice(1) : value);
  if (cents === undefined) throw new RangeError(`Not an amount: ${value}`);
  return negative ? -cents : cents;
}

const keyOf = (group: { category: string; rate: string }) => `${group.category}|${group.rate}`;

/** Groups added (sign +1) or taken away (−1), by (category, rate), in the order of VAT_RATES then S before E. */
function combine(parts: { groups: readonly RateAmounts[]; sign: 1 | -1 }[]): RateAmounts[] {
  const byKey = new Map<string, RateAmounts>();
  for (const { groups, sign } of parts) {
    for (const group of groups) {
      const key = keyOf(group);
      const sum = byKey.get(key) ?? { category: group.category, rate: group.rate, exemptionReason: group.exemptionReason, baseCents: 0, vatCents: 0 };
      sum.baseCents += sign * group.baseCents;
      sum.vatCents += sign * group.vatCents;
      byKey.set(key, sum);
    }
  }
  return ordered([...byKey.values()]);
}

function ordered<T extends { category: string; rate: VatRate }>(groups: T[]): T[] {
  const rank = (g: T) => VAT_RATES.indexOf(g.rate) * 2 + (g.category === 'S' ? 0 : 1);
  return groups.sort((a, b) => rank(a) - rank(b));
}

/** What an invoice itself charges at each rate: its breakdown, less the deposits a final invoice deducts. */
export function chargedAmounts(invoice: Pick<ReportedInvoice, 'breakdown' | 'deducted'>): RateAmounts[] {
  return combine([
    { groups: invoice.breakdown, sign: 1 },
    { groups: invoice.deducted, sign: -1 },
  ]);
}

const within = (date: string, period: DateRange) => compareDates(period.from, date) <= 0 && compareDates(date, period.to) <= 0;

interface TransactionSums {
  invoiced: RateAmounts[];
  credited: RateAmounts[];
}

/** Transaction data of one period (the documents given are B2C ones; others in the period are ignored by date). */
export function transactionData(period: DateRange, invoices: readonly ReportedInvoice[], creditNotes: readonly ReportedCreditNote[]): EReportingPeriod['transactions'] {
  const issued = invoices.filter((invoice) => within(invoice.issuedOn, period));
  const credits = creditNotes.filter((note) => within(note.issuedOn, period));
  const sums: TransactionSums = {
    invoiced: combine(issued.map((invoice) => ({ groups: chargedAmounts(invoice), sign: 1 as const }))),
    credited: combine(credits.map((note) => ({ groups: note.breakdown, sign: 1 as const }))),
  };
  const keys = ordered(combine([...sums.invoiced, ...sums.credited].map((g) => ({ groups: [g], sign: 1 as const }))));
  const zero = { baseCents: 0, vatCents: 0 };
  let base = 0;
  let vat = 0;
  const rates: EReportingTransactionRate[] = keys.map((key) => {
    const invoiced = sums.invoiced.find((g) => keyOf(g) === keyOf(key)) ?? zero;
    const credited = sums.credited.find((g) => keyOf(g) === keyOf(key)) ?? zero;
    const netBase = invoiced.baseCents - credited.baseCents;
    const netVat = invoiced.vatCents - credited.vatCents;
    base += netBase;
    vat += netVat;
    return {
      category: key.category,
      rate: key.rate,
      exemptionReason: key.exemptionReason,
      invoicedBase: formatCents(invoiced.baseCents),
      invoicedVat: formatCents(invoiced.vatCents),
      creditedBase: formatCents(credited.baseCents),
      creditedVat: formatCents(credited.vatCents),
      base: formatCents(netBase),
      vat: formatCents(netVat),
      total: formatCents(netBase + netVat),
    };
  });
  return { rates, invoiceCount: issued.length, creditNoteCount: credits.length, base: formatCents(base), vat: formatCents(vat), total: formatCents(base + vat) };
}

/** One movement's share at one rate. */
export interface AllocatedMovement {
  invoiceId: string;
  on: string;
  amountCents: number;
  groups: RateAmounts[];
}

/**
 * Splits every movement of an invoice over what it charges per rate, base and VAT as separate
 * weights (largest remainder, exact cents). A payment is split over what each part still awaits, so
 * no share is ever negative and the payments of a fully paid invoice add up to exactly its base and
 * VAT per rate, whatever the instalments; a refund is split over what each part has received. Money
 * beyond what is due (or refunds beyond what was received) follows the invoice's own proportions.
 * `movements` are this invoice's, in the order they happened.
 */
export function allocateMovements(charged: readonly RateAmounts[], movements: readonly ReportedMovement[]): AllocatedMovement[] {
  const weights = charged.flatMap((group) => [Math.max(0, group.baseCents), Math.max(0, group.vatCents)]);
  // An invoice charging nothing has nothing to pay; should money still come, it goes to its first group's base.
  if (weights.length > 0 && weights.every((w): boolean => w === 0)) weights[0] = 1;
  const awaited = [...weights];
  const got = weights.map(() => 0);
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const split = (amount: number, over: readonly number[]): number[] => (amount === 0 || sum(over) <= 0 ? over.map(() => 0) : splitProportionally(amount, over));
  /** `amount` over `pool` while it lasts, the rest over the invoice's proportions. */
  const spread = (amount: number, pool: readonly number[]): number[] => {
    const fromPool = Math.min(amount, sum(pool));
    const within = fromPool === sum(pool) ? [...pool] : split(fromPool, pool);
    const beyond = split(amount - fromPool, weights);
    return within.map((share, index) => share + beyond[index]);
  };
  return movements.map((movement) => {
    const shares = weights.length === 0 ? [] : movement.amountCents >= 0 ? spread(movement.amountCents, awaited) : spread(-movement.amountCents, got).map((s) => -s);
    shares.forEach((share, index) => {
      awaited[index] = Math.max(0, awaited[index] - share);
      got[index] += share;
    });
    const groups = charged.map((group, index) => ({ ...group, baseCents: shares[index * 2] ?? 0, vatCents: shares[index * 2 + 1] ?? 0 }));
    return { invoiceId: movement.invoiceId, on: movement.on, amountCents: movement.amountCents, groups };
  });
}

/**
 * Payment data of one period: the movements of services invoices (services or mixed; goods-only
 * invoices owe VAT at delivery, not on receipt) dated in the period, allocated per rate.
 * `movements` must hold every movement of those invoices up to the period's end (earlier ones too:
 * they decide what is still awaited per rate), in the order they happened.
 */
export function paymentData(period: DateRange, invoices: readonly ReportedInvoice[], movements: readonly ReportedMovement[]): EReportingPeriod['payments'] {
  const received = new Map<string, { key: RateAmounts; received: number; refunded: number; base: number; vat: number }>();
  let paymentCount = 0;
  let refundCount = 0;
  for (const invoice of invoices) {
    if (invoice.operationCategory === 'goods') continue;
    const own = movements.filter((m) => m.invoiceId === invoice.id && compareDates(m.on, period.to) <= 0);
    for (const movement of allocateMovements(chargedAmounts(invoice), own)) {
      if (!within(movement.on, period)) continue;
      if (movement.amountCents >= 0) paymentCount += 1;
      else refundCount += 1;
      for (const group of movement.groups) {
        const amount = group.baseCents + group.vatCents;
        const sum = received.get(keyOf(group)) ?? { key: group, received: 0, refunded: 0, base: 0, vat: 0 };
        if (movement.amountCents >= 0) sum.received += amount;
        else sum.refunded -= amount;
        sum.base += group.baseCents;
        sum.vat += group.vatCents;
        received.set(keyOf(group), sum);
      }
    }
  }
  const sums = ordered([...received.values()].map((s) => ({ ...s, category: s.key.category, rate: s.key.rate }))).filter((s) => s.received !== 0 || s.refunded !== 0);
  let amount = 0;
  let base = 0;
  let vat = 0;
  const rates: EReportingPaymentRate[] = sums.map((s) => {
    amount += s.base + s.vat;
    base += s.base;
    vat += s.vat;
    return {
      category: s.category,
      rate: s.rate,
      exemptionReason: s.key.exemptionReason,
      received: formatCents(s.received),
      refunded: formatCents(s.refunded),
      amount: formatCents(s.base + s.vat),
      base: formatCents(s.base),
      vat: formatCents(s.vat),
    };
  });
  return { rates, paymentCount, refundCount, amount: formatCents(amount), base: formatCents(base), vat: formatCents(vat) };
}

/** Both data sets, period by period. */
export function eReportingPeriods(
  periods: readonly DateRange[],
  documents: { invoices: readonly ReportedInvoice[]; creditNotes: readonly ReportedCreditNote[]; movements: readonly ReportedMovement[] },
): EReportingPeriod[] {
  return periods.map((period) => ({
    from: period.from,
    to: period.to,
    transactions: transactionData(period, documents.invoices, documents.creditNotes),
    payments: paymentData(period, documents.invoices, documents.movements),
  }));
}
