import { isIsoDate } from './dates';
import { DomainError } from './errors';
import { isUuid } from './ids';
import { PostalAddress } from './rpc/membership/members';
import { forbiddenCharacterIn, forbiddenCharacterMessage } from './text-characters';

/**
 * The small checks every form shares (names, e-mails, phones, French addresses), each refusing
 * with the field's path and a message that says what to fix.
 */
export function invalidField(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

export function requiredText(value: unknown, field: string, min: number, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length < min || trimmed.length > max) throw invalidField(field, `${field} must be ${min} to ${max} characters.`);
  // The gateway refuses these already; a service must not crash on them (Postgres refuses NUL) if they come another way.
  const forbidden = forbiddenCharacterIn(trimmed);
  if (forbidden) throw invalidField(field, forbiddenCharacterMessage(field, forbidden.codePoint));
  return trimmed;
}

/** Absent, null or blank: "not given". */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Absent, null or blank is "not given" (null); anything else is checked as text. */
export function optionalText(value: unknown, field: string, max: number): string | null {
  if (isAbsent(value)) return null;
  return requiredText(value, field, 1, max);
}

export function optionalDate(value: unknown, field: string): string | null {
  if (isAbsent(value)) return null;
  if (!isIsoDate(value)) throw invalidField(field, `${field} must be a date written YYYY-MM-DD.`);
  return value;
}

/** An id (uuid), lower case, or null when not given. */
export function optionalUuid(value: unknown, field: string): string | null {
  if (isAbsent(value)) return null;
  if (!isUuid(value)) throw invalidField(field, `${field} must be a uuid.`);
  return value.toLowerCase();
}

export function optionalEmail(value: unknown, field = 'email'): string | null {
  const checked = optionalText(value, field, 254);
  if (checked !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(checked)) throw invalidField(field, `${field} must be an e-mail address.`);
  return checked;
}

export function optionalPhone(value: unknown, field = 'phone'): string | null {
  const checked = optionalText(value, field, 20);
  if (checked !== null && !/^\+?[0-9 .()-]{6,20}$/.test(checked)) throw invalidField(field, `${field} must be a phone number (digits, spaces, + . - ( )).`);
  return checked;
}

/** A French postal address: a line, a 5-digit postal code, a city. */
export function postalAddress(value: PostalAddress, field: string): PostalAddress {
  const postalCode = requiredText(value?.postalCode, `${field}.postalCode`, 5, 5);
  if (!/^\d{5}$/.test(postalCode)) throw invalidField(`${field}.postalCode`, `${field}.postalCode must be a French postal code (5 digits).`);
  return { line: requiredText(value.line, `${field}.line`, 1, 200), postalCode, city: requiredText(value.city, `${field}.city`, 1, 100) };
}
