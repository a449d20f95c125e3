import { DomainError } from '@kpa/contracts';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Passwords people pick first (and their French favourites). A long common password is still
 * guessed in seconds; a short list catches the worst, the length rule does the rest.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  'azertyuiopqsd',
  'azertyuiop123',
  'azertyazerty',
  'qwertyuiop123',
  'qwertyqwerty',
  'password1234',
  'password12345',
  'passwordpassword',
  'motdepasse123',
  'motdepasse1234',
  'motdepassemotdepasse',
  'soleil123456',
  'bonjour123456',
  'iloveyou1234',
  'jetaime123456',
  'doudou123456',
  'chouchou1234',
  'marseille1234',
  'liverpool1234',
  'football1234',
  'princesse1234',
  'administrator',
  'admin1234567',
  'adminadmin12',
  'changeme1234',
  'welcome12345',
  'letmein12345',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'abcdefghijkl',
  'abcdef123456',
  'qwerty123456',
  'azerty123456',
  '123456azerty',
  '123456qwerty',
  'kpacite12345',
  'kpa-cite1234',
  'roubaix12345',
]);

/** Refuses a password that is too short, common, or made of the e-mail; says what to do instead, naming `field` (the form's input). */
export function checkPasswordStrength(password: string, email?: string, field = 'password'): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('WEAK_PASSWORD', `The password must have at least ${MIN_PASSWORD_LENGTH} characters; a short sentence is easy to remember.`, { field });
  }
  if (password.length > 256) {
    throw new DomainError('WEAK_PASSWORD', 'The password must have at most 256 characters.', { field });
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || /^(.)\1+$/.test(password)) {
    throw new DomainError('WEAK_PASSWORD', 'This password is among the most common ones and would be guessed at once; choose another.', { field });
  }
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart)) {
    throw new DomainError('WEAK_PASSWORD', 'The password must not contain the e-mail address.', { field });
  }
}
