import { Client, CLIENT_KINDS, ClientInput, ClientKind, compactIdentifier, DomainError, isValidFrenchVatNumber, isValidSiret, PostalAddress } from '@kpa/contracts';

/** A client's data as the rules see it (what is stored, without ids and timestamps). */
export type ClientData = Omit<Client, 'id' | 'siteId' | 'siren' | 'createdAt' | 'updatedAt'>;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function text(value: unknown, field: string, min: number, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length < min || trimmed.length > max) throw invalid(field, `${field} must be ${min} to ${max} characters.`);
  return trimmed;
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function optionalText(value: unknown, field: string, max: number): string | null {
  return absent(value) ? null : text(value, field, 1, max);
}

function email(value: unknown): string | null {
  const checked = optionalText(value, 'email', 254);
  if (checked !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(checked)) throw invalid('email', 'email must be an e-mail address.');
  return checked;
}

function phone(value: unknown): string | null {
  const checked = optionalText(value, 'phone', 20);
  if (checked !== null && !/^\+?[0-9 .()-]{6,20}$/.test(checked)) throw invalid('phone', 'phone must be a phone number (digits, spaces, + . - ( )).');
  return checked;
}

function billingAddress(value: PostalAddress | null | undefined): PostalAddress {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw invalid('billingAddress', 'billingAddress is required: {line, postalCode, city}, printed on quotes and invoices.');
  }
  const postalCode = text(value.postalCode, 'billingAddress.postalCode', 5, 5);
  if (!/^\d{5}$/.test(postalCode)) throw invalid('billingAddress.postalCode', 'billingAddress.postalCode must be a French postal code (5 digits).');
  return { line: text(value.line, 'billingAddress.line', 1, 200), postalCode, city: text(value.city, 'billingAddress.city', 1, 100) };
}

function siret(value: unknown, kind: ClientKind): string | null {
  if (kind === 'individual') {
    if (!absent(value)) throw invalid('siret', 'An individual has no SIRET: remove siret, or choose the kind company, association or public_body.');
    return null;
  }
  if (absent(value)) {
    if (kind === 'association') return null; // a small association may have no SIRET (RNA only)
    throw invalid('siret', `siret is required for a ${kind === 'company' ? 'company' : 'public body'} (14 digits, spaces allowed).`);
  }
  const compact = compactIdentifier(String(value));
  if (!isValidSiret(compact)) throw invalid('siret', 'siret must be the 14 digits of an existing establishment (its Luhn check key does not match).');
  return compact;
}

function vatNumber(value: unknown, kind: ClientKind, checkedSiret: string | null): string | null {
  if (absent(value)) return null;
  if (kind === 'individual') throw invalid('vatNumber', 'An individual has no VAT number: remove vatNumber, or choose another kind.');
  const compact = compactIdentifier(String(value));
  if (compact.startsWith('FR')) {
    if (!isValidFrenchVatNumber(compact, checkedSiret?.slice(0, 9))) {
      throw invalid('vatNumber', 'vatNumber is not a valid French VAT number for this SIRET (FR + 2-digit key + the first 9 digits of the SIRET).');
    }
    return compact;
  }
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(compact)) throw invalid('vatNumber', 'vatNumber must be an EU VAT number: 2-letter country code then 2 to 13 letters or digits.');
  return compact;
}

/** Checks and normalises a new client: identifiers by kind, address for the documents. */
export function newClient(input: ClientInput): ClientData {
  if (!CLIENT_KINDS.includes(input.kind)) throw invalid('kind', `kind must be one of ${CLIENT_KINDS.join(', ')}.`);
  const kind = input.kind;
  const checkedSiret = siret(input.siret, kind);
  const publicBody = kind === 'public_body';
  if (!publicBody && !absent(input.chorusServiceCode)) throw invalid('chorusServiceCode', 'chorusServiceCode is for public bodies only: remove it or choose the kind public_body.');
  if (!publicBody && input.commitmentNumberRequired === true) {
    throw invalid('commitmentNumberRequired', 'commitmentNumberRequired is for public bodies only: remove it or choose the kind public_body.');
  }
  if (input.commitmentNumberRequired !== undefined && typeof input.commitmentNumberRequired !== 'boolean') {
    throw invalid('commitmentNumberRequired', 'commitmentNumberRequired must be true or false.');
  }
  return {
    kind,
    name: text(input.name, 'name', 1, 200),
    billingAddress: billingAddress(input.billingAddress),
    email: email(input.email),
    phone: phone(input.phone),
    siret: checkedSiret,
    vatNumber: vatNumber(input.vatNumber, kind, checkedSiret),
    chorusServiceCode: publicBody ? optionalText(input.chorusServiceCode, 'chorusServiceCode', 100) : null,
    commitmentNumberRequired: publicBody && input.commitmentNumberRequired === true,
  };
}

/** Applies a PATCH: the fields sent replace the current ones, then the whole client is checked again. */
export function changeClient(current: ClientData, changes: Partial<ClientInput>): ClientData {
  if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  return newClient({ ...current, ...changes });
}

/** The SIREN: the first 9 digits of the SIRET. */
export function sirenOf(checkedSiret: string | null): string | null {
  return checkedSiret === null ? null : checkedSiret.slice(0, 9);
}
