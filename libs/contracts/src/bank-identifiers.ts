/**
 * Bank identifiers printed on invoices for a transfer: IBAN (ISO 13616) and BIC (ISO 9362). One
 * implementation for membership (which checks what a host structure types) and commerce (which
 * prints and exports them).
 */

/** The IBAN's length per country, for the countries a French host structure banks in (others: 15–34). */
const IBAN_LENGTHS: Record<string, number> = { FR: 27, MC: 27, DE: 22, BE: 16, LU: 20, ES: 24, IT: 27, NL: 18, PT: 25, CH: 21, GB: 22 };

/** "fr76 3000 6000 0112 3456 7890 189" → "FR7630006000011234567890189". */
export function compactIban(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

/** ISO 13616: letters become 10..35, the first four characters move to the end, the number mod 97 is 1. */
export function isValidIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const expected = IBAN_LENGTHS[value.slice(0, 2)];
  if (expected !== undefined && value.length !== expected) return false;
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

/** The IBAN as people read it: groups of four ("FR76 3000 6000 0112 3456 7890 189"). */
export function formatIban(value: string): string {
  return compactIban(value).replace(/(.{4})(?=.)/g, '$1 ');
}

/** ISO 9362: 4 letters (bank), 2 letters (country), 2 letters or digits (place), optionally 3 (branch). */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);
}
