import { computeTotals, CreditNoteTotals, DomainError, formatCents, invalidField, InvoiceStatus, VAT_FRANCHISE_NOTE } from '@kpa/contracts';
import { assertIssued, fromRateAmounts, InvoiceLineData, RateAmount, sumRates } from './invoice';
import { Balance, outstandingCents, remainingNetCents, statusOf } from './invoice-payments';

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
}

function exceeds(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CREDIT_EXCEEDS_INVOICE', message, details);
}

/**
 * A credit note (avoir, docs/domain-rules.md §1.3): `full` cancels what remains of an unpaid invoice exactly
 * (its remaining base and VAT at each rate, so the invoice ends at 0.00); otherwise `lines` credit
 * part of it, each VAT group within what remains at that rate, the whole within what is left to pay.
 * A paid part is not credited here (that would be a refund).
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
  const outstanding = outstandingCents(state.balance);
  if (outstanding === 0) throw exceeds(`Nothing is left to credit on this invoice (it is ${state.status}).`, { outstanding: '0.00' });

  const remaining = creditableRates(state.rates, state.depositRates, state.creditedRates);
  let lines: InvoiceLineData[];
  let rates: RateAmount[];
  if (full) {
    if (state.balance.paidCents > 0) {
      throw exceeds(`Part of this invoice is paid: a credit note cancels only what is unpaid (${formatCents(outstanding)}). Credit lines for that part.`, {
        outstanding: formatCents(outstanding),
      });
    }
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
  if (totalCents > outstanding) {
    throw exceeds(`This credit note (${formatCents(totalCents)}) exceeds what is left of the invoice (${formatCents(outstanding)}).`, { outstanding: formatCents(outstanding) });
  }
  if (netCents > remainingNetCents(state.balance)) {
    throw exceeds(`This credit note cancels ${formatCents(netCents)} excluding VAT, more than the invoice's unsettled net (${formatCents(remainingNetCents(state.balance))}).`, {
      remainingNet: formatCents(remainingNetCents(state.balance)),
    });
  }
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
  };
}
