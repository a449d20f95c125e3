import { refusalOf } from '@kpa/testing/refusal';
import { optionalText, postalAddress, requiredText } from './field-rules';

describe('text fields', () => {
  it('refuse a control or direction character with the field named, so a service never sends NUL to Postgres', () => {
    expect(refusalOf(() => requiredText('Ali\u0000ce', 'firstName', 1, 80))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'firstName' });
    expect(refusalOf(() => optionalText('\u202eecivres', 'notes', 2000)).message).toContain('U+202E');
    expect(refusalOf(() => postalAddress({ line: '1 rue', postalCode: '59100', city: 'Roubaix\u0085' }, 'address')).field).toBe('address.city');
  });

  it('keep tab and line breaks inside a text', () => {
    expect(optionalText('ligne 1\n\tligne 2\r\nfin', 'notes', 2000)).toBe('ligne 1\n\tligne 2\r\nfin');
  });
});
