import { DomainError } from '@kpa/contracts';
import { newHostStructure } from './host-structure';

const valid = { kind: 'cae' as const, legalName: ' CAE Grand Nord ', siret: '120 027 016 00357', vatNumber: 'fr 85 120027016', city: 'Lille' };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return ((error as DomainError).details as { field?: string }).field;
  }
}

describe('host structure rules', () => {
  it('compacts the identifiers people type with spaces', () => {
    expect(newHostStructure(valid)).toEqual({ kind: 'cae', legalName: 'CAE Grand Nord', siret: '12002701600357', vatNumber: 'FR85120027016', city: 'Lille' });
  });

  it('takes an empty VAT number as the VAT franchise', () => {
    expect(newHostStructure({ ...valid, vatNumber: '' }).vatNumber).toBeNull();
    expect(newHostStructure({ ...valid, vatNumber: undefined }).vatNumber).toBeNull();
  });

  it('refuses a SIRET whose key does not match, and a VAT number of another SIREN', () => {
    expect(fieldOf(() => newHostStructure({ ...valid, siret: '12002701600358' }))).toBe('siret');
    expect(fieldOf(() => newHostStructure({ ...valid, vatNumber: 'FR86120027016' }))).toBe('vatNumber');
    expect(fieldOf(() => newHostStructure({ ...valid, siret: '35600000049837', vatNumber: 'FR85120027016' }))).toBe('vatNumber');
  });

  it('refuses an unknown kind and a missing name', () => {
    expect(fieldOf(() => newHostStructure({ ...valid, kind: 'bank' as never }))).toBe('kind');
    expect(fieldOf(() => newHostStructure({ ...valid, legalName: 'X' }))).toBe('legalName');
  });
});
