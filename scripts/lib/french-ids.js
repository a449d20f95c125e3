'use strict';

/**
 * The demo CAE needs identifiers the API accepts: a SIRET passing the Luhn check and the French
 * VAT number of its SIREN. The values are fictitious and were derived as follows (the check at
 * the bottom recomputes them, so a typo cannot slip in):
 *   SIREN  = 98765432 + Luhn digit 4                       → 987654324
 *   SIRET  = SIREN + establishment 0001 + Luhn digit 9     → 98765432400019
 *   VAT    = FR + (12 + 3 × (987654324 mod 97)) mod 97 = 14 + SIREN → FR14987654324
 */
const DEMO_SIREN = '987654324';
const DEMO_SIRET = '98765432400019';
const DEMO_VAT_NUMBER = 'FR14987654324';

function isValidLuhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit that makes `prefix + digit` Luhn-valid. */
function luhnDigit(prefix) {
  for (let digit = 0; digit <= 9; digit++) {
    if (isValidLuhn(`${prefix}${digit}`)) return String(digit);
  }
  throw new Error('unreachable: one digit always completes a Luhn number');
}

function frenchVatNumber(siren) {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

function checkDemoIdentifiers() {
  const siren = `98765432${luhnDigit('98765432')}`;
  const siret = `${siren}0001${luhnDigit(`${siren}0001`)}`;
  if (siren !== DEMO_SIREN || siret !== DEMO_SIRET || frenchVatNumber(siren) !== DEMO_VAT_NUMBER) {
    throw new Error('scripts/lib/french-ids.js: the hard-coded demo identifiers do not match their derivation');
  }
}

checkDemoIdentifiers();

module.exports = { DEMO_SIREN, DEMO_SIRET, DEMO_VAT_NUMBER, isValidLuhn, luhnDigit, frenchVatNumber };
