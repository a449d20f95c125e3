import {
  checkedOperationCategory,
  ClientKind,
  compareDates,
  computeTotals,
  decimalTotals,
  DomainError,
  formatCents,
  invalidField,
  INVOICE_KINDS,
  InvoiceDeposit,
  InvoiceKind,
  InvoiceStatus,
  InvoiceTotals,
  isUuid,
  OperationCategory,
  optionalDate,
  optionalText,
  optionalUuid,
  parseCents,
  QuoteVatBreakdown,
  VAT_RATES,
  VatCategory,
  VatRate,
} from '@kpa/contracts';
import { MAX_BUSINESS_TERM_DAYS, paymentTermDays } from '../documents/payment-terms';
import { CatalogueDefaults, QuoteLineData, resolveLines } from '../quotes/quote';

/**
 * The rules of an invoice's content, status and amounts (docs/domain-rules.md §1): plain values in, values
 * out, no I/O. Money is integer cents (BigInt where a product could pass 2^53), never a float.
 * Deposits, payments and credit notes have their own files beside this one; aging is receivables'.
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
  /** Derived from the lines' natures (operationCategoryOf). */
  operationCategory: OperationCategory;
  /** Goods only: where they are delivered, when not the client's address (242 nonies A, décret 2022-1299). */
  deliveryAddress: string | null;
  capeHolderMemberId: string | null;
}

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
  /** Optional: the lines decide; a stated category must agree with them. */
  operationCategory?: unknown;
  deliveryAddress?: unknown;
  capeHolderMemberId?: unknown;
}

export function checkInvoice(input: InvoiceDraftInput, clientKind: ClientKind): InvoiceData {
  if (!INVOICE_KINDS.includes(input.kind)) throw invalidField('kind', `kind must be one of ${INVOICE_KINDS.join(', ')}.`);
  // CGI ann. II 242 nonies A 8° bis: goods, services or both, as the lines say.
  const operationCategory = checkedOperationCategory(input.operationCategory, input.lines);
  const deliveryAddress = optionalText(input.deliveryAddress, 'deliveryAddress', 300);
  if (deliveryAddress !== null && operationCategory === 'services') {
    throw invalidField(
      'deliveryAddress',
      'deliveryAddress is for goods delivered elsewhere than the client’s address (CGI ann. II 242 nonies A): remove it, or mark the lines that supply goods with nature "goods".',
    );
  }
  const deliveryStartsOn = optionalDate(input.deliveryStartsOn, 'deliveryStartsOn');
  const deliveryEndsOn = optionalDate(input.deliveryEndsOn, 'deliveryEndsOn');
  const supplyDate = optionalDate(input.supplyDate, 'supplyDate');
  if ((deliveryStartsOn === null) !== (deliveryEndsOn === null)) {
    throw invalidField(
      deliveryStartsOn === null ? 'deliveryStartsOn' : 'deliveryEndsOn',
      'A supply period needs both deliveryStartsOn and deliveryEndsOn (or give a single supplyDate).',
    );
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
  if (!Array.isArray(depositInvoiceIds) || depositInvoiceIds.some((id) => !isUuid(id))) {
    throw invalidField('depositInvoiceIds', 'depositInvoiceIds must be a list of invoice ids (uuids).');
  }
  const ids = [...new Set((depositInvoiceIds as string[]).map((id) => id.toLowerCase()))];
  if (ids.length !== depositInvoiceIds.length) throw invalidField('depositInvoiceIds', 'depositInvoiceIds names the same deposit invoice twice.');
  if (ids.length > MAX_DEPOSITS_PER_FINAL) throw invalidField('depositInvoiceIds', `A final invoice deducts at most ${MAX_DEPOSITS_PER_FINAL} deposit invoices.`);
  if (input.kind !== 'final' && ids.length > 0)
    throw invalidField('depositInvoiceIds', 'Only a final invoice deducts deposit invoices: remove depositInvoiceIds, or draft a final invoice.');

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
    operationCategory,
    deliveryAddress,
    capeHolderMemberId: optionalUuid(input.capeHolderMemberId, 'capeHolderMemberId'),
  };
}

/**
 * An invoice drafted from a quote or a mission is for their client: changing it would bill someone
 * who never agreed to the work (draft a new invoice instead).
 */
export function assertClientMayChange(invoice: { clientId: string; quoteId: string | null; missionId: string | null }, clientId: string | undefined): void {
  if (clientId !== undefined && clientId !== invoice.clientId && (invoice.quoteId !== null || invoice.missionId !== null)) {
    throw new DomainError('VALIDATION_FAILED', 'This invoice comes from a quote or a mission: its client cannot change (draft a new invoice instead).', { field: 'clientId' });
  }
}

/** An invoice's lines as sent, filled from the site's catalogue items they name (`items`, read beforehand). */
export function invoiceLines(lines: unknown, items: ReadonlyMap<string, CatalogueDefaults>): InvoiceLineData[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'lines needs at least one line: [{description, quantity, unit, unitPrice, vatRate}] or [{catalogueItemId, quantity}].', {
      field: 'lines',
    });
  }
  return resolveLines(lines, items);
}

// --- status machine -----------------------------------------------------------------------------

/** PATCH is for drafts only: an issued invoice is frozen for good (docs/domain-rules.md §1.3). */
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
    throw new DomainError('INVOICE_NOT_ISSUED', 'This invoice is still a draft: issue it first (POST …/invoices/:invoiceId/issue); a draft is corrected by editing it.', {
      status,
    });
  }
}

/** What is refused at issue beyond the draft's own checks. */
export function checkIssue(
  data: Pick<InvoiceData, 'kind' | 'commitmentNumber' | 'depositInvoiceIds'>,
  client: { kind: ClientKind; commitmentNumberRequired: boolean; name: string },
  seller: { legalForm: string | null },
): void {
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

/** Where the date or period of a supply can be read when the invoice does not give it. */
export interface SupplySources {
  /** The mission the invoice comes from: the days it covers. */
  mission: { startsOn: string; endsOn: string } | null;
  /** The quote the invoice comes from: its execution dates, when it gives them. */
  quote: { executionStartsOn: string | null; executionEndsOn: string | null } | null;
}

type SupplyDates = Pick<InvoiceData, 'supplyDate' | 'deliveryStartsOn' | 'deliveryEndsOn'>;

function datesOf(startsOn: string | null, endsOn: string | null): SupplyDates | null {
  const first = startsOn ?? endsOn;
  const last = endsOn ?? startsOn;
  if (first === null || last === null) return null;
  if (first === last) return { supplyDate: first, deliveryStartsOn: null, deliveryEndsOn: null };
  return { supplyDate: null, deliveryStartsOn: first, deliveryEndsOn: last };
}

/**
 * The date or period of the supply an invoice prints (CGI ann. II 242 nonies A 10°), mandatory at
 * issue: the invoice's own, else the mission's days, else the quote's execution dates. A deposit
 * invoice may go without (its date is the deposit's payment, not known when it is issued); any other
 * invoice with none is refused (422 SUPPLY_DATE_REQUIRED, naming supplyDate).
 */
export function supplyDatesAtIssue(data: Pick<InvoiceData, 'kind' | 'supplyDate' | 'deliveryStartsOn' | 'deliveryEndsOn'>, sources: SupplySources): SupplyDates {
  if (data.supplyDate !== null || data.deliveryStartsOn !== null) {
    return { supplyDate: data.supplyDate, deliveryStartsOn: data.deliveryStartsOn, deliveryEndsOn: data.deliveryEndsOn };
  }
  const found =
    (sources.mission ? datesOf(sources.mission.startsOn, sources.mission.endsOn) : null) ??
    (sources.quote ? datesOf(sources.quote.executionStartsOn, sources.quote.executionEndsOn) : null);
  if (found !== null) return found;
  if (data.kind === 'deposit') return { supplyDate: null, deliveryStartsOn: null, deliveryEndsOn: null };
  throw new DomainError(
    'SUPPLY_DATE_REQUIRED',
    'An invoice states when the service was performed or the goods delivered (CGI ann. II 242 nonies A 10°), and nothing tells it here: set supplyDate (YYYY-MM-DD), or deliveryStartsOn and deliveryEndsOn for a period, on the draft, then issue.',
    { field: 'supplyDate' },
  );
}

/** A final invoice without deposits: refused on the draft and when its deposits are checked. */
export function noDeposits(): DomainError {
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
      throw new DomainError(
        'DEPOSIT_INVOICE_INVALID',
        'The deposit invoices add up to more than this final invoice: remove some of them from depositInvoiceIds, or check its lines.',
        {
          field: 'depositInvoiceIds',
        },
      );
    }
    throw error;
  }
  return {
    totals: {
      ...decimalTotals(computed),
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
