import { CreateHostStructureRequest, DomainError, formatCents, HOST_STRUCTURE_KINDS, HostStructureKind, parseCents } from '@kpa/contracts';
import { compactIdentifier, isValidFrenchVatNumber, isValidSiret } from './french-identifiers';

/** The legal identity of a host structure, as stored (share capital in cents). */
export interface HostStructureData {
  kind: HostStructureKind;
  legalName: string;
  legalForm: string | null;
  shareCapitalCents: number | null;
  rcsCity: string | null;
  siret: string;
  vatNumber: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(field, `${field} must be at most ${max} characters.`);
  return trimmed;
}

/**
 * Checks and normalises a host structure's legal identity: the seller printed on every quote and
 * invoice of its sites (CGI ann. II art. 242 nonies A; company-law mentions on business papers).
 */
export function hostStructureData(input: CreateHostStructureRequest): HostStructureData {
  if (!HOST_STRUCTURE_KINDS.includes(input.kind)) {
    throw invalid('kind', `kind must be one of ${HOST_STRUCTURE_KINDS.join(', ')}.`);
  }
  const legalName = input.legalName?.trim() ?? '';
  if (legalName.length < 2 || legalName.length > 200) throw invalid('legalName', 'legalName must be 2 to 200 characters.');
  const siret = compactIdentifier(input.siret ?? '');
  if (!isValidSiret(siret)) {
    throw invalid('siret', 'siret must be the 14 digits of an existing establishment (its Luhn check key does not match).');
  }
  let vatNumber: string | null = null;
  if (input.vatNumber !== undefined && input.vatNumber !== null && input.vatNumber.trim() !== '') {
    vatNumber = compactIdentifier(input.vatNumber);
    if (!isValidFrenchVatNumber(vatNumber, siret.slice(0, 9))) {
      throw invalid(
        'vatNumber',
        'vatNumber must be the French VAT number of this SIREN (FR + 2-digit key + the 9 digits of the SIRET); leave it empty under the VAT franchise (art. 293 B du CGI).',
      );
    }
  }
  let shareCapitalCents: number | null = null;
  if (input.shareCapital !== undefined && input.shareCapital !== null && input.shareCapital !== '') {
    const cents = parseCents(input.shareCapital);
    if (cents === undefined) throw invalid('shareCapital', 'shareCapital must be an amount in euros written like "15000.00".');
    shareCapitalCents = cents;
  }
  const postalCode = optionalText(input.postalCode, 'postalCode', 5);
  if (postalCode !== null && !/^\d{5}$/.test(postalCode)) throw invalid('postalCode', 'postalCode must be a French postal code (5 digits).');
  const city = input.city?.trim() ?? '';
  if (city.length < 1 || city.length > 100) throw invalid('city', 'city must be 1 to 100 characters.');
  return {
    kind: input.kind,
    legalName,
    legalForm: optionalText(input.legalForm, 'legalForm', 100),
    shareCapitalCents,
    rcsCity: optionalText(input.rcsCity, 'rcsCity', 100),
    siret,
    vatNumber,
    addressLine: optionalText(input.addressLine, 'addressLine', 200),
    postalCode,
    city,
  };
}

/** A change: the fields sent replace the current ones, then the whole identity is checked again. */
export function changedHostStructure(current: HostStructureData, changes: Partial<Omit<CreateHostStructureRequest, 'kind'>>): HostStructureData {
  if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  const { shareCapitalCents, ...rest } = current;
  return hostStructureData({ ...rest, shareCapital: shareCapitalCents === null ? null : formatCents(shareCapitalCents), ...changes });
}
