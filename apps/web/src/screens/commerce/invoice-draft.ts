import { computeTotals, type DocumentTotals, type LineInput } from '@kpa/contracts/document-totals';
import { operationCategoryOf } from '@kpa/contracts/operation-category';

/** The VAT rates a line may take, in the order the editor offers them (CGI art. 278 ff.). */
export const EDITOR_VAT_RATES = ['20', '10', '5.5', '2.1', '0'] as const;
export type EditorVatRate = (typeof EDITOR_VAT_RATES)[number];
/** The units a line is counted in (the API's CATALOGUE_UNITS). */
export const EDITOR_UNITS = ['hour', 'day', 'piece', 'flat_rate'] as const;
export type EditorUnit = (typeof EDITOR_UNITS)[number];
/** What a line supplies (the API's LINE_NATURES): the lines decide the invoice's nature of the operation. */
export const EDITOR_NATURES = ['service', 'goods'] as const;
export type EditorNature = (typeof EDITOR_NATURES)[number];

/** A line as the editor holds it while the person types: raw text, checked by the shared rules. */
export interface EditorLine {
  /** React's key: stable while lines are added and removed. */
  key: string;
  catalogueItemId: string | null;
  description: string;
  quantity: string;
  unit: EditorUnit;
  unitPrice: string;
  vatRate: EditorVatRate;
  exemptionReason: string;
  nature: EditorNature;
}

/** What the editor shows under the lines: the totals, or the first line that stops them and why. */
export type LiveTotals = { ok: true; totals: DocumentTotals } | { ok: false; field: string; reason: LineProblem };

/** Why the totals cannot be computed yet, in words the screen translates. */
export type LineProblem = 'noLines' | 'description' | 'quantity' | 'unitPrice' | 'exemptionReason' | 'other';

/** People type "12,50" in French: the API wants "12.50". Spaces (thousands) go too. */
export function decimalInput(value: string): string {
  return value
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
}

export function toLineInput(line: EditorLine): LineInput {
  return {
    description: line.description,
    quantity: decimalInput(line.quantity),
    unitPrice: decimalInput(line.unitPrice),
    vatRate: line.vatRate,
    exemptionReason: line.vatRate === '0' && line.exemptionReason.trim() ? line.exemptionReason.trim() : null,
  };
}

function problemOf(field: string): LineProblem {
  if (field === 'lines') return 'noLines';
  const last = /\.(\w+)$/.exec(field)?.[1];
  return last === 'description' || last === 'quantity' || last === 'unitPrice' || last === 'exemptionReason' ? last : 'other';
}

/**
 * The totals of the lines being typed, by the server's own rules (`@kpa/contracts/document-totals`:
 * cents rounded per line, VAT once per rate): what the editor shows is what the invoice will say.
 */
export function liveTotals(lines: readonly EditorLine[], vatFranchise: boolean): LiveTotals {
  try {
    return { ok: true, totals: computeTotals(lines.map(toLineInput), { vatFranchise }) };
  } catch (error) {
    const details = (error as { details?: { field?: unknown } }).details;
    const field = typeof details?.field === 'string' ? details.field : 'lines';
    return { ok: false, field, reason: problemOf(field) };
  }
}

/** The index of the line a field such as `lines[2].quantity` names, or null. */
export function lineIndexOf(field: string | null | undefined): number | null {
  const match = field ? /^lines\[(\d+)\]/.exec(field) : null;
  return match ? Number(match[1]) : null;
}

/** The lines as the API receives them (the catalogue item's id kept, so the invoice remembers it). */
export function apiLines(lines: readonly EditorLine[]) {
  return lines.map((line) => {
    const input = toLineInput(line);
    return {
      ...(line.catalogueItemId ? { catalogueItemId: line.catalogueItemId } : {}),
      description: input.description,
      quantity: input.quantity,
      unit: line.unit,
      unitPrice: input.unitPrice,
      vatRate: input.vatRate,
      ...(input.exemptionReason ? { exemptionReason: input.exemptionReason } : {}),
      nature: line.nature,
    };
  });
}

/** Cents as the API's decimal string, for the French formatter ("1234.50"). */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

/** An empty free line: one hour at 20 %, the price to type. */
export function freeLine(): EditorLine {
  return { key: newKey(), catalogueItemId: null, description: '', quantity: '1', unit: 'hour', unitPrice: '', vatRate: '20', exemptionReason: '', nature: 'service' };
}

/** A line from a catalogue item: its label, unit, price and VAT, one of it. */
export function lineFromCatalogue(item: {
  id: string;
  label: string;
  unit: EditorUnit;
  unitPrice: string;
  vatRate: EditorVatRate;
  exemptionReason: string | null;
  nature: EditorNature;
}): EditorLine {
  return {
    key: newKey(),
    catalogueItemId: item.id,
    description: item.label,
    quantity: '1',
    unit: item.unit,
    unitPrice: item.unitPrice,
    vatRate: item.vatRate,
    exemptionReason: item.exemptionReason ?? '',
    nature: item.nature,
  };
}

/** A saved document's lines (a draft quote or invoice) as the editor holds them. */
export function editorLinesFrom(
  lines: readonly {
    catalogueItemId: string | null;
    description: string;
    quantity: string;
    unit: EditorUnit;
    unitPrice: string;
    vatRate: EditorVatRate;
    exemptionReason: string | null;
    nature?: EditorNature;
  }[],
): EditorLine[] {
  return lines.map((line) => ({
    key: newKey(),
    catalogueItemId: line.catalogueItemId,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    vatRate: line.vatRate,
    exemptionReason: line.exemptionReason ?? '',
    nature: line.nature ?? 'service',
  }));
}

/** When the service was performed or the goods delivered, and where goods go: as the editor holds them (raw text). */
export interface SupplyForm {
  supplyDate: string;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  deliveryAddress: string;
}

/** The nature of the operation the lines give (goods, services or mixed), by the server's own rule. */
export function operationOf(lines: readonly EditorLine[]): 'goods' | 'services' | 'mixed' {
  return operationCategoryOf(lines);
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The supply fields of POST/PATCH …/invoices: empty ones sent as null (a cleared date is cleared;
 * at issue the API takes the mission's or the quote's dates, or refuses naming supplyDate), the
 * delivery address only with goods (the API refuses it on services).
 */
export function supplyBody(form: SupplyForm, lines: readonly EditorLine[]) {
  return {
    supplyDate: orNull(form.supplyDate),
    deliveryStartsOn: orNull(form.deliveryStartsOn),
    deliveryEndsOn: orNull(form.deliveryEndsOn),
    deliveryAddress: operationOf(lines) === 'services' ? null : orNull(form.deliveryAddress),
  };
}
