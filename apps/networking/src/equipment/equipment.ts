import { DomainError, EQUIPMENT_VALUE_UNITS, EquipmentChanges, EquipmentInput, EquipmentValue, formatCents, parseCents } from '@kpa/contracts';

/** The stored shape of an item's lending terms, normalised: trimmed texts, amounts with two decimals. */
export interface EquipmentTerms {
  name: string;
  description: string;
  prerequisite: string | null;
  deposit: string | null;
  maxDurationHours: number | null;
  value: EquipmentValue | null;
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function required(value: string | undefined, field: string): string {
  const trimmed = text(value);
  if (trimmed === null) throw new DomainError('VALIDATION_FAILED', `${field} must not be blank.`, { field });
  return trimmed;
}

function valueOf(value: EquipmentValue | null | undefined): EquipmentValue | null {
  if (!value) return null;
  const hundredths = parseCents(value.hours);
  if (hundredths === undefined || hundredths <= 0) {
    throw new DomainError('VALIDATION_FAILED', 'value.hours must be more than 0, written like "4" or "3.5".', { field: 'value.hours' });
  }
  if (!(EQUIPMENT_VALUE_UNITS as readonly string[]).includes(value.per)) {
    throw new DomainError('VALIDATION_FAILED', `value.per must be one of ${EQUIPMENT_VALUE_UNITS.join(', ')}.`, { field: 'value.per' });
  }
  return { hours: formatCents(hundredths), per: value.per };
}

function depositOf(deposit: string | null | undefined): string | null {
  if (deposit === null || deposit === undefined) return null;
  const cents = parseCents(deposit);
  if (cents === undefined) throw new DomainError('VALIDATION_FAILED', 'deposit must be an amount in euros like "300" or "150.50".', { field: 'deposit' });
  return formatCents(cents);
}

export function equipmentTerms(input: EquipmentInput): EquipmentTerms {
  return {
    name: required(input.name, 'name'),
    description: required(input.description, 'description'),
    prerequisite: text(input.prerequisite),
    deposit: depositOf(input.deposit),
    maxDurationHours: input.maxDurationHours ?? null,
    value: valueOf(input.value),
  };
}

/** The terms after a PATCH: fields left out keep their value, null clears an optional one. */
export function changedTerms(current: EquipmentTerms, changes: EquipmentChanges): EquipmentTerms {
  return equipmentTerms({
    name: changes.name ?? current.name,
    description: changes.description ?? current.description,
    prerequisite: changes.prerequisite !== undefined ? changes.prerequisite : current.prerequisite,
    deposit: changes.deposit !== undefined ? changes.deposit : current.deposit,
    maxDurationHours: changes.maxDurationHours !== undefined ? changes.maxDurationHours : current.maxDurationHours,
    value: changes.value !== undefined ? changes.value : current.value,
  });
}

/** Lower case without accents: "Cuisine équipée" and "cuisine equipee" find each other. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search, folded; at most 8 (a longer query narrows nothing a person would type). */
export function searchWords(q: string | undefined): string[] {
  return q === undefined ? [] : foldForSearch(q).split(' ').filter(Boolean).slice(0, 8);
}

export function searchTextOf(terms: EquipmentTerms): string {
  return foldForSearch(`${terms.name} ${terms.description}`);
}
