import {
  CATALOGUE_UNITS,
  CatalogueItem,
  CatalogueItemInput,
  CatalogueUnit,
  DomainError,
  invalidField,
  lineNature,
  optionalText,
  requiredText,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';

/** A catalogue item as stored: the unit price in ten-thousandths of a euro (an integer, never a float). */
export interface CatalogueItemData extends Omit<CatalogueItem, 'id' | 'siteId' | 'unitPrice' | 'createdAt' | 'updatedAt'> {
  unitPriceTenThousandths: number;
}

const PRICE = /^(\d{1,9})(?:\.(\d{1,4}))?$/;

/** Ten-thousandths of a non-negative decimal string with up to 4 decimals ("12.3456" → 123456); undefined if it is not one. */
export function parseTenThousandths(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PRICE.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 10000 + Number((match[2] ?? '').padEnd(4, '0'));
}

/** "12.50" for 125000, "12.3456" for 123456: at least 2 decimals, at most 4, no trailing zeros beyond 2. */
export function formatTenThousandths(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative whole number of ten-thousandths: ${value}`);
  let decimals = String(value % 10000).padStart(4, '0');
  while (decimals.length > 2 && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return `${Math.trunc(value / 10000)}.${decimals}`;
}

function unitPrice(value: unknown): number {
  const parsed = parseTenThousandths(value);
  if (parsed === undefined) throw invalidField('unitPrice', 'unitPrice must be an amount excluding VAT written like "12.50" or "12.3456" (up to 4 decimals, a dot, no sign).');
  return parsed;
}

/** Checks and normalises a new catalogue item; a 0 % rate needs the legal reason of the exemption. */
export function newCatalogueItem(input: CatalogueItemInput): CatalogueItemData {
  if (!CATALOGUE_UNITS.includes(input.unit)) throw invalidField('unit', `unit must be one of ${CATALOGUE_UNITS.join(', ')}.`);
  if (!VAT_RATES.includes(input.vatRate)) throw invalidField('vatRate', `vatRate must be one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')} (a string).`);
  const exemptionReason = optionalText(input.exemptionReason, 'exemptionReason', 300);
  if (input.vatRate === '0' && exemptionReason === null) {
    throw invalidField('exemptionReason', 'A 0 % VAT rate needs exemptionReason: the legal ground printed on invoices (e.g. "Exonération de TVA, art. 261-7-1° du CGI").');
  }
  if (input.vatRate !== '0' && exemptionReason !== null) throw invalidField('exemptionReason', 'exemptionReason goes with vatRate "0" only: remove it or set vatRate to "0".');
  return {
    label: requiredText(input.label, 'label', 1, 200),
    description: optionalText(input.description, 'description', 2000),
    unit: input.unit as CatalogueUnit,
    unitPriceTenThousandths: unitPrice(input.unitPrice),
    vatRate: input.vatRate as VatRate,
    exemptionReason,
    activityPole: optionalText(input.activityPole, 'activityPole', 100),
    // Goods or a service: copied onto the lines made from the item, which decide the invoice's nature of the operation.
    nature: lineNature(input.nature, 'nature'),
    archived: false,
  };
}

/**
 * Applies a PATCH: the fields sent replace the current ones and the item is checked again.
 * Moving away from 0 % drops the exemption reason unless one is sent; `archived` hides the item
 * from new lines (documents that used it keep their own copy of the line).
 */
export function changeCatalogueItem(current: CatalogueItemData, changes: Partial<CatalogueItemInput> & { archived?: boolean }): CatalogueItemData {
  if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  const { archived, ...fields } = changes;
  if (archived !== undefined && typeof archived !== 'boolean') throw invalidField('archived', 'archived must be true or false.');
  const merged: CatalogueItemInput = { ...current, unitPrice: formatTenThousandths(current.unitPriceTenThousandths), ...fields };
  if (fields.vatRate !== undefined && fields.vatRate !== '0' && fields.exemptionReason === undefined) merged.exemptionReason = null;
  return { ...newCatalogueItem(merged), archived: archived ?? current.archived };
}
