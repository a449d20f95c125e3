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
    });
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
