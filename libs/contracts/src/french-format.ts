/**
 * How figures read in French, on a document, in an e-mail or on a screen: "1 234,56 €", "5,5 %",
 * "21/11/2026", "1er mars 2026", "4 déc. 2026", "2,5". One module for every service and the console.
 * Written by hand
 * rather than with Intl: the inputs are decimal strings that must never go through a binary float,
 * and the digits are grouped with one no-break space everywhere (Intl's fr-FR uses a narrow one,
 * U+202F, which older fonts and plain-text mail readers show badly).
 */

/** No-break space: keeps "1 234,56 €" on one line. */
export const NBSP = '\u00a0';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function groupThousands(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

function parts(value: string): { sign: string; integer: string; fraction: string } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${value}"`);
  return { sign: match[1], integer: match[2], fraction: match[3] ?? '' };
}

/** "1234.5" → "1 234,50 €"; "-12" → "-12,00 €". Two decimals at least, more kept ("18.1234" → "18,1234 €"). */
export function frenchAmount(value: string): string {
  const { sign, integer, fraction } = parts(value);
  const cents = fraction.length >= 2 ? fraction.replace(/(?<=\d{2})0+$/, '') : fraction.padEnd(2, '0');
  const negative = sign === '-' && /[1-9]/.test(integer + cents);
  return `${negative ? '-' : ''}${groupThousands(integer)},${cents}${NBSP}€`;
}

/** "2.500" → "2,5"; "1" → "1"; "1000" → "1 000". */
export function frenchNumber(value: string): string {
  const { sign, integer, fraction } = parts(value);
  const kept = fraction.replace(/0+$/, '');
  return `${sign}${groupThousands(integer)}${kept ? `,${kept}` : ''}`;
}

/** "5.5" → "5,5 %"; "20" → "20 %". */
export function frenchPercent(value: string): string {
  return `${frenchNumber(value)}${NBSP}%`;
}

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** "2026-11-21" → "21/11/2026". */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a date written YYYY-MM-DD: "${isoDate}"`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

function dateParts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new RangeError(`Not a date written YYYY-MM-DD: "${isoDate}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** "2026-03-01" → "1er mars 2026": in a sentence. */
export function frenchLongDate(isoDate: string): string {
  const [year, month, day] = dateParts(isoDate);
  return `${day === 1 ? '1er' : day}${NBSP}${MONTHS[month - 1]}${NBSP}${year}`;
}

/** "2026-12-04" → "4 déc. 2026": in a list or a table. */
export function frenchShortDate(isoDate: string): string {
  const [year, month, day] = dateParts(isoDate);
  return `${day === 1 ? '1er' : day}${NBSP}${SHORT_MONTHS[month - 1]}${NBSP}${year}`;
}

/** Every YYYY-MM-DD in a printed value written the French way ("du 2026-01-05 au 2026-01-06" → "du 05/01/2026 au 06/01/2026"). */
export function frenchDatesIn(text: string): string {
  return text.replace(ISO_DATE, (_match, year: string, month: string, day: string) => `${day}/${month}/${year}`);
}
