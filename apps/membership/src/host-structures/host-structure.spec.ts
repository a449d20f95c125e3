import { changedHostStructure, hostStructureData } from './host-structure';
import { refusalIfAny } from '@kpa/testing/refusal';

const valid = {
  kind: 'cae' as const,
  legalName: ' CAE Grand Nord ',
  legalForm: 'SCOP SARL à capital variable',
  shareCapital: '15000.5',
  rcsCity: 'Lille Métropole',
  siret: '120 027 016 00357',
  vatNumber: 'fr 85 120027016',
  addressLine: '2 rue de la Coopération',
  postalCode: '59000',
  city: 'Lille',
};

/** The field a refusal names, else its code; undefined when the rule accepts. */
function fieldOf(run: () => unknown): string | undefined {
  const refusal = refusalIfAny(run);
  return refusal && ((refusal.field as string | undefined) ?? refusal.code);
}

describe('host structure rules', () => {
  it('compacts the identifiers people type with spaces and keeps the capital in cents', () => {
    expect(hostStructureData(valid)).toEqual({
      kind: 'cae',
      legalName: 'CAE Grand Nord',
      legalForm: 'SCOP SARL à capital variable',
      shareCapitalCents: 1500050,
      rcsCity: 'Lille Métropole',
      siret: '12002701600357',
      vatNumber: 'FR85120027016',
      addressLine: '2 rue de la Coopération',
      postalCode: '59000',
      city: 'Lille',
      iban: null,
      bic: null,
      electronicAddress: null,
      phone: null,
      email: null,
      vatOnDebits: false,
      mediatorName: null,
      mediatorContact: null,
    });
  });

  it('keeps the consumer mediator as a whole: its name with its website or address, both cleared together', () => {
    const data = hostStructureData({ ...valid, mediatorName: ' CM2C ', mediatorContact: 'www.cm2c.net — 14 rue Saint-Jean, 75017 Paris' });
    expect(data).toMatchObject({ mediatorName: 'CM2C', mediatorContact: 'www.cm2c.net — 14 rue Saint-Jean, 75017 Paris' });
    expect(changedHostStructure(data, { legalForm: 'SCIC SA' }).mediatorName).toBe('CM2C');
    expect(changedHostStructure(data, { mediatorName: '', mediatorContact: null })).toMatchObject({ mediatorName: null, mediatorContact: null });
    expect(fieldOf(() => changedHostStructure(data, { mediatorContact: '' }))).toBe('mediatorContact');
    expect(fieldOf(() => hostStructureData({ ...valid, mediatorContact: 'www.cm2c.net' }))).toBe('mediatorName');
    expect(fieldOf(() => hostStructureData({ ...valid, mediatorName: 'M'.repeat(201), mediatorContact: 'www.cm2c.net' }))).toBe('mediatorName');
    expect(fieldOf(() => hostStructureData({ ...valid, mediatorName: 'CM2C', mediatorContact: 'x\u0000' }))).toBe('mediatorContact');
  });

  it('stores the IBAN compact and upper case, with its BIC, routing address, phone, e-mail and the VAT-on-debits option', () => {
    const data = hostStructureData({
      ...valid,
      iban: 'fr76 3000 6000 0112 3456 7890 189',
      bic: 'bnpa frpp',
      electronicAddress: ' 120027016_FACTURES ',
      phone: '03 20 00 00 00',
      email: 'facturation@cae-grand-nord.fr',
      vatOnDebits: true,
    });
    expect(data).toMatchObject({
      iban: 'FR7630006000011234567890189',
      bic: 'BNPAFRPP',
      electronicAddress: '120027016_FACTURES',
      phone: '03 20 00 00 00',
      email: 'facturation@cae-grand-nord.fr',
      vatOnDebits: true,
    });
    // A change keeps them, and blank clears one.
    expect(changedHostStructure(data, { legalForm: 'SCIC SA' }).iban).toBe('FR7630006000011234567890189');
    expect(changedHostStructure(data, { phone: '' }).phone).toBeNull();
  });

  it('refuses a wrong IBAN key, a French IBAN of the wrong length, a BIC of 9 characters or without IBAN, an address with spaces or too long', () => {
    expect(fieldOf(() => hostStructureData({ ...valid, iban: 'FR7730006000011234567890189' }))).toBe('iban');
    expect(fieldOf(() => hostStructureData({ ...valid, iban: 'FR763000600001123456789018' }))).toBe('iban');
    expect(fieldOf(() => hostStructureData({ ...valid, iban: 'FR7630006000011234567890189', bic: 'BNPAFRPPX' }))).toBe('bic');
    expect(fieldOf(() => hostStructureData({ ...valid, bic: 'BNPAFRPP' }))).toBe('bic');
    expect(fieldOf(() => hostStructureData({ ...valid, electronicAddress: '120027016 factures' }))).toBe('electronicAddress');
    expect(fieldOf(() => hostStructureData({ ...valid, electronicAddress: '1'.repeat(126) }))).toBe('electronicAddress');
    expect(fieldOf(() => hostStructureData({ ...valid, email: 'not-an-address' }))).toBe('email');
    expect(fieldOf(() => hostStructureData({ ...valid, phone: 'call me' }))).toBe('phone');
  });

  it('refuses the VAT-on-debits option under the VAT franchise, and anything but a boolean', () => {
    expect(fieldOf(() => hostStructureData({ ...valid, vatNumber: null, vatOnDebits: true }))).toBe('vatOnDebits');
    expect(fieldOf(() => hostStructureData({ ...valid, vatOnDebits: 'yes' as never }))).toBe('vatOnDebits');
    expect(hostStructureData({ ...valid, vatNumber: null, vatOnDebits: false }).vatOnDebits).toBe(false);
  });

  it('takes an empty VAT number as the VAT franchise, and optional company-law mentions as absent', () => {
    const association = hostStructureData({ kind: 'association', legalName: 'Centre social', siret: '12002701600357', city: 'Roubaix', vatNumber: '' });
    expect(association).toMatchObject({ vatNumber: null, shareCapitalCents: null, legalForm: null, rcsCity: null });
  });

  it('refuses a SIRET whose key does not match, a VAT number of another SIREN, a capital that is not an amount', () => {
    expect(fieldOf(() => hostStructureData({ ...valid, siret: '12002701600358' }))).toBe('siret');
    expect(fieldOf(() => hostStructureData({ ...valid, vatNumber: 'FR86120027016' }))).toBe('vatNumber');
    expect(fieldOf(() => hostStructureData({ ...valid, siret: '35600000049837', vatNumber: 'FR85120027016' }))).toBe('vatNumber');
    expect(fieldOf(() => hostStructureData({ ...valid, shareCapital: '15 000 €' }))).toBe('shareCapital');
    expect(fieldOf(() => hostStructureData({ ...valid, postalCode: '5900' }))).toBe('postalCode');
  });

  it('refuses an unknown kind and a missing name', () => {
    expect(fieldOf(() => hostStructureData({ ...valid, kind: 'bank' as never }))).toBe('kind');
    expect(fieldOf(() => hostStructureData({ ...valid, legalName: 'X' }))).toBe('legalName');
  });

  it('applies a change and checks the whole identity again', () => {
    const current = hostStructureData(valid);
    expect(changedHostStructure(current, { shareCapital: '20000.00', vatNumber: null })).toMatchObject({
      shareCapitalCents: 2000000,
      vatNumber: null,
      legalName: 'CAE Grand Nord',
    });
    expect(changedHostStructure(current, { legalForm: 'SCIC SA' }).shareCapitalCents).toBe(1500050);
    expect(fieldOf(() => changedHostStructure(current, { siret: '12002701600358' }))).toBe('siret');
    expect(fieldOf(() => changedHostStructure(current, {}))).toBe('VALIDATION_FAILED');
  });
});
