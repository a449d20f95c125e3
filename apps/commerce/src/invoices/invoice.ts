import {
  addDays,
  AGING_BUCKETS,
  AgingBucket,
  ClientKind,
  compareDates,
  CreditNoteTotals,
  daysBetween,
  DomainError,
  formatCents,
  invalidField,
  INVOICE_KINDS,
  InvoiceDeposit,
  InvoiceKind,
  InvoiceStatus,
  InvoiceTotals,
  isAbsent,
  isIsoDate,
  OPERATION_CATEGORIES,
  OperationCategory,
  optionalDate,
  optionalText,
  optionalUuid,
  parseCents,
  PAYMENT_METHODS,
  PaymentMethod,
  QuoteVatBreakdown,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { computeTotals, lineNetCents, parseQuantity, parseUnitPrice, roundHalfAwayFromZero, VAT_FRANCHISE_NOTE, VatCategory } from '../documents/amounts';
import { MAX_BUSINESS_TERM_DAYS, paymentTermDays } from '../documents/payment-terms';
import { QuoteLineData } from '../quotes/quote';

/**
 * The rules of invoices, credit notes and payments (DOMAIN-RULES §1): plain values in, values out,
 * no I/O. Money is integer cents (BigInt where a product could pass 2^53), never a float.
 */

/** An invoice line is a quote line: from a catalogue item or free, priced excluding VAT. */
export type InvoiceLineData = QuoteLineData;

/** The editable content of an invoice, checked. */
export interface InvoiceData {
  clientId: string;
  kind: InvoiceKind;
  lines: InvoiceLineData[];
  quoteId: string | null;
  missionId: string | null;
  depositInvoiceIds: string[];
  purchaseOrderNumber: string | null;
  commitmentNumber: string | null;
  paymentTermDays: number | null;
  deliveryStartsOn: string | null;
  deliveryEndsOn: string | null;
  supplyDate: string | null;
  operationCategory: OperationCategory;
  capeHolderMemberId: string | null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_DEPOSITS_PER_FINAL = 20;

// --- draft content ------------------------------------------------------------------------------

/**
 * An agreed payment term, checked against the client's kind: business clients at most 60 days after
 * issue (C. com. L441-10: 422 PAYMENT_TERM_TOO_LONG), public bodies 30 (CCP R2192-10), individuals
 * on receipt unless agreed. Null means "the default of the client's kind".
 */
export function agreedPaymentTerm(clientKind: ClientKind, days: unknown): number | null {
  if (days === undefined || days === null) return null;
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 0) throw invalidField('paymentTermDays', 'paymentTermDays must be a whole number of days, 0 or more.');
  if ((clientKind === 'company' || clientKind === 'association') && days > MAX_BUSINESS_TERM_DAYS) {
    throw new DomainError(
      'PAYMENT_TERM_TOO_LONG',
      `A business client may be granted at most ${MAX_BUSINESS_TERM_DAYS} days after the issue date (C. com. L441-10); ${days} days were asked.`,
      { field: 'paymentTermDays', max: MAX_BUSINESS_TERM_DAYS },
    );
  }
  try {
    paymentTermDays(clientKind, days);
  } catch (error) {
    // payment-terms names the field paymentTermsDays; the API's is paymentTermDays.
    if (error instanceof DomainError) throw invalidField('paymentTermDays', error.message.replace('paymentTermsDays', 'paymentTermDays'));
    throw error;
  }
  return days;
}

/** The fields of an invoice besides its lines (already resolved), checked against the client's kind. */
/** A draft's content as gathered from its source and the request, before the checks. */
export interface InvoiceDraftInput {
  clientId: string;
  kind: InvoiceKind;
  lines: InvoiceLineData[];
  quoteId?: unknown;
  missionId?: unknown;
  depositInvoiceIds?: unknown;
  purchaseOrderNumber?: unknown;
  commitmentNumber?: unknown;
  paymentTermDays?: unknown;
  deliveryStartsOn?: unknown;
  deliveryEndsOn?: unknown;
  supplyDate?: unknown;
  operationCategory?: unknown;
  capeHolderMemberId?: unknown;
}

export function checkInvoice(input: InvoiceDraftInput, clientKind: ClientKind): InvoiceData {
  if (!INVOICE_KINDS.includes(input.kind)) throw invalidField('kind', `kind must be one of ${INVOICE_KINDS.join(', ')}.`);
  const operationCategory = input.operationCategory ?? 'services';
  if (!OPERATION_CATEGORIES.includes(operationCategory as OperationCategory)) {
    throw invalidField('operationCategory', `operationCategory must be one of ${OPERATION_CATEGORIES.join(', ')} (CGI ann. II 242 nonies A: goods, services or both).`);
  }
  const deliveryStartsOn = optionalDate(input.deliveryStartsOn, 'deliveryStartsOn');
  const deliveryEndsOn = optionalDate(input.deliveryEndsOn, 'deliveryEndsOn');
  const supplyDate = optionalDate(input.supplyDate, 'supplyDate');
  if ((deliveryStartsOn === null) !== (deliveryEndsOn === null)) {
    throw invalidField(deliveryStartsOn === null ? 'deliveryStartsOn' : 'deliveryEndsOn', 'A supply period needs both deliveryStartsOn and deliveryEndsOn (or give a single supplyDate).');
  }
  if (deliveryStartsOn && deliveryEndsOn && compareDates(deliveryEndsOn, deliveryStartsOn) < 0) {
    throw invalidField('deliveryEndsOn', `deliveryEndsOn (${deliveryEndsOn}) must not be before deliveryStartsOn (${deliveryStartsOn}).`);
  }
  if (supplyDate && deliveryStartsOn) throw invalidField('supplyDate', 'Give either a supply period (deliveryStartsOn and deliveryEndsOn) or a single supplyDate, not both.');

  const commitmentNumber = optionalText(input.commitmentNumber, 'commitmentNumber', 50);
  if (commitmentNumber !== null && clientKind !== 'public_body') {
    throw invalidField('commitmentNumber', 'commitmentNumber (numéro d’engagement) is for public-body clients only: remove it, or use purchaseOrderNumber.');
  }

  const depositInvoiceIds: unknown = input.depositInvoiceIds ?? [];
  if (!Array.isArray(depositInvoiceIds) || depositInvoiceIds.some((id) => typeof id !== 'string' || !UUID.test(id))) {
    throw invalidField('depositInvoiceIds', 'depositInvoiceIds must be a list of invoice ids (uuids).');
  }
  const ids = [...new Set((depositInvoiceIds as string[]).map((id) => id.toLowerCase()))];
  if (ids.length !== depositInvoiceIds.length) throw invalidField('depositInvoiceIds', 'depositInvoiceIds names the same deposit invoice twice.');
  if (ids.length > MAX_DEPOSITS_PER_FINAL) throw invalidField('depositInvoiceIds', `A final invoice deducts at most ${MAX_DEPOSITS_PER_FINAL} deposit invoices.`);
  if (input.kind !== 'final' && ids.length > 0) throw invalidField('depositInvoiceIds', 'Only a final invoice deducts deposit invoices: remove depositInvoiceIds, or draft a final invoice.');

  return {
    clientId: input.clientId,
    kind: input.kind,
    lines: input.lines,
    quoteId: optionalUuid(input.quoteId, 'quoteId'),
    missionId: optionalUuid(input.missionId, 'missionId'),
    depositInvoiceIds: ids,
    purchaseOrderNumber: optionalText(input.purchaseOrderNumber, 'purchaseOrderNumber', 50),
    commitmentNumber,
    paymentTermDays: agreedPaymentTerm(clientKind, input.paymentTermDays),
    deliveryStartsOn,
    deliveryEndsOn,
    supplyDate,
    operationCategory: operationCategory as OperationCategory,
    capeHolderMemberId: optionalUuid(input.capeHolderMemberId, 'capeHolderMemberId'),
  };
}

// --- status machine -----------------------------------------------------------------------------

/** PATCH is for drafts only: an issued invoice is frozen for good (DOMAIN-RULES §1.3). */
export function assertEditable(status: InvoiceStatus, number: string | null): void {
  if (status !== 'draft') {
    throw new DomainError(
      'INVOICE_NOT_EDITABLE',
      `The invoice${number ? ` ${number}` : ''} is ${status}: an issued invoice is never changed. Issue a credit note against it (POST …/invoices/:invoiceId/credit-notes) and, if needed, a new invoice.`,
      { status, number },
    );
  }
}

export function assertIssuable(status: InvoiceStatus, number: string | null): void {
  if (status !== 'draft') {
    throw new DomainError('INVOICE_ALREADY_ISSUED', `The invoice was already issued as ${number}: it keeps its number, nothing to do.`, { status, number });
  }
}

/** Paying or crediting needs an issued invoice. */
export function assertIssued(status: InvoiceStatus): void {
  if (status === 'draft') {
    throw new DomainError('INVOICE_NOT_ISSUED', 'This invoice is still a draft: issue it first (POST …/invoices/:invoiceId/issue); a draft is corrected by editing it.', { status });
  }
}

/** What is refused at issue beyond the draft's own checks. */
export function checkIssue(data: Pick<InvoiceData, 'kind' | 'commitmentNumber' | 'depositInvoiceIds'>, client: { kind: ClientKind; commitmentNumberRequired: boolean; name: string }, seller: { legalForm: string | null }): void {
  if (client.kind === 'public_body' && client.commitmentNumberRequired && data.commitmentNumber === null) {
    throw new DomainError(
      'COMMITMENT_NUMBER_REQUIRED',
      `${client.name} requires its commitment number (numéro d'engagement) on invoices, or Chorus Pro rejects them: set commitmentNumber on the draft, then issue.`,
      { field: 'commitmentNumber' },
    );
  }
  if (seller.legalForm === null || seller.legalForm.trim() === '') {
    throw new DomainError(
      'SELLER_IDENTITY_INCOMPLETE',
      "The host structure's legal form is unknown, and an invoice must print it: a network admin sets legalForm (with shareCapital and rcsCity) with PATCH /v1/host-structures/:id, then issue again.",
      { field: 'legalForm' },
    );
  }
  if (data.kind === 'final' && data.depositInvoiceIds.length === 0) throw noDeposits();
}

function noDeposits(): DomainError {
  return new DomainError('DEPOSIT_INVOICE_INVALID', 'A final invoice deducts at least one issued deposit invoice: set depositInvoiceIds, or draft a standard invoice.', {
    field: 'depositInvoiceIds',
  });
}

// --- amounts ------------------------------------------------------------------------------------

/** A VAT group (BG-23) in cents. */
export interface RateAmount {
  category: VatCategory;
  rate: VatRate;
  exemptionReason: string | null;
  baseCents: number;
  vatCents: number;
}

export function toRateAmounts(breakdown: readonly QuoteVatBreakdown[]): RateAmount[] {
  return breakdown.map((g) => ({ category: g.category, rate: g.rate, exemptionReason: g.exemptionReason, baseCents: cents(g.base), vatCents: cents(g.vat) }));
}

export function fromRateAmounts(amounts: readonly RateAmount[]): QuoteVatBreakdown[] {
  return amounts.map((g) => ({ category: g.category, rate: g.rate, exemptionReason: g.exemptionReason, base: formatCents(g.baseCents), vat: formatCents(g.vatCents) }));
}

/** Cents of a stored decimal string (always ours, always ≥ 0). */
export function cents(value: string): number {
  const parsed = parseCents(value);
  if (parsed === undefined) throw new RangeError(`Not an amount: ${value}`);
  return parsed;
}

/** Sums VAT groups by rate, in the order of VAT_RATES. */
export function sumRates(...groups: (readonly RateAmount[])[]): RateAmount[] {
  const byRate = new Map<VatRate, RateAmount>();
  for (const group of groups.flat()) {
    const current = byRate.get(group.rate);
    if (current) {
      current.baseCents += group.baseCents;
      current.vatCents += group.vatCents;
    } else byRate.set(group.rate, { ...group });
  }
  return VAT_RATES.filter((rate) => byRate.has(rate)).map((rate) => byRate.get(rate) as RateAmount);
}

/** An invoice's totals (EN 16931, money engine) with its deposits deducted (BT-113, BT-115). */
export function invoiceTotals(lines: readonly InvoiceLineData[], vatFranchise: boolean, deposits: readonly InvoiceDeposit[] = []): { totals: InvoiceTotals; lineNets: string[] } {
  const prepaidCents = deposits.reduce((sum, d) => sum + cents(d.total), 0);
  let computed;
  try {
    computed = computeTotals(lines, { vatFranchise, prepaidCents });
  } catch (error) {
    if (error instanceof DomainError && (error.details as { field?: string } | undefined)?.field === 'prepaidCents') {
      throw new DomainError('DEPOSIT_INVOICE_INVALID', 'The deposit invoices add up to more than this final invoice: remove some of them from depositInvoiceIds, or check its lines.', {
        field: 'depositInvoiceIds',
      });
    }
    throw error;
  }
  return {
    totals: {
      net: formatCents(computed.netCents),
      vat: formatCents(computed.vatCents),
      total: formatCents(computed.totalCents),
      vatBreakdown: computed.vatBreakdown.map((g) => ({ category: g.category, rate: g.rate, exemptionReason: g.exemptionReason, base: formatCents(g.baseCents), vat: formatCents(g.vatCents) })),
      vatFranchise: computed.vatFranchise,
      vatExemptionNote: computed.vatExemptionNote,
      deposits: [...deposits],
      depositsDeducted: formatCents(computed.prepaidCents),
      amountDue: formatCents(computed.dueCents),
    },
    lineNets: computed.lines.map((l) => formatCents(l.netCents)),
  };
}

/** Line nets of stored lines (for the answer): the money engine's, as strings. */
export function lineNets(lines: readonly InvoiceLineData[], vatFranchise: boolean): string[] {
  return computeTotals(lines, { vatFranchise }).lines.map((l) => formatCents(l.netCents));
}

// --- deposits -----------------------------------------------------------------------------------

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Hundredths of a percent: "30" → 3000, "12.5" → 1250. */
function percentHundredths(value: unknown): number {
  if (typeof value !== 'string' || !PERCENT.test(value.trim())) throw invalidField('depositPercent', 'depositPercent must be a percent written like "30" or "12.5" (at most 2 decimals).');
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
  exemptionReason: string | null;
  baseCents: number;
}

/** The quote's net per VAT rate it states (whatever the seller's franchise: the deposit follows the quote). */
function quoteGroups(lines: readonly InvoiceLineData[]): QuoteGroup[] {
  const byRate = new Map<VatRate, QuoteGroup>();
  lines.forEach((line, index) => {
    const net = Number(lineNetCents(parseQuantity(line.quantity, `lines[${index}].quantity`), parseUnitPrice(line.unitPrice, `lines[${index}].unitPrice`)));
    const group = byRate.get(line.vatRate) ?? { rate: line.vatRate, exemptionReason: line.exemptionReason, baseCents: 0 };
    group.baseCents += net;
    byRate.set(line.vatRate, group);
  });
  return VAT_RATES.filter((rate) => byRate.has(rate) && (byRate.get(rate) as QuoteGroup).baseCents > 0).map((rate) => byRate.get(rate) as QuoteGroup);
}

/**
 * The lines of a deposit invoice (facture d'acompte, CGI 289 I-1-c) for a percent or an amount
 * excluding VAT of a quote: one flat-rate line per VAT rate of the quote, the deposit's net split
 * over the rates in proportion to the quote's net at each rate, exact to the cent (largest
 * remainder). For services VAT is due on payment, so the deposit invoice charges it (§1.3).
 */
export function depositLines(quote: { lines: readonly InvoiceLineData[]; number: string | null }, request: { depositPercent?: unknown; depositAmount?: unknown }): InvoiceLineData[] {
  const hasPercent = !isAbsent(request.depositPercent);
  const hasAmount = !isAbsent(request.depositAmount);
  if (hasPercent === hasAmount) throw invalidField('depositPercent', 'A deposit invoice from a quote needs either depositPercent ("30") or depositAmount excluding VAT ("500.00"), not both.');
  const groups = quoteGroups(quote.lines);
  const quoteNet = groups.reduce((sum, g) => sum + g.baseCents, 0);
  if (quoteNet <= 0) throw invalidField('fromQuoteId', 'The quote has no amount to take a deposit on.');
  let target: number;
  let label: string;
  const of = quote.number ? ` sur le devis ${quote.number}` : '';
  if (hasPercent) {
    const hundredths = percentHundredths(request.depositPercent);
    target = Number(roundHalfAwayFromZero(BigInt(quoteNet) * BigInt(hundredths), 10000n));
    const percent = `${Math.trunc(hundredths / 100)}${hundredths % 100 ? `,${String(hundredths % 100).padStart(2, '0').replace(/0$/, '')}` : ''}`;
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
  return groups
    .map((group, index) => ({ group, share: shares[index] }))
    .filter(({ share }) => share > 0)
    .map(({ group, share }) => ({
      description: groups.length > 1 ? `${label} (part à ${group.rate.replace('.', ',')} %)` : label,
      quantity: '1',
      unit: 'flat_rate' as const,
      unitPrice: formatCents(share),
      vatRate: group.rate,
      exemptionReason: group.exemptionReason,
      catalogueItemId: null,
    }));
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
export function checkDeposits(final: { id: string; clientId: string; quoteId: string | null }, requestedIds: readonly string[], found: readonly DepositCandidate[]): InvoiceDeposit[] {
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

// --- balance, payments --------------------------------------------------------------------------

/** The money state of an issued invoice, in cents (what the invoice row stores). */
export interface Balance {
  totalCents: number;
  netCents: number;
  /** Final invoices: Σ deposits deducted, and their net. */
  depositsCents: number;
  depositsNetCents: number;
  creditedCents: number;
  creditedNetCents: number;
  paidCents: number;
  paidNetCents: number;
}

/** What the client still owes: total − deposits − credit notes − payments. */
export function outstandingCents(b: Balance): number {
  return b.totalCents - b.depositsCents - b.creditedCents - b.paidCents;
}

/** The part of the net that payments have still to settle. */
export function remainingNetCents(b: Balance): number {
  return b.netCents - b.depositsNetCents - b.creditedNetCents - b.paidNetCents;
}

/**
 * The status an issued invoice's balance implies. Nothing left: `paid`, or `cancelled` when credit
 * notes alone cancelled it (nothing paid, nothing deducted).
 */
export function statusOf(b: Balance): Exclude<InvoiceStatus, 'draft'> {
  if (outstandingCents(b) === 0) return b.paidCents === 0 && b.depositsCents === 0 && b.creditedCents > 0 ? 'cancelled' : 'paid';
  return b.paidCents > 0 ? 'partially_paid' : 'issued';
}

/**
 * The share of the net a payment settles: proportional to what it pays of the outstanding amount,
 * rounded half up to the cent; the payment that settles the invoice takes the exact remainder, so
 * the shares of a paid invoice sum to its net (minus deposits and credit notes) exactly.
 */
export function settledNetCents(b: Balance, amountCents: number): number {
  const outstanding = outstandingCents(b);
  const remaining = remainingNetCents(b);
  if (amountCents >= outstanding) return remaining;
  return Number(roundHalfAwayFromZero(BigInt(amountCents) * BigInt(remaining), BigInt(outstanding)));
}

export interface PaymentPlan {
  amountCents: number;
  netCents: number;
  receivedOn: string;
  method: PaymentMethod;
  balance: Balance;
  status: Exclude<InvoiceStatus, 'draft'>;
  /** The invoice has nothing left to pay after this payment. */
  settles: boolean;
}

/** A payment of an issued invoice: partial payments allowed, never more than what is owed. */
export function planPayment(invoice: { status: InvoiceStatus; issuedOn: string | null; balance: Balance }, input: { amount?: unknown; receivedOn?: unknown; method?: unknown }, today: string): PaymentPlan {
  assertIssued(invoice.status);
  const amountCents = parseCents(input.amount);
  if (typeof input.amount !== 'string' || amountCents === undefined || amountCents <= 0) {
    throw invalidField('amount', 'amount must be an amount above 0 written like "152.05" (at most 2 decimals).');
  }
  if (!PAYMENT_METHODS.includes(input.method as PaymentMethod)) throw invalidField('method', `method must be one of ${PAYMENT_METHODS.join(', ')}.`);
  if (!isIsoDate(input.receivedOn)) throw invalidField('receivedOn', 'receivedOn is required: the day the money was received, written YYYY-MM-DD.');
  if (compareDates(input.receivedOn, today) > 0) throw invalidField('receivedOn', `receivedOn (${input.receivedOn}) is in the future: record a payment once received.`);
  if (invoice.issuedOn !== null && compareDates(input.receivedOn, invoice.issuedOn) < 0) {
    throw invalidField('receivedOn', `receivedOn (${input.receivedOn}) is before the invoice's issue date (${invoice.issuedOn}): money received earlier is a deposit, invoiced by a deposit invoice.`);
  }
  const outstanding = outstandingCents(invoice.balance);
  if (amountCents > outstanding) {
    throw new DomainError(
      'PAYMENT_EXCEEDS_BALANCE',
      outstanding === 0
        ? `Nothing is left to pay on this invoice (it is ${invoice.status}).`
        : `This payment (${formatCents(amountCents)}) exceeds what is left to pay (${formatCents(outstanding)}): record at most ${formatCents(outstanding)}.`,
      { field: 'amount', outstanding: formatCents(outstanding) },
    );
  }
  const netCents = settledNetCents(invoice.balance, amountCents);
  const balance = { ...invoice.balance, paidCents: invoice.balance.paidCents + amountCents, paidNetCents: invoice.balance.paidNetCents + netCents };
  return { amountCents, netCents, receivedOn: input.receivedOn, method: input.method as PaymentMethod, balance, status: statusOf(balance), settles: outstandingCents(balance) === 0 };
}

// --- credit notes -------------------------------------------------------------------------------

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
 * A credit note (avoir, DOMAIN-RULES §1.3): `full` cancels what remains of an unpaid invoice exactly
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
  if (!full && input.lines === null) throw invalidField('lines', 'Say what the credit note cancels: lines [{description, quantity, unit, unitPrice, vatRate}], or full: true for all that remains.');
  const outstanding = outstandingCents(state.balance);
  if (outstanding === 0) throw exceeds(`Nothing is left to credit on this invoice (it is ${state.status}).`, { outstanding: '0.00' });

  const remaining = creditableRates(state.rates, state.depositRates, state.creditedRates);
  let lines: InvoiceLineData[];
  let rates: RateAmount[];
  if (full) {
    if (state.balance.paidCents > 0) {
      throw exceeds(`Part of this invoice is paid: a credit note cancels only what is unpaid (${formatCents(outstanding)}). Credit lines for that part.`, { outstanding: formatCents(outstanding) });
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
        }));
  } else {
    lines = input.lines as InvoiceLineData[];
    const computed = computeTotals(lines, { vatFranchise: state.vatFranchise });
    rates = computed.vatBreakdown.map((g) => {
      const left = remaining.find((r) => r.rate === g.rate);
      if (!left || g.baseCents > left.baseCents) {
        throw exceeds(`At VAT rate ${g.rate} % this credit note cancels ${formatCents(g.baseCents)} excluding VAT, but only ${formatCents(Math.max(0, left?.baseCents ?? 0))} of the invoice remains creditable at that rate.`, {
          rate: g.rate,
          creditable: formatCents(Math.max(0, left?.baseCents ?? 0)),
        });
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

// --- aging --------------------------------------------------------------------------------------

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
