import {
  DomainError,
  formatCents,
  invalidField,
  InvoiceDeposit,
  InvoiceKind,
  InvoiceStatus,
  InvoiceTotals,
  isAbsent,
  LINE_NATURES,
  LineNature,
  lineNetCents,
  parseCents,
  parseQuantity,
  parseUnitPrice,
  QuoteVatBreakdown,
  roundHalfAwayFromZero,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { InvoiceLineData, noDeposits, sumRates, toRateAmounts } from './invoice';

/** Deposit invoices (factures d'acompte) and the final invoice that deducts them: pure rules. */

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Hundredths of a percent: "30" → 3000, "12.5" → 1250. */
function percentHundredths(value: unknown): number {
  if (typeof value !== 'string' || !PERCENT.test(value.trim()))
    throw invalidField('depositPercent', 'depositPercent must be a percent written like "30" or "12.5" (at most 2 decimals).');
  const [, integer, fraction] = PERCENT.exec(value.trim()) as RegExpExecArray;
  const hundredths = Number(integer) * 100 + Number((fraction ?? '').padEnd(2, '0'));
  if (hundredths <= 0 || hundredths > 10000) throw invalidField('depositPercent', 'depositPercent must be above 0 and at most 100.');
  return hundredths;
}

/**
 * Splits `target` cents over `weights` proportionally with the largest-remainder method: every share
 * is exact cents and the shares sum to `target` exactly (ties go to the earlier weight).
 */
export function splitProportionally(target: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total <= 0n) throw new RangeError('Nothing to split over.');
  const t = BigInt(target);
  const floors = weights.map((w) => (t * BigInt(w)) / total);
  const remainders = weights.map((w, index) => ({ index, remainder: (t * BigInt(w)) % total }));
  let left = Number(t - floors.reduce((sum, f) => sum + f, 0n));
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const shares = floors.map(Number);
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}

interface QuoteGroup {
  rate: VatRate;
  nature: LineNature;
  exemptionReason: string | null;
  baseCents: number;
}

/**
 * The quote's net per VAT rate it states (whatever the seller's franchise: the deposit follows the
 * quote) and per nature, so that the deposit invoice's lines give it the quote's nature of the
 * operation (goods, services or mixed).
 */
function quoteGroups(lines: readonly InvoiceLineData[]): QuoteGroup[] {
  const groups = new Map<string, QuoteGroup>();
  lines.forEach((line, index) => {
    const net = Number(lineNetCents(parseQuantity(line.quantity, `lines[${index}].quantity`), parseUnitPrice(line.unitPrice, `lines[${index}].unitPrice`)));
    const nature = line.nature ?? 'service';
    const key = `${line.vatRate}|${nature}`;
    const group = groups.get(key) ?? { rate: line.vatRate, nature, exemptionReason: line.exemptionReason, baseCents: 0 };
    group.baseCents += net;
    groups.set(key, group);
  });
  return VAT_RATES.flatMap((rate) => LINE_NATURES.map((nature) => groups.get(`${rate}|${nature}`))).filter((g): g is QuoteGroup => g !== undefined && g.baseCents > 0);
}

const NATURE_PARTS: Record<LineNature, string> = { service: 'services', goods: 'biens' };

/**
 * The lines of a deposit invoice (facture d'acompte, CGI 289 I-1-c) for a percent or an amount
 * excluding VAT of a quote: one flat-rate line per VAT rate (and nature) of the quote, the deposit's
 * net split over them in proportion to the quote's net in each, exact to the cent (largest
 * remainder). For services VAT is due on payment, so the deposit invoice charges it (§1.3).
 */
export function depositLines(
  quote: { lines: readonly InvoiceLineData[]; number: string | null },
  request: { depositPercent?: unknown; depositAmount?: unknown },
): InvoiceLineData[] {
  const hasPercent = !isAbsent(request.depositPercent);
  const hasAmount = !isAbsent(request.depositAmount);
  if (hasPercent === hasAmount)
    throw invalidField('depositPercent', 'A deposit invoice from a quote needs either depositPercent ("30") or depositAmount excluding VAT ("500.00"), not both.');
  const groups = quoteGroups(quote.lines);
  const quoteNet = groups.reduce((sum, g) => sum + g.baseCents, 0);
  if (quoteNet <= 0) throw invalidField('fromQuoteId', 'The quote has no amount to take a deposit on.');
  let target: number;
  let label: string;
  const of = quote.number ? ` sur le devis ${quote.number}` : '';
  if (hasPercent) {
    const hundredths = percentHundredths(request.depositPercent);
    target = Number(roundHalfAwayFromZero(BigInt(quoteNet) * BigInt(hundredths), 10000n));
    const percent = `${Math.trunc(hundredths / 100)}${
      hundredths % 100
        ? `,${String(hundredths % 100)
            .padStart(2, '0')
            .replace(/0$/, '')}`
        : ''
    }`;
    label = `Acompte de ${percent} %${of}`;
  } else {
    const amount = parseCents(request.depositAmount);
    if (amount === undefined || amount <= 0) throw invalidField('depositAmount', 'depositAmount must be an amount excluding VAT above 0, written like "500.00".');
    if (amount > quoteNet) throw invalidField('depositAmount', `depositAmount (${formatCents(amount)}) exceeds the quote's net amount (${formatCents(quoteNet)}).`);
    target = amount;
    label = `Acompte${of}`;
  }
  if (target <= 0) throw invalidField('depositPercent', 'This deposit rounds to 0.00: ask for a larger percent.');
  const shares = splitProportionally(
    target,
    groups.map((g) => g.baseCents),
  );
  const severalRates = new Set(groups.map((g) => g.rate)).size > 1;
  const bothNatures = new Set(groups.map((g) => g.nature)).size > 1;
  return groups
    .map((group, index) => ({ group, share: shares[index] }))
    .filter(({ share }) => share > 0)
    .map(({ group, share }) => {
      const parts = [...(severalRates ? [`part à ${group.rate.replace('.', ',')} %`] : []), ...(bothNatures ? [NATURE_PARTS[group.nature]] : [])];
      return {
        description: parts.length > 0 ? `${label} (${parts.join(', ')})` : label,
        quantity: '1',
        unit: 'flat_rate' as const,
        unitPrice: formatCents(share),
        vatRate: group.rate,
        exemptionReason: group.exemptionReason,
        catalogueItemId: null,
        nature: group.nature,
      };
    });
}

/** A deposit invoice as a final invoice sees it. */
export interface DepositCandidate {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  clientId: string;
  quoteId: string | null;
  number: string | null;
  issuedOn: string | null;
  creditedCents: number;
  /** The final invoice that already deducts it (issued), if any. */
  deductedByInvoiceId: string | null;
  totals: InvoiceTotals;
}

/**
 * The deposit invoices a final invoice deducts (BOFiP: the final invoice references every deposit):
 * issued deposit invoices of the same client (and quote, when the final comes from one), never
 * credited, deducted by no other final invoice. Returns them frozen, in the order asked.
 */
export function checkDeposits(
  final: { id: string; clientId: string; quoteId: string | null },
  requestedIds: readonly string[],
  found: readonly DepositCandidate[],
): InvoiceDeposit[] {
  if (requestedIds.length === 0) throw noDeposits();
  return requestedIds.map((id) => {
    const deposit = found.find((d) => d.id === id);
    const refuse = (why: string) => new DomainError('DEPOSIT_INVOICE_INVALID', `depositInvoiceIds: ${id} ${why}.`, { field: 'depositInvoiceIds', invoiceId: id });
    if (!deposit || deposit.id === final.id) throw refuse('is not an invoice of this site');
    if (deposit.kind !== 'deposit') throw refuse('is not a deposit invoice');
    if (deposit.status === 'draft' || deposit.number === null || deposit.issuedOn === null) throw refuse('is still a draft: issue the deposit invoice first');
    if (deposit.status === 'cancelled' || deposit.creditedCents > 0) throw refuse('was credited: a credited deposit cannot be deducted');
    if (deposit.clientId !== final.clientId) throw refuse('is for another client');
    if (final.quoteId !== null && deposit.quoteId !== final.quoteId) throw refuse('comes from another quote');
    if (deposit.deductedByInvoiceId !== null && deposit.deductedByInvoiceId !== final.id) {
      throw new DomainError('DEPOSIT_ALREADY_DEDUCTED', `The deposit invoice ${deposit.number} is already deducted by another final invoice.`, {
        field: 'depositInvoiceIds',
        invoiceId: id,
        deductedByInvoiceId: deposit.deductedByInvoiceId,
      });
    }
    return {
      invoiceId: deposit.id,
      number: deposit.number,
      issuedOn: deposit.issuedOn,
      net: deposit.totals.net,
      vat: deposit.totals.vat,
      total: deposit.totals.total,
      vatBreakdown: deposit.totals.vatBreakdown,
    };
  });
}

/** Deposits are deducted rate by rate: a final invoice must carry at least their base at each rate. */
export function checkDepositsFit(finalBreakdown: readonly QuoteVatBreakdown[], deposits: readonly InvoiceDeposit[]): void {
  const finalRates = toRateAmounts(finalBreakdown);
  for (const group of sumRates(...deposits.map((d) => toRateAmounts(d.vatBreakdown)))) {
    const own = finalRates.find((g) => g.rate === group.rate);
    if (!own || own.baseCents < group.baseCents) {
      throw new DomainError(
        'DEPOSIT_INVOICE_INVALID',
        `The deposits at VAT rate ${group.rate} % (${formatCents(group.baseCents)} excluding VAT) exceed what this final invoice charges at that rate (${formatCents(own?.baseCents ?? 0)}): check its lines or its deposits.`,
        { field: 'depositInvoiceIds', rate: group.rate },
      );
    }
  }
}
