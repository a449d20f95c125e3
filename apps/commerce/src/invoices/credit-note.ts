import { computeTotals, CreditNoteTotals, DomainError, formatCents, invalidField, InvoiceStatus, VAT_FRANCHISE_NOTE, vatCents as vatOfBase } from '@kpa/contracts';
import { assertIssued, fromRateAmounts, InvoiceLineData, RateAmount, sumRates } from './invoice';
import { Balance, creditableCents, creditableNetCents, owedCents, owedNetCents, refundDueCents, refundDueNetCents, statusOf } from './invoice-payments';

/** Credit notes (avoirs) against an issued invoice: pure rules. */

/** What is left to credit at each VAT rate: the invoice's groups − its deposits − earlier credit notes. */
export function creditableRates(invoice: readonly RateAmount[], deposits: readonly RateAmount[], credited: readonly RateAmount[]): RateAmount[] {
  const minus = sumRates(deposits, credited);
  return invoice.map((group) => {
    const taken = minus.find((g) => g.rate === group.rate);
    return { ...group, baseCents: group.baseCents - (taken?.baseCents ?? 0), vatCents: group.vatCents - (taken?.vatCents ?? 0) };
  });
}

export interface CreditState {
  status: InvoiceStatus;
  number: string | null;
  vatFranchise: boolean;
  lines: readonly InvoiceLineData[];
  balance: Balance;
  /** The invoice's VAT groups, its deposits' and its earlier credit notes'. */
  rates: readonly RateAmount[];
  depositRates: readonly RateAmount[];
  creditedRates: readonly RateAmount[];
  /** A deposit invoice already deducted by a final invoice. */
  deductedByNumber: string | null;
}

export interface CreditPlan {
  full: boolean;
  lines: InvoiceLineData[];
  rates: RateAmount[];
  totals: CreditNoteTotals;
  netCents: number;
  vatCents: number;
  totalCents: number;
  balance: Balance;
  status: Exclude<InvoiceStatus, 'draft'>;
  /**
   * The part of this credit note that cancels money already paid: it becomes due back to the client
   * (a refund to record), and the part of the net it carries. 0 when it cancels only what was unpaid.
   */
  refundDueCents: number;
  refundDueNetCents: number;
}

function exceeds(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CREDIT_EXCEEDS_INVOICE', message, details);
}

/**
 * A credit note (avoir, docs/domain-rules.md §1.3): `full` cancels all that remains of the invoice
 * exactly (its remaining base and VAT at each rate, so nothing is left to credit); otherwise `lines`
 * credit part of it, each VAT group within what remains at that rate, the whole within what is not
 * credited yet. It cancels the unpaid part first; what it cancels beyond (a paid part: a refund, a
 * commercial gesture after payment) becomes due back to the client, settled by recording a refund.
 * Its net and VAT are both within what is left to pay, or both beyond it (keepsNetWithAmount), so
 * the net left to pay or due back always matches the amount.
 */
export function planCreditNote(state: CreditState, input: { full?: unknown; lines: InvoiceLineData[] | null }, reasonLabel: string): CreditPlan {
  assertIssued(state.status);
  if (state.deductedByNumber !== null) {
    throw new DomainError('DEPOSIT_ALREADY_DEDUCTED', `This deposit invoice is deducted by the final invoice ${state.deductedByNumber}: credit the final invoice instead.`, {
      deductedBy: state.deductedByNumber,
    });
  }
  if (input.full !== undefined && typeof input.full !== 'boolean') throw invalidField('full', 'full must be true or false.');
  const full = input.full === true;
  if (full && input.lines !== null) throw invalidField('lines', 'Send either full: true or lines, not both.');
  if (!full && input.lines === null)
    throw invalidField('lines', 'Say what the credit note cancels: lines [{description, quantity, unit, unitPrice, vatRate}], or full: true for all that remains.');
  const creditable = creditableCents(state.balance);
  if (creditable <= 0)
    throw exceeds(`Nothing is left to credit on this invoice: earlier credit notes${state.balance.depositsCents > 0 ? ' and its deposits' : ''} cancel all of it.`, {
      creditable: '0.00',
    });

  const remaining = creditableRates(state.rates, state.depositRates, state.creditedRates);
  let lines: InvoiceLineData[];
  let rates: RateAmount[];
  if (full) {
    const untouched = state.depositRates.length === 0 && state.creditedRates.length === 0;
    rates = remaining.filter((g) => g.baseCents > 0 || g.vatCents > 0);
    lines = untouched
      ? [...state.lines]
      : rates.map((g) => ({
          description: `${reasonLabel}${rates.length > 1 ? ` (part à ${g.rate.replace('.', ',')} %)` : ''}`,
          quantity: '1',
          unit: 'flat_rate' as const,
          unitPrice: formatCents(g.baseCents),
          vatRate: g.rate,
          exemptionReason: g.exemptionReason,
          catalogueItemId: null,
          // Goods when every line credited at that rate supplied goods (the nature of the operation).
          nature:
            state.lines.some((l) => l.vatRate === g.rate) && state.lines.filter((l) => l.vatRate === g.rate).every((l) => l.nature === 'goods')
              ? ('goods' as const)
              : ('service' as const),
        }));
  } else {
    lines = input.lines as InvoiceLineData[];
    const computed = computeTotals(lines, { vatFranchise: state.vatFranchise });
    rates = computed.vatBreakdown.map((g) => {
      const left = remaining.find((r) => r.rate === g.rate);
      if (!left || g.baseCents > left.baseCents) {
        throw exceeds(
          `At VAT rate ${g.rate} % this credit note cancels ${formatCents(g.baseCents)} excluding VAT, but only ${formatCents(Math.max(0, left?.baseCents ?? 0))} of the invoice remains creditable at that rate.`,
          {
            rate: g.rate,
            creditable: formatCents(Math.max(0, left?.baseCents ?? 0)),
          },
        );
      }
      // Closing a rate cancels its VAT exactly; otherwise the credit's own VAT, never more than remains
      // (rounding per document may differ by a cent: within EN 16931's BT-117 tolerance).
      const vatCents = g.baseCents === left.baseCents ? left.vatCents : Math.min(g.vatCents, left.vatCents);
      return { category: g.category, rate: g.rate, exemptionReason: g.exemptionReason, baseCents: g.baseCents, vatCents };
    });
  }
  const netCents = rates.reduce((sum, g) => sum + g.baseCents, 0);
  const vatCents = rates.reduce((sum, g) => sum + g.vatCents, 0);
  const totalCents = netCents + vatCents;
  if (totalCents <= 0) throw invalidField('lines', 'A credit note must cancel an amount above 0.00.');
  if (totalCents > creditable) {
    throw exceeds(`This credit note (${formatCents(totalCents)}) exceeds what is left to credit on the invoice (${formatCents(creditable)}).`, {
      creditable: formatCents(creditable),
    });
  }
  const creditableNet = creditableNetCents(state.balance);
  if (netCents > creditableNet) {
    throw exceeds(`This credit note cancels ${formatCents(netCents)} excluding VAT, more than the invoice's net left to credit (${formatCents(creditableNet)}).`, {
      creditable: formatCents(creditable),
      creditableNet: formatCents(creditableNet),
    });
  }
  assertKeepsNetWithAmount(state, remaining, rates, netCents, vatCents);
  const balance = { ...state.balance, creditedCents: state.balance.creditedCents + totalCents, creditedNetCents: state.balance.creditedNetCents + netCents };
  return {
    full,
    lines,
    rates,
    totals: {
      net: formatCents(netCents),
      vat: formatCents(vatCents),
      total: formatCents(totalCents),
      vatBreakdown: fromRateAmounts(rates),
      vatFranchise: state.vatFranchise,
      vatExemptionNote: state.vatFranchise ? VAT_FRANCHISE_NOTE : null,
    },
    netCents,
    vatCents,
    totalCents,
    balance,
    status: statusOf(balance),
    refundDueCents: refundDueCents(balance) - refundDueCents(state.balance),
    refundDueNetCents: refundDueNetCents(balance) - refundDueNetCents(state.balance),
  };
}

/**
 * Whether a credit note of `netCents` + `vatCents` leaves the invoice's net consistent with its
 * amount. Payments are split between net and VAT in proportion to what was left to pay when they
 * were received (BOFiP: a partial payment of a multi-rate invoice pays each rate in proportion), so
 * what is left to pay has a net `owedNet` and a VAT `owedVat` of its own. A credit note that cancels
 * more net than is left to pay but less VAT (or the reverse) would leave the client owing an amount
 * while the seller owes net back: the invoice's net and amount would disagree. It is accepted when
 * its net and its VAT are both within what is left to pay (it cancels part of the unpaid part), or
 * both beyond it (it cancels all the unpaid part, and the excess, net and VAT, is due back).
 */
export function keepsNetWithAmount(balance: Balance, netCents: number, vatCents: number): boolean {
  const owedNet = owedNetCents(balance);
  const owedVat = owedCents(balance) - owedNet;
  return (netCents <= owedNet && vatCents <= owedVat) || (netCents >= owedNet && vatCents >= owedVat);
}

/**
 * The bases a credit note at `group`'s rate alone may cancel: up to `upTo` (within what is left to
 * pay), and from `from` to `to` (all the unpaid part and beyond: the excess is due back), or null
 * when no base at that rate reaches beyond.
 */
export function creditableBasesAtRate(balance: Balance, left: RateAmount, vatFranchise: boolean): { upTo: number; beyond: { from: number; to: number } | null } {
  const owedNet = owedNetCents(balance);
  const owedVat = owedCents(balance) - owedNet;
  // The VAT a credit of `base` at that rate carries, as planCreditNote computes it.
  const vatOf = (base: number) => (base === left.baseCents ? left.vatCents : Math.min(vatFranchise ? 0 : Number(vatOfBase(BigInt(base), left.rate)), left.vatCents));
  const within = (base: number) => base <= owedNet && vatOf(base) <= owedVat;
  const beyond = (base: number) => base >= owedNet && vatOf(base) >= owedVat;
  const max = Math.max(0, left.baseCents);
  // Both are monotonic in the base (the VAT never decreases as the base grows): bisect. `within`
  // fails at 0 only when money is due back already, and then every credit is beyond.
  let lo = 0;
  let hi = within(0) ? max : 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (within(mid)) lo = mid;
    else hi = mid - 1;
  }
  const upTo = lo;
  if (!beyond(max)) return { upTo, beyond: null };
  lo = 0;
  hi = max;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (beyond(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { upTo, beyond: { from: lo, to: max } };
}

function assertKeepsNetWithAmount(state: CreditState, remaining: readonly RateAmount[], rates: readonly RateAmount[], netCents: number, vatCents: number): void {
  if (keepsNetWithAmount(state.balance, netCents, vatCents)) return;
  const owedNet = owedNetCents(state.balance);
  const owedVat = owedCents(state.balance) - owedNet;
  const bounds = rates.map((g) => {
    const left = remaining.find((r) => r.rate === g.rate) as RateAmount;
    return { rate: g.rate, ...creditableBasesAtRate(state.balance, left, state.vatFranchise) };
  });
  const atRates = bounds
    .map(
      (b) =>
        `at VAT rate ${b.rate} % credit at most ${formatCents(b.upTo)} excluding VAT` +
        (b.beyond === null
          ? ''
          : `, or from ${formatCents(b.beyond.from)} to ${formatCents(b.beyond.to)} (all that is left to pay and beyond: the excess is due back to the client)`),
    )
    .join('; ');
  throw exceeds(
    `This credit note cancels ${formatCents(netCents)} excluding VAT and ${formatCents(vatCents)} of VAT, but what is left to pay on the invoice is ${formatCents(owedNet)} excluding VAT and ${formatCents(owedVat)} of VAT (payments pay each VAT rate in proportion): it would cancel more of one and less of the other, and the net left to pay would no longer match the amount. Alone, ${atRates}; or cancel all that remains with full: true.`,
    { rate: bounds[0].rate, creditable: formatCents(bounds[0].upTo), owedNet: formatCents(owedNet), owedVat: formatCents(owedVat) },
  );
}
