// Pure: no Node module and no import of the package's index, so the console bundles it as it is
// (apps/web computes an editor's live totals with these very functions, not a copy).
import { DomainError } from './errors';
import { formatCents, roundHalfAwayFromZero } from './money';
import { VAT_RATES, VatRate } from './rpc/commerce/catalogue';
import type { QuoteTotals } from './rpc/commerce/quotes';

/**
 * The money of quotes and invoices, with the EN 16931 arithmetic (docs/domain-rules.md §2.3): every amount is
 * exact (BigInt while computing, integer cents out), never a binary float (`76.475 * 100` is
 * `7647.4999…`), so the PDF, the Factur-X XML and the CEN schematron always agree to the cent.
 */

export const MAX_LINES = 200;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_EXEMPTION_REASON_LENGTH = 500;
/** Quantities are scaled by 1000 (3 decimals), unit prices by 10 000 (4 decimals: BT-146 may have more than 2). */
export const QUANTITY_SCALE = 1000n;
export const UNIT_PRICE_SCALE = 10_000n;
const MAX_QUANTITY = 1_000_000n * QUANTITY_SCALE;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** EN 16931 exemption reason code of the franchise en base (CGI art. 293 B; docs/domain-rules.md §2.2). */
export const VAT_FRANCHISE_REASON = 'VATEX-FR-FRANCHISE';
export const VAT_FRANCHISE_NOTE = 'TVA non applicable, art. 293 B du CGI';

/** Rates in tenths of a percent, so that base × rate / 100 stays in integers (5.5 % = 55 / 1000). */
const RATE_PER_MILLE: Record<VatRate, bigint> = { '20': 200n, '10': 100n, '5.5': 55n, '2.1': 21n, '0': 0n };

export type LineKind = 'standard' | 'discount';

/** A line as the API receives it (decimal strings, never numbers). */
export interface LineInput {
  description: string;
  /** Up to 3 decimals, > 0 and ≤ 1 000 000 ("2", "1.5", "0.125"). */
  quantity: string;
  /** Excluding VAT, up to 4 decimals; ≥ 0, or < 0 on a discount line only. */
  unitPrice: string;
  vatRate: VatRate;
  /** Required with vatRate '0': an EN 16931 code (VATEX-…) or the legal text of the exemption. */
  exemptionReason?: string | null;
  /** A discount (CGI ann. II 242 nonies A 9°: rabais, remises) is a line with a negative unit price. */
  kind?: LineKind;
}

/** EN 16931 VAT category (BT-151, BT-118): S standard rate, E exempt (franchise or other exemption). */
export type VatCategory = 'S' | 'E';

export interface LineTotals {
  /** BT-131: quantity × unit price, rounded half away from zero to the cent. */
  netCents: number;
  /** The rate charged: '0' for every line under the VAT franchise. */
  vatRate: VatRate;
  category: VatCategory;
}

/** One BG-23 group per (category, rate). */
export interface VatBreakdown {
  category: VatCategory;
  rate: VatRate;
  /** BT-120/121: set for category E. */
  exemptionReason: string | null;
  /** BT-116: sum of the group's rounded line nets. */
  baseCents: number;
  /** BT-117: base × rate / 100, rounded once per group. */
  vatCents: number;
}

export interface DocumentTotals {
  lines: LineTotals[];
  /** In the order of VAT_RATES (20, 10, 5.5, 2.1, 0), whatever the order of the lines. */
  vatBreakdown: VatBreakdown[];
  /** BT-106 = BT-109 (no document-level allowances or charges): Σ line nets, exactly (BR-CO-10). */
  netCents: number;
  /** BT-110 = Σ BT-117 (BR-CO-14). */
  vatCents: number;
  /** BT-112 = BT-109 + BT-110. */
  totalCents: number;
  /** BT-113: deposits already paid. */
  prepaidCents: number;
  /** BT-115 = BT-112 − BT-113, never negative. */
  dueCents: number;
  vatFranchise: boolean;
  /** The exemption mention the document must print, or null. */
  vatExemptionNote: string | null;
}

export interface TotalsOptions {
  /** The host structure is under the franchise en base (CGI art. 293 B): no VAT on any line. */
  vatFranchise: boolean;
  /** Integer cents of deposit invoices deducted by a final invoice. */
  prepaidCents?: number;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** `value` × 10^decimals as a BigInt; the caller's regex has already bounded the digits. */
function scaled(integer: string, fraction: string | undefined, decimals: number): bigint {
  return BigInt(integer + (fraction ?? '').padEnd(decimals, '0'));
}

const QUANTITY = /^(\d{1,7})(?:\.(\d{1,3}))?$/;

/** Thousandths of a quantity: "1.5" → 1500n. */
export function parseQuantity(value: unknown, field = 'quantity'): bigint {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a decimal string such as "1.5" (at most 3 decimals).`);
  const match = QUANTITY.exec(value);
  if (!match) throw invalid(field, `${field} must be written like "2" or "1.125": digits, a dot, at most 3 decimals; got "${value}".`);
  const thousandths = scaled(match[1], match[2], 3);
  if (thousandths <= 0n) throw invalid(field, `${field} must be greater than 0.`);
  if (thousandths > MAX_QUANTITY) throw invalid(field, `${field} must be at most 1000000.`);
  return thousandths;
}

// 13 integer digits, as parseCents: far beyond any KPA price, small enough that a line net fits in a
// safe integer only when it really is one (checked after the multiplication).
const UNIT_PRICE = /^(-?)(\d{1,13})(?:\.(\d{1,4}))?$/;

/** Ten-thousandths of a unit price: "12.3456" → 123456n; negative only when `allowNegative`. */
export function parseUnitPrice(value: unknown, field = 'unitPrice', allowNegative = false): bigint {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a decimal string such as "12.50" (at most 4 decimals).`);
  const match = UNIT_PRICE.exec(value);
  if (!match) throw invalid(field, `${field} must be written like "12.5" or "0.1234": digits, a dot, at most 4 decimals; got "${value}".`);
  const magnitude = scaled(match[2], match[3], 4);
  if (match[1] === '-' && magnitude !== 0n) {
    if (!allowNegative) throw invalid(field, `${field} cannot be negative: write a discount as a line of kind "discount".`);
    return -magnitude;
  }
  return magnitude;
}

/** BT-131 of a line from its scaled quantity and unit price. */
export function lineNetCents(quantityThousandths: bigint, unitPriceTenThousandths: bigint): bigint {
  // thousandths × ten-thousandths = 10^-7 €; a cent is 10^-2 €.
  return roundHalfAwayFromZero(quantityThousandths * unitPriceTenThousandths, 100_000n);
}

/** BT-117 of a group: base × rate / 100, rounded once (BR-S-09 / BR-CO-17 check exactly this). */
export function vatCents(baseCents: bigint, rate: VatRate): bigint {
  return roundHalfAwayFromZero(baseCents * RATE_PER_MILLE[rate], 1000n);
}

function safe(value: bigint, field: string, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw invalid(field, `${what} is too large to be handled exactly (more than ${Number.MAX_SAFE_INTEGER} cents): split the document or check the amounts.`);
  }
  return Number(value);
}

function isVatRate(value: unknown): value is VatRate {
  return typeof value === 'string' && (VAT_RATES as readonly string[]).includes(value);
}

interface ParsedLine {
  netCents: bigint;
  rate: VatRate;
  exemptionReason: string | null;
}

function parseLine(raw: unknown, index: number, vatFranchise: boolean): ParsedLine {
  const at = `lines[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(at, `${at} must be an object with description, quantity, unitPrice and vatRate.`);
  const line = raw as Partial<Record<keyof LineInput, unknown>>;

  const kind = line.kind ?? 'standard';
  if (kind !== 'standard' && kind !== 'discount') throw invalid(`${at}.kind`, `${at}.kind must be "standard" or "discount".`);

  if (typeof line.description !== 'string' || line.description.trim().length === 0) {
    throw invalid(`${at}.description`, `${at}.description is required: name the goods or service precisely (CGI ann. II 242 nonies A 8°).`);
  }
  if (line.description.length > MAX_DESCRIPTION_LENGTH) {
    throw invalid(`${at}.description`, `${at}.description must be at most ${MAX_DESCRIPTION_LENGTH} characters (it has ${line.description.length}).`);
  }

  const quantity = parseQuantity(line.quantity, `${at}.quantity`);
  const unitPrice = parseUnitPrice(line.unitPrice, `${at}.unitPrice`, kind === 'discount');
  if (kind === 'discount' && unitPrice >= 0n) {
    throw invalid(`${at}.unitPrice`, `${at}.unitPrice of a discount must be negative (e.g. "-10.00").`);
  }

  if (!isVatRate(line.vatRate)) {
    throw invalid(`${at}.vatRate`, `${at}.vatRate must be one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')}.`);
  }

  let exemptionReason: string | null = null;
  const reason = line.exemptionReason;
  if (reason !== undefined && reason !== null) {
    if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > MAX_EXEMPTION_REASON_LENGTH) {
      throw invalid(`${at}.exemptionReason`, `${at}.exemptionReason must be a code such as "VATEX-EU-132" or the legal text, 1 to ${MAX_EXEMPTION_REASON_LENGTH} characters.`);
    }
    exemptionReason = reason.trim();
  }

  if (vatFranchise) {
    // Under art. 293 B no VAT is charged whatever the line says; the document carries one E group.
    return { netCents: lineNetCents(quantity, unitPrice), rate: '0', exemptionReason: VAT_FRANCHISE_REASON };
  }
  if (line.vatRate === '0' && exemptionReason === null) {
    // BR-E-10: an exempt VAT breakdown needs its reason (BT-120 or BT-121).
    throw invalid(`${at}.exemptionReason`, `${at} has VAT rate 0: give the exemption reason (an EN 16931 code such as "VATEX-EU-132", or the article of the CGI).`);
  }
  if (line.vatRate !== '0' && exemptionReason !== null) {
    throw invalid(`${at}.exemptionReason`, `${at}.exemptionReason is only for VAT rate 0: remove it or set vatRate to "0".`);
  }
  return { netCents: lineNetCents(quantity, unitPrice), rate: line.vatRate, exemptionReason };
}

function parsePrepaid(value: unknown): bigint {
  if (value === undefined) return 0n;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid('prepaidCents', 'prepaidCents must be a whole, non-negative number of cents.');
  }
  return BigInt(value);
}

/**
 * Totals of a quote or invoice with the EN 16931 arithmetic (docs/domain-rules.md §2.3): each line rounded to
 * the cent, net total = Σ rounded lines exactly, VAT once per rate on that rate's rounded base,
 * total = net + VAT, due = total − deposits. Throws DomainError('VALIDATION_FAILED') naming the field.
 */
export function computeTotals(lines: readonly LineInput[], options: TotalsOptions): DocumentTotals {
  if (!Array.isArray(lines) || lines.length === 0) throw invalid('lines', 'A document needs at least one line.');
  if (lines.length > MAX_LINES) throw invalid('lines', `A document has at most ${MAX_LINES} lines (this one has ${lines.length}): split it.`);
  const vatFranchise = options.vatFranchise === true;

  const parsed = lines.map((line, index) => parseLine(line, index, vatFranchise));

  const exemptReasons = new Set(parsed.filter((p) => p.rate === '0').map((p) => p.exemptionReason));
  if (exemptReasons.size > 1) {
    // BR-E-01: exactly one exempt VAT breakdown, hence one exemption reason per document.
    const index = parsed.findIndex((p) => p.rate === '0' && p.exemptionReason !== parsed.find((q) => q.rate === '0')?.exemptionReason);
    throw invalid(`lines[${index}].exemptionReason`, 'All VAT-exempt lines of a document must give the same exemption reason (EN 16931 BR-E-01): split the document.');
  }

  const lineTotals: LineTotals[] = parsed.map((p, index) => ({
    netCents: safe(p.netCents, `lines[${index}]`, `lines[${index}] (quantity × unit price)`),
    vatRate: p.rate,
    category: p.rate === '0' ? 'E' : 'S',
  }));

  const vatBreakdown: VatBreakdown[] = [];
  let net = 0n;
  let vat = 0n;
  for (const rate of VAT_RATES) {
    const group = parsed.filter((p) => p.rate === rate);
    if (group.length === 0) continue;
    const base = group.reduce((sum, p) => sum + p.netCents, 0n);
    if (base < 0n) {
      // A negative base would mean a negative VAT: that is a credit note, not a discount.
      throw invalid('lines', `The lines at VAT rate ${rate} % add up to a negative amount: discounts cannot exceed what they reduce (issue a credit note instead).`);
    }
    const groupVat = vatCents(base, rate);
    vatBreakdown.push({
      category: rate === '0' ? 'E' : 'S',
      rate,
      exemptionReason: rate === '0' ? group[0].exemptionReason : null,
      baseCents: safe(base, 'lines', `The base at VAT rate ${rate} %`),
      vatCents: safe(groupVat, 'lines', `The VAT at rate ${rate} %`),
    });
    net += base;
    vat += groupVat;
  }

  const total = net + vat;
  const prepaid = parsePrepaid(options.prepaidCents);
  if (prepaid > total) {
    throw invalid('prepaidCents', `The deposits (${prepaid} cents) exceed the total including VAT (${total} cents): the amount due cannot be negative.`);
  }

  return {
    lines: lineTotals,
    vatBreakdown,
    netCents: safe(net, 'lines', 'The total excluding VAT'),
    vatCents: safe(vat, 'lines', 'The total VAT'),
    totalCents: safe(total, 'lines', 'The total including VAT'),
    prepaidCents: Number(prepaid),
    dueCents: safe(total - prepaid, 'lines', 'The amount due'),
    vatFranchise,
    vatExemptionNote: vatFranchise ? VAT_FRANCHISE_NOTE : null,
  };
}

/** Integer division rounded toward −∞ (BigInt division truncates toward 0), with its non-negative remainder. */
function floorDivMod(numerator: bigint, divisor: bigint): { quotient: bigint; remainder: bigint } {
  let quotient = numerator / divisor;
  if (numerator % divisor !== 0n && numerator < 0n !== divisor < 0n) quotient -= 1n;
  return { quotient, remainder: numerator - quotient * divisor };
}

/** A line's price including VAT, as a quote to a consumer prints it (C. consom. L112-1). */
export interface LineInclVat {
  /** Unit price × (1 + rate), rounded half away from zero to the cent: what one unit costs the client. */
  unitPriceCents: number;
  /**
   * The line's net plus its share of its rate's VAT: the group's VAT (computed once on the group's
   * base, as the totals do) split over its lines in proportion to their nets, largest remainder
   * first. So the lines of a rate add up to that rate's base + VAT, and all lines to the total
   * including VAT, exactly to the cent.
   */
  totalCents: number;
}

/**
 * Each line's unit price and total including VAT, consistent with `computed` (the same lines'
 * computeTotals): Σ totalCents = computed.totalCents. The VAT of a line is never computed on its
 * own (that would not add up to the per-rate VAT); qty × unit price TTC may differ from the line's
 * total by rounding, as the unit price is rounded alone.
 */
export function linesInclVat(lines: readonly LineInput[], computed: DocumentTotals): LineInclVat[] {
  const totals = computed.lines.map((line) => BigInt(line.netCents));
  for (const group of computed.vatBreakdown) {
    const members = computed.lines.flatMap((line, index) => (line.vatRate === group.rate ? [index] : []));
    const base = BigInt(group.baseCents);
    const vat = BigInt(group.vatCents);
    if (vat === 0n || base === 0n) continue;
    const shares = members.map((index) => ({ index, ...floorDivMod(vat * BigInt(computed.lines[index].netCents), base) }));
    let left = vat - shares.reduce((sum, share) => sum + share.quotient, 0n);
    for (const share of shares) totals[share.index] += share.quotient;
    // 0 ≤ left < number of lines: one more cent to the lines with the largest remainders (ties: the earlier line).
    for (const share of [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))) {
      if (left <= 0n) break;
      totals[share.index] += 1n;
      left -= 1n;
    }
  }
  return lines.map((line, index) => {
    const rate = computed.lines[index].vatRate;
    const unitPrice = parseUnitPrice(line.unitPrice, `lines[${index}].unitPrice`, line.kind === 'discount');
    // ten-thousandths × (1000 + ‰) = 10^-7 €; a cent is 10^-2 €.
    const unitPriceCents = roundHalfAwayFromZero(unitPrice * (1000n + RATE_PER_MILLE[rate]), 100_000n);
    return { unitPriceCents: safe(unitPriceCents, `lines[${index}].unitPrice`, 'The unit price including VAT'), totalCents: safe(totals[index], 'lines', 'A line including VAT') };
  });
}

/** The totals as the API and the documents write them: decimal strings, the breakdown rate by rate. */
export function decimalTotals(computed: DocumentTotals): QuoteTotals {
  return {
    net: formatCents(computed.netCents),
    vat: formatCents(computed.vatCents),
    total: formatCents(computed.totalCents),
    vatBreakdown: computed.vatBreakdown.map((g) => ({
      category: g.category,
      rate: g.rate,
      exemptionReason: g.exemptionReason,
      base: formatCents(g.baseCents),
      vat: formatCents(g.vatCents),
    })),
    vatFranchise: computed.vatFranchise,
    vatExemptionNote: computed.vatExemptionNote,
  };
}
