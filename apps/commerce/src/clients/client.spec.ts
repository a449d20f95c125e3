import { ClientInput, DomainError } from '@kpa/contracts';
import { changeClient, newClient, sirenOf } from './client';

const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
// INSEE's own SIRET (public register) and the VAT number of its SIREN.
const SIRET = '12002701600357';
const VAT = 'FR85120027016';
const company: ClientInput = { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('client rules', () => {
  it('normalises a company: SIRET and VAT compacted and checked', () => {
    const data = newClient(company);
    expect(data).toEqual({
      kind: 'company',
      name: 'Boulangerie du Pile',
      billingAddress: address,
      email: null,
      phone: null,
      siret: SIRET,
      vatNumber: VAT,
      chorusServiceCode: null,
      commitmentNumberRequired: false,
    });
    expect(sirenOf(data.siret)).toBe('120027016');
  });

  it('refuses a SIRET whose Luhn key does not match, and a French VAT key that does not', () => {
    expect(refusal(() => newClient({ ...company, siret: '12002701600358' })).details).toEqual({ field: 'siret' });
    expect(refusal(() => newClient({ ...company, vatNumber: 'FR86120027016' })).details).toEqual({ field: 'vatNumber' });
    // A valid French VAT number of another SIREN.
    expect(refusal(() => newClient({ ...company, vatNumber: 'FR40303265045' })).details).toEqual({ field: 'vatNumber' });
    // Another EU country's number: the format only.
    expect(newClient({ ...company, vatNumber: 'BE0123456789' }).vatNumber).toBe('BE0123456789');
  });

  it('requires a SIRET of companies and public bodies, not of associations', () => {
    expect(refusal(() => newClient({ ...company, siret: undefined, vatNumber: null })).details).toEqual({ field: 'siret' });
    expect(refusal(() => newClient({ kind: 'public_body', name: 'Mairie de Roubaix', billingAddress: address })).details).toEqual({ field: 'siret' });
    expect(newClient({ kind: 'association', name: 'Les Jardins du Pile', billingAddress: address }).siret).toBeNull();
  });

  it('refuses a SIRET or VAT number on an individual', () => {
    const individual: ClientInput = { kind: 'individual', name: 'Mme Durand', billingAddress: address, email: 'durand@example.org', phone: '06 12 34 56 78' };
    expect(newClient(individual)).toMatchObject({ siret: null, vatNumber: null, email: 'durand@example.org' });
    const siret = refusal(() => newClient({ ...individual, siret: SIRET }));
    expect(siret.code).toBe('VALIDATION_FAILED');
    expect(siret.details).toEqual({ field: 'siret' });
    expect(refusal(() => newClient({ ...individual, vatNumber: VAT })).details).toEqual({ field: 'vatNumber' });
  });

  it('keeps the Chorus Pro service code and the commitment number rule for public bodies only', () => {
    const body = newClient({ kind: 'public_body', name: 'Mairie de Roubaix', billingAddress: address, siret: SIRET, chorusServiceCode: 'SERV-ACHATS', commitmentNumberRequired: true });
    expect(body).toMatchObject({ chorusServiceCode: 'SERV-ACHATS', commitmentNumberRequired: true });
    expect(refusal(() => newClient({ ...company, chorusServiceCode: 'X' })).details).toEqual({ field: 'chorusServiceCode' });
    expect(refusal(() => newClient({ ...company, commitmentNumberRequired: true })).details).toEqual({ field: 'commitmentNumberRequired' });
    expect(refusal(() => newClient({ ...company, kind: 'public_body', chorusServiceCode: 'x'.repeat(101) })).details).toEqual({ field: 'chorusServiceCode' });
  });

  it('checks the billing address and contact details', () => {
    expect(refusal(() => newClient({ ...company, billingAddress: { ...address, postalCode: '5910' } })).details).toEqual({ field: 'billingAddress.postalCode' });
    expect(refusal(() => newClient({ ...company, billingAddress: undefined as never })).details).toEqual({ field: 'billingAddress' });
    expect(refusal(() => newClient({ ...company, email: 'not-an-email' })).details).toEqual({ field: 'email' });
    expect(refusal(() => newClient({ ...company, kind: 'supplier' as never })).details).toEqual({ field: 'kind' });
  });

  it('applies a change and checks the whole client again', () => {
    const data = newClient(company);
    expect(changeClient(data, { name: 'Boulangerie Pile & Fils' }).name).toBe('Boulangerie Pile & Fils');
    expect(refusal(() => changeClient(data, { kind: 'individual' })).details).toEqual({ field: 'siret' });
    expect(changeClient(data, { kind: 'individual', siret: null, vatNumber: null })).toMatchObject({ kind: 'individual', siret: null });
    expect(refusal(() => changeClient(data, {})).message).toContain('Nothing to change');
  });
});
