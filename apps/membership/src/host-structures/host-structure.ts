import {
  compactIban,
  CreateHostStructureRequest,
  DomainError,
  formatCents,
  HOST_STRUCTURE_KINDS,
  HostStructureKind,
  isAbsent,
  isValidBic,
  isValidIban,
  optionalEmail,
  optionalPhone,
  optionalText as optionalCheckedText,
  parseCents,
} from '@kpa/contracts';
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
  iban: string | null;
  bic: string | null;
  electronicAddress: string | null;
  phone: string | null;
  email: string | null;
  vatOnDebits: boolean;
  mediatorName: string | null;
  mediatorContact: string | null;
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
  const { iban, bic } = bankAccount(input.iban, input.bic);
  if (input.vatOnDebits !== undefined && typeof input.vatOnDebits !== 'boolean') throw invalid('vatOnDebits', 'vatOnDebits must be true or false.');
  const vatOnDebits = input.vatOnDebits ?? false;
  if (vatOnDebits && vatNumber === null) {
    throw invalid('vatOnDebits', 'vatOnDebits applies to a VAT-registered host structure only: give its vatNumber, or leave vatOnDebits false under the VAT franchise.');
  }
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
    iban,
    bic,
    electronicAddress: electronicAddress(input.electronicAddress),
    phone: optionalPhone(input.phone, 'phone'),
    email: optionalEmail(input.email, 'email'),
    vatOnDebits,
    ...consumerMediator(input.mediatorName, input.mediatorContact),
  };
}

/**
 * The consumer mediator (C. consom. L612-1: every professional selling to consumers offers one, free;
 * R616-1: its name and website or address are given to the consumer): both, or neither.
 */
function consumerMediator(nameInput: unknown, contactInput: unknown): { mediatorName: string | null; mediatorContact: string | null } {
  const mediatorName = optionalCheckedText(nameInput, 'mediatorName', 200);
  const mediatorContact = optionalCheckedText(contactInput, 'mediatorContact', 300);
  if (mediatorName !== null && mediatorContact === null) {
    throw invalid('mediatorContact', "mediatorContact is required with mediatorName: the mediator's website or postal address, as consumers will read it.");
  }
  if (mediatorContact !== null && mediatorName === null) throw invalid('mediatorName', 'mediatorName is required with mediatorContact: the name of the consumer mediator.');
  return { mediatorName, mediatorContact };
}

/** IBAN (ISO 13616, mod 97; 27 characters in France) stored compact, and its BIC (8 or 11 characters), which needs an IBAN. */
function bankAccount(ibanInput: unknown, bicInput: unknown): { iban: string | null; bic: string | null } {
  let iban: string | null = null;
  if (!isAbsent(ibanInput)) {
    if (typeof ibanInput !== 'string') throw invalid('iban', 'iban must be text.');
    iban = compactIban(ibanInput);
    if (!isValidIban(iban)) {
      throw invalid(
        'iban',
        'iban must be a valid IBAN: 2 letters of the country, 2 check digits and the account (27 characters for a French IBAN, "FR76 3000 6000 0112 3456 7890 189"); check it against the bank details (RIB).',
      );
    }
  }
  let bic: string | null = null;
  if (!isAbsent(bicInput)) {
    if (typeof bicInput !== 'string') throw invalid('bic', 'bic must be text.');
    bic = bicInput.replace(/\s/g, '').toUpperCase();
    if (!isValidBic(bic)) throw invalid('bic', 'bic must be a BIC of 8 or 11 letters and digits ("BNPAFRPP" or "BNPAFRPPXXX").');
    if (iban === null) throw invalid('bic', 'A bic goes with an iban: give the iban too, or leave the bic empty.');
  }
  return { iban, bic };
}

/** The reform's routing address (PPF directory): free text without spaces, at most 125 characters, usually "SIREN" or "SIREN_suffix". */
function electronicAddress(value: unknown): string | null {
  const address = optionalCheckedText(value, 'electronicAddress', 125);
  if (address !== null && /\s/.test(address)) {
    throw invalid('electronicAddress', 'electronicAddress must have no spaces: the address registered in the e-invoicing directory, usually the SIREN or "SIREN_suffix".');
  }
  return address;
}

/** A change: the fields sent replace the current ones, then the whole identity is checked again. */
export function changedHostStructure(current: HostStructureData, changes: Partial<Omit<CreateHostStructureRequest, 'kind'>>): HostStructureData {
  if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  const { shareCapitalCents, ...rest } = current;
  return hostStructureData({ ...rest, shareCapital: shareCapitalCents === null ? null : formatCents(shareCapitalCents), ...changes });
}
