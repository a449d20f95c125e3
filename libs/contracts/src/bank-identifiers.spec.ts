import { compactIban, formatIban, isValidBic, isValidIban } from './bank-identifiers';

describe('bank identifiers', () => {
  it('accepts a French IBAN typed with spaces once compacted, and prints it in groups of four', () => {
    const iban = compactIban('fr76 3000 6000 0112 3456 7890 189');
    expect(iban).toBe('FR7630006000011234567890189');
    expect(isValidIban(iban)).toBe(true);
    expect(formatIban(iban)).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('refuses a wrong check key, a French IBAN of the wrong length and lower case', () => {
    expect(isValidIban('FR7730006000011234567890189')).toBe(false);
    expect(isValidIban('FR763000600001123456789018')).toBe(false);
    expect(isValidIban('fr7630006000011234567890189')).toBe(false);
  });

  it('accepts IBANs of other countries with their mod-97 key (German, Belgian)', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('BE68539007547034')).toBe(true);
  });

  it('accepts 8- and 11-character BICs only', () => {
    expect(isValidBic('BNPAFRPP')).toBe(true);
    expect(isValidBic('BNPAFRPPXXX')).toBe(true);
    expect(isValidBic('BNPAFRP')).toBe(false);
    expect(isValidBic('BNPAFRPPXX')).toBe(false);
    expect(isValidBic('1NPAFRPP')).toBe(false);
  });
});
