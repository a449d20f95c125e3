/**
 * French typography: a no-break space before the high punctuation marks `:` `;` `?` `!` (and inside
 * « guillemets »), so that the mark never starts a line on a phone. Pure.
 */
export const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

/** An ordinary space (or none after a word) before `;` `?` `!` `:` becomes a no-break space; times (10:30) and URLs (https://) are left alone. */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \t]+([:;?!»])/g, `${NBSP}$1`)
    .replace(/«[ \t\u00a0]*/g, `«${NBSP}`)
    .replace(/([^\s\d:;?!«\u00a0\u202f/])([;?!])(?=\s|$)/gu, `$1${NBSP}$2`)
    .replace(/([^\s\d:;?!«\u00a0\u202f/])(:)(?=\s|$)/gu, `$1${NBSP}$2`)
    .replace(new RegExp(`${NARROW_NBSP}([:;?!])`, 'g'), `${NBSP}$1`);
}

/** Whether a French text already follows the rule (what the message files are checked against). */
export function followsFrenchTypography(text: string): boolean {
  return frenchTypography(text) === text;
}
