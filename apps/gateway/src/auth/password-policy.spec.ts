import { checkPasswordStrength } from './password-policy';
import { codeOf } from '@kpa/testing/refusal';

describe('checkPasswordStrength', () => {
  it('accepts a long uncommon password', () => {
    expect(codeOf(() => checkPasswordStrength('la cape roule à vélo', 'marie@lacape.fr'))).toBeUndefined();
  });

  it('refuses fewer than 12 characters', () => {
    expect(codeOf(() => checkPasswordStrength('Abc!1234567'))).toBe('WEAK_PASSWORD');
  });

  it('refuses common passwords whatever their case', () => {
    expect(codeOf(() => checkPasswordStrength('Azerty123456'))).toBe('WEAK_PASSWORD');
    expect(codeOf(() => checkPasswordStrength('MotDePasse123'))).toBe('WEAK_PASSWORD');
  });

  it('refuses one character repeated and the e-mail inside the password', () => {
    expect(codeOf(() => checkPasswordStrength('zzzzzzzzzzzzzz'))).toBe('WEAK_PASSWORD');
    expect(codeOf(() => checkPasswordStrength('coordination2026!', 'coordination@lacape.fr'))).toBe('WEAK_PASSWORD');
  });
});
