import { CreateHostStructureRequest, DomainError, HOST_STRUCTURE_KINDS, HostStructureKind } from '@kpa/contracts';
import { compactIdentifier, isValidFrenchVatNumber, isValidSiret } from './french-identifiers';

export interface NewHostStructure {
  kind: HostStructureKind;
  legalName: string;
  siret: string;
  vatNumber: string | null;
  city: string;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** Checks and normalises a new host structure: the legal seller printed on every quote and invoice. */
export function newHostStructure(input: CreateHostStructureRequest): NewHostStructure {
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
      throw invalid('vatNumber', 'vatNumber must be the French VAT number of this SIREN (FR + 2-digit key + the 9 digits of the SIRET); leave it empty under the VAT franchise (art. 293 B du CGI).');
    }
  }
  const city = input.city?.trim() ?? '';
  if (city.length < 1 || city.length > 100) throw invalid('city', 'city must be 1 to 100 characters.');
  return { kind: input.kind, legalName, siret, vatNumber, city };
}
