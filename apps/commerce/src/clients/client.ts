import {
  Client,
  CLIENT_KINDS,
  ClientInput,
  ClientKind,
  compactIdentifier,
  DomainError,
  invalidField,
  isValidFrenchVatNumber,
  isValidSiret,
  optionalEmail,
  optionalPhone,
  optionalText,
  PostalAddress,
  postalAddress,
  requiredText,
} from '@kpa/contracts';

/** A client's data as the rules see it (what is stored, without ids and timestamps). */
export type ClientData = Omit<Client, 'id' | 'siteId' | 'siren' | 'createdAt' | 'updatedAt'>;

function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function billingAddress(value: PostalAddress | null | undefined): PostalAddress {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw invalidField('billingAddress', 'billingAddress is required: {line, postalCode, city}, printed on quotes and invoices.');
  }
  return postalAddress(value, 'billingAddress');
}

function siret(value: unknown, kind: ClientKind): string | null {
  if (kind === 'individual') {
    if (!absent(value)) throw invalidField('siret', 'An individual has no SIRET: remove siret, or choose the kind company, association or public_body.');
    return null;
  }
  if (absent(value)) {
    if (kind === 'association') return null; // a small association may have no SIRET (RNA only)
    throw invalidField('siret', `siret is required for a ${kind === 'company' ? 'company' : 'public body'} (14 digits, spaces allowed).`);
  }
  const compact = compactIdentifier(String(value));
  if (!isValidSiret(compact)) throw invalidField('siret', 'siret must be the 14 digits of an existing establishment (its Luhn check key does not match).');
  return compact;
}

function vatNumber(value: unknown, kind: ClientKind, checkedSiret: string | null): string | null {
  if (absent(value)) return null;
  if (kind === 'individual') throw invalidField('vatNumber', 'An individual has no VAT number: remove vatNumber, or choose another kind.');
  const compact = compactIdentifier(String(value));
  if (compact.startsWith('FR')) {
    if (!isValidFrenchVatNumber(compact, checkedSiret?.slice(0, 9))) {
      throw invalidField('vatNumber', 'vatNumber is not a valid French VAT number for this SIRET (FR + 2-digit key + the first 9 digits of the SIRET).');
    }
    return compact;
  }
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(compact)) throw invalidField('vatNumber', 'vatNumber must be an EU VAT number: 2-letter country code then 2 to 13 letters or digits.');
  return compact;
}

/** Checks and normalises a new client: identifiers by kind, address for the documents. */
export function newClient(input: ClientInput): ClientData {
  if (!CLIENT_KINDS.includes(input.kind)) throw invalidField('kind', `kind must be one of ${CLIENT_KINDS.join(', ')}.`);
  const kind = input.kind;
  const checkedSiret = siret(input.siret, kind);
  const publicBody = kind === 'public_body';
  if (!publicBody && !absent(input.chorusServiceCode))
    throw invalidField('chorusServiceCode', 'chorusServiceCode is for public bodies only: remove it or choose the kind public_body.');
  if (!publicBody && input.commitmentNumberRequired === true) {
    throw invalidField('commitmentNumberRequired', 'commitmentNumberRequired is for public bodies only: remove it or choose the kind public_body.');
  }
  if (input.commitmentNumberRequired !== undefined && typeof input.commitmentNumberRequired !== 'boolean') {
    throw invalidField('commitmentNumberRequired', 'commitmentNumberRequired must be true or false.');
  }
  return {
    kind,
    name: requiredText(input.name, 'name', 1, 200),
    billingAddress: billingAddress(input.billingAddress),
    email: optionalEmail(input.email),
    phone: optionalPhone(input.phone),
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
