import { frenchVatNumberFor, isValidFrenchVatNumber, isValidLuhn, isValidSiren, isValidSiret } from './french-identifiers';

describe('French company identifiers', () => {
  it('accepts real SIREN/SIRET numbers and refuses a changed digit', () => {
    // INSEE's own SIREN/SIRET (public register).
    expect(isValidSiren('120027016')).toBe(true);
    expect(isValidSiret('12002701600357')).toBe(true);
    expect(isValidSiret('12002701600358')).toBe(false);
    expect(isValidSiren('120027017')).toBe(false);
  });

  it('refuses anything that is not exactly the right number of digits', () => {
    expect(isValidSiret('1200270160035')).toBe(false);
    expect(isValidSiret('1200270160035A')).toBe(false);
    expect(isValidSiren('')).toBe(false);
  });

  it('checks La Poste establishments by the sum of their digits (the Luhn exception)', () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('computes and checks the key of a French VAT number', () => {
    expect(frenchVatNumberFor('120027016')).toBe('FR85120027016');
    // 120027016 mod 97 = 89; (12 + 3 × 89) mod 97 = 85.
    expect(isValidFrenchVatNumber('FR85120027016')).toBe(true);
    expect(isValidFrenchVatNumber('FR86120027016')).toBe(false);
    expect(isValidFrenchVatNumber('FR85120027016', '999999999')).toBe(false);
    expect(isValidLuhn('79927398713')).toBe(true);
  });
});
