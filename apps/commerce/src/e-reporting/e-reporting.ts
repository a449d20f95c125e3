import {
  ClientKind,
  compareDates,
  EReportingPaymentRate,
  EReportingPayments,
  EReportingPeriod,
  EReportingTransactionRate,
  formatCents,
  InvoiceKind,
  LINE_NATURES,
  LineNature,
  lineNetCents,
  parseCents,
  parseQuantity,
  parseUnitPrice,
  QuoteVatBreakdown,
  ServicesVatDue,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { splitProportionally } from '../invoices/invoice-deposits';
import { DateRange } from './e-reporting-period';

/**
 * B2C e-reporting figures (the reform's rules and the choices made: docs/e-reporting.md): pure rules, integer cents.
 *
 * Every document's VAT groups are first split by the nature of its lines (byNature): goods and
 * services are reported apart, and only services have payment data.
 * - Transaction data: per (VAT category, rate, nature), the bases and VAT of the B2C invoices ISSUED
 *   in the period, less the credit notes issued in it. A deposit invoice counts when issued; the final
 *   invoice counts without the deposits it deducts (their bases and VAT per rate and nature), so
 *   nothing is counted twice. Every figure is a sum of the documents' own frozen amounts.
 * - Payment data (services, VAT on receipts; none under the option for debits): per rate, the
 *   services share of the money received less the money refunded. Each payment is split over the
 *   invoice's (rate, nature) bases and VATs still awaited, in proportion (largest remainder, to the
 *   cent; see allocateMovements): the payments of a fully paid invoice add up, part by part, to
 *   exactly what it charges, whatever the instalments; the goods parts are then left out.
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

/** A VAT group's part of one nature. */
export interface NatureAmounts extends RateAmounts {
  nature: LineNature;
}

export interface ReportedInvoice {
  id: string;
  kind: InvoiceKind;
  issuedOn: string;
  /** The invoice's VAT breakdown (all its lines), by nature. */
  breakdown: NatureAmounts[];
  /** Final invoices: the deducted deposit invoices' VAT groups by nature (empty otherwise). */
  deducted: NatureAmounts[];
}

export interface ReportedCreditNote {
  invoiceId: string;
  issuedOn: string;
  breakdown: NatureAmounts[];
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

/** A line's net at the rate it is charged (rate 0 for every line under the VAT franchise), with its nature. */
export interface NatureNet {
  rate: VatRate;
  nature: LineNature;
  netCents: number;
}

/** The nets of a document's stored lines (a line without a nature is a service, as operationCategoryOf says). */
export function natureNets(lines: readonly { quantity: string; unitPrice: string; vatRate: VatRate; nature?: LineNature | null }[], vatFranchise: boolean): NatureNet[] {
  return lines.map((line, index) => ({
    rate: vatFranchise ? '0' : line.vatRate,
    nature: line.nature ?? 'service',
    netCents: Number(lineNetCents(parseQuantity(line.quantity, `lines[${index}].quantity`), parseUnitPrice(line.unitPrice, `lines[${index}].unitPrice`, true))),
  }));
}

/**
 * A document's VAT groups split by the nature of its lines: at each rate, the base and the VAT are
 * split in proportion to the nets of the goods lines and of the service lines at that rate (largest
 * remainder, exact cents), so the parts add up to the group exactly. Since a group's base is the sum
 * of its lines' nets, its base parts are exactly those nets; the VAT, rounded once per rate, is what
 * needs the split. A nature whose lines add up to nothing or less (a discount line bigger than its
 * nature's lines) gets no part; a group with no line of either nature is a service (the default).
 */
export function byNature(breakdown: readonly RateAmounts[], nets: readonly NatureNet[]): NatureAmounts[] {
  return breakdown.flatMap((group) => {
    const weights = LINE_NATURES.map((nature) =>
      Math.max(
        0,
        nets.filter((n) => n.rate === group.rate && n.nature === nature).reduce((sum, n) => sum + n.netCents, 0),
      ),
    );
    if (weights.every((w) => w === 0)) return [{ ...group, nature: 'service' as const }];
    const split = (amount: number) =>
      amount === 0 ? weights.map(() => 0) : amount > 0 ? splitProportionally(amount, weights) : splitProportionally(-amount, weights).map((s) => -s);
    const bases = split(group.baseCents);
    const vats = split(group.vatCents);
    return LINE_NATURES.flatMap((nature, index) => (weights[index] > 0 ? [{ ...group, nature, baseCents: bases[index], vatCents: vats[index] }] : []));
  });
}

const keyOf = (group: { category: string; rate: string; nature: LineNature }) => `${group.category}|${group.rate}|${group.nature}`;

/** Groups added (sign +1) or taken away (−1), by (category, rate, nature), in the order of VAT_RATES, S before E, services before goods. */
function combine(parts: { groups: readonly NatureAmounts[]; sign: 1 | -1 }[]): NatureAmounts[] {
  const byKey = new Map<string, NatureAmounts>();
  for (const { groups, sign } of parts) {
    for (const group of groups) {
      const key = keyOf(group);
      const sum = byKey.get(key) ?? { ...group, baseCents: 0, vatCents: 0 };
      sum.baseCents += sign * group.baseCents;
      sum.vatCents += sign * group.vatCents;
      byKey.set(key, sum);
    }
  }
  return ordered([...byKey.values()]);
}

function ordered<T extends { category: string; rate: VatRate; nature: LineNature }>(groups: T[]): T[] {
  const rank = (g: T) => (VAT_RATES.indexOf(g.rate) * 2 + (g.category === 'S' ? 0 : 1)) * LINE_NATURES.length + LINE_NATURES.indexOf(g.nature);
  return groups.sort((a, b) => rank(a) - rank(b));
}

/** What an invoice itself charges at each rate and nature: its breakdown, less the deposits a final invoice deducts. */
export function chargedAmounts(invoice: Pick<ReportedInvoice, 'breakdown' | 'deducted'>): NatureAmounts[] {
  return combine([
    { groups: invoice.breakdown, sign: 1 },
    { groups: invoice.deducted, sign: -1 },
  ]);
}

const within = (date: string, period: DateRange) => compareDates(period.from, date) <= 0 && compareDates(date, period.to) <= 0;

interface TransactionSums {
  invoiced: NatureAmounts[];
  credited: NatureAmounts[];
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
      nature: key.nature,
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

/** One movement's share of each part of the invoice. */
export interface AllocatedMovement<T extends RateAmounts = RateAmounts> {
  invoiceId: string;
  on: string;
  amountCents: number;
  groups: T[];
}

/**
 * Splits every movement of an invoice over what it charges per rate, base and VAT as separate
 * weights (largest remainder, exact cents). A payment is split over what each part still awaits, so
 * no share is ever negative and the payments of a fully paid invoice add up to exactly its base and
 * VAT per rate, whatever the instalments; a refund is split over what each part has received. Money
 * beyond what is due (or refunds beyond what was received) follows the invoice's own proportions.
 * `movements` are this invoice's, in the order they happened.
 */
export function allocateMovements<T extends RateAmounts>(charged: readonly T[], movements: readonly ReportedMovement[]): AllocatedMovement<T>[] {
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
 * Payment data of one period: the services share of the movements dated in the period. Each movement
 * of an invoice is allocated over all it charges (goods parts too, so a payment on a mixed invoice
 * is split between goods and services in proportion), then only the services parts are reported:
 * goods owe VAT at delivery, not on receipt. An invoice with no services part is left out.
 * `movements` must hold every movement of those invoices up to the period's end (earlier ones too:
 * they decide what is still awaited per part), in the order they happened.
 */
export function paymentData(period: DateRange, invoices: readonly ReportedInvoice[], movements: readonly ReportedMovement[]): EReportingPayments {
  const received = new Map<string, { key: NatureAmounts; received: number; refunded: number; base: number; vat: number }>();
  let paymentCount = 0;
  let refundCount = 0;
  for (const invoice of invoices) {
    const charged = chargedAmounts(invoice);
    if (!charged.some((group) => group.nature === 'service')) continue;
    const own = movements.filter((m) => m.invoiceId === invoice.id && compareDates(m.on, period.to) <= 0);
    for (const movement of allocateMovements(charged, own)) {
      if (!within(movement.on, period)) continue;
      if (movement.amountCents >= 0) paymentCount += 1;
      else refundCount += 1;
      for (const group of movement.groups.filter((g) => g.nature === 'service')) {
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
  const sums = ordered([...received.values()].map((s) => ({ ...s, category: s.key.category, rate: s.key.rate, nature: s.key.nature }))).filter(
    (s) => s.received !== 0 || s.refunded !== 0,
  );
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

/** Why a host structure under the option for VAT on debits has no payment data (the JSON's `paymentsNote`). */
export const VAT_ON_DEBITS_PAYMENTS_NOTE =
  'The host structure opted to pay VAT on debits: VAT on its services is due when invoiced, as for goods, so no payment data is reported (only transaction data).';

/**
 * Both data sets, period by period; no payment data (null) when VAT on services is due on debits
 * (the host structure's option: its invoices print it).
 */
export function eReportingPeriods(
  periods: readonly DateRange[],
  documents: { invoices: readonly ReportedInvoice[]; creditNotes: readonly ReportedCreditNote[]; movements: readonly ReportedMovement[] },
  servicesVatDue: ServicesVatDue = 'receipts',
): EReportingPeriod[] {
  return periods.map((period) => ({
    from: period.from,
    to: period.to,
    transactions: transactionData(period, documents.invoices, documents.creditNotes),
    payments: servicesVatDue === 'debits' ? null : paymentData(period, documents.invoices, documents.movements),
  }));
}
