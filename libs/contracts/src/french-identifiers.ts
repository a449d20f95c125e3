/**
 * French company identifiers. SIREN (9 digits) and SIRET (SIREN + 5-digit establishment number)
 * carry a Luhn key (INSEE); La Poste's establishments (SIREN 356000000) are the known exception:
 * their SIRET digits sum to a multiple of 5 instead.
 */
const LA_POSTE_SIREN = '356000000';

export function isValidLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && isValidLuhn(value);
}

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== '35600000000048') {
    return [...value].reduce((sum, c) => sum + Number(c), 0) % 5 === 0;
  }
  return isValidLuhn(value);
}

/** The key of a French intra-EU VAT number: FR + key (2 digits) + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatNumberFor(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

export function isValidFrenchVatNumber(value: string, siren?: string): boolean {
  const match = /^FR(\d{2})(\d{9})$/.exec(value);
  if (!match) return false;
  if (siren !== undefined && match[2] !== siren) return false;
  return frenchVatNumberFor(match[2]) === value;
}

/** Removes the spaces people type in identifiers ("123 456 789 00012", "FR 40 123456789"). */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}
