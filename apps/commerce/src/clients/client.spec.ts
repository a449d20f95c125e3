import { ClientInput } from '@kpa/contracts';
import { changeClient, newClient, sirenOf } from './client';
import { refusalOf } from '@kpa/testing/refusal';

const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
// INSEE's own SIRET (public register) and the VAT number of its SIREN.
const SIRET = '12002701600357';
const VAT = 'FR85120027016';
const company: ClientInput = { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' };

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
    expect(refusalOf(() => newClient({ ...company, siret: '12002701600358' })).details).toEqual({ field: 'siret' });
    expect(refusalOf(() => newClient({ ...company, vatNumber: 'FR86120027016' })).details).toEqual({ field: 'vatNumber' });
    // A valid French VAT number of another SIREN.
    expect(refusalOf(() => newClient({ ...company, vatNumber: 'FR40303265045' })).details).toEqual({ field: 'vatNumber' });
    // Another EU country's number: the format only.
    expect(newClient({ ...company, vatNumber: 'BE0123456789' }).vatNumber).toBe('BE0123456789');
  });

  it('requires a SIRET of companies and public bodies, not of associations', () => {
    expect(refusalOf(() => newClient({ ...company, siret: undefined, vatNumber: null })).details).toEqual({ field: 'siret' });
    expect(refusalOf(() => newClient({ kind: 'public_body', name: 'Mairie de Roubaix', billingAddress: address })).details).toEqual({ field: 'siret' });
    expect(newClient({ kind: 'association', name: 'Les Jardins du Pile', billingAddress: address }).siret).toBeNull();
  });

  it('refuses a SIRET or VAT number on an individual', () => {
    const individual: ClientInput = { kind: 'individual', name: 'Mme Durand', billingAddress: address, email: 'durand@example.org', phone: '06 12 34 56 78' };
    expect(newClient(individual)).toMatchObject({ siret: null, vatNumber: null, email: 'durand@example.org' });
    const siret = refusalOf(() => newClient({ ...individual, siret: SIRET }));
    expect(siret.code).toBe('VALIDATION_FAILED');
    expect(siret.details).toEqual({ field: 'siret' });
    expect(refusalOf(() => newClient({ ...individual, vatNumber: VAT })).details).toEqual({ field: 'vatNumber' });
  });

  it('keeps the Chorus Pro service code and the commitment number rule for public bodies only', () => {
    const body = newClient({
      kind: 'public_body',
      name: 'Mairie de Roubaix',
      billingAddress: address,
      siret: SIRET,
      chorusServiceCode: 'SERV-ACHATS',
      commitmentNumberRequired: true,
    });
    expect(body).toMatchObject({ chorusServiceCode: 'SERV-ACHATS', commitmentNumberRequired: true });
    expect(refusalOf(() => newClient({ ...company, chorusServiceCode: 'X' })).details).toEqual({ field: 'chorusServiceCode' });
    expect(refusalOf(() => newClient({ ...company, commitmentNumberRequired: true })).details).toEqual({ field: 'commitmentNumberRequired' });
    expect(refusalOf(() => newClient({ ...company, kind: 'public_body', chorusServiceCode: 'x'.repeat(101) })).details).toEqual({ field: 'chorusServiceCode' });
  });

  it('checks the billing address and contact details', () => {
    expect(refusalOf(() => newClient({ ...company, billingAddress: { ...address, postalCode: '5910' } })).details).toEqual({ field: 'billingAddress.postalCode' });
    expect(refusalOf(() => newClient({ ...company, billingAddress: undefined as never })).details).toEqual({ field: 'billingAddress' });
    expect(refusalOf(() => newClient({ ...company, email: 'not-an-email' })).details).toEqual({ field: 'email' });
    expect(refusalOf(() => newClient({ ...company, kind: 'supplier' as never })).details).toEqual({ field: 'kind' });
  });

  it('applies a change and checks the whole client again', () => {
    const data = newClient(company);
    expect(changeClient(data, { name: 'Boulangerie Pile & Fils' }).name).toBe('Boulangerie Pile & Fils');
    expect(refusalOf(() => changeClient(data, { kind: 'individual' })).details).toEqual({ field: 'siret' });
    expect(changeClient(data, { kind: 'individual', siret: null, vatNumber: null })).toMatchObject({ kind: 'individual', siret: null });
    expect(refusalOf(() => changeClient(data, {})).message).toContain('Nothing to change');
  });
});
