import { compareDates, DomainError, isIsoDate } from '@kpa/contracts';

/**
 * CGI ann. II art. 242 nonies A 7°: "un numéro unique basé sur une séquence chronologique et
 * continue". One series per site (within its host structure) and kind of document, each with its
 * own prefix (BOFiP: distinct series need distinct prefixes).
 */
export const DOCUMENT_KINDS = ['invoice', 'credit_note', 'quote'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const SERIES_LETTER: Record<DocumentKind, string> = { invoice: 'F', credit_note: 'A', quote: 'D' };

/** Numbers keep at least this many digits, so they sort as text too (grows beyond if needed). */
export const MIN_DIGITS = 5;

/**
 * `LACAPE-F-2026-00042`. The year is the issue date's, shown for people; the counter never resets
 * (not monthly, not yearly): docs/domain-rules.md §1.2 calls it the safest reading of the rule, and a
 * host's accountant who wants a yearly reset can have it as a new series later.
 */
export function formatDocumentNumber(siteCode: string, kind: DocumentKind, issueDate: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`A document sequence starts at 1: ${sequence}`);
  return `${documentNumberPrefix(siteCode, kind, issueDate)}${String(sequence).padStart(MIN_DIGITS, '0')}`;
}

/** `LACAPE-F-2026-`: what comes before the sequence. */
export function documentNumberPrefix(siteCode: string, kind: DocumentKind, issueDate: string): string {
  return `${siteCode}-${SERIES_LETTER[kind]}-${issueDate.slice(0, 4)}-`;
}

/**
 * The next number of a series, given the last one issued: number n + 1 never predates number n
 * (a series is chronological).
 */
export function nextInSeries(series: { nextSequence: number; lastIssuedOn: string | null }, issueDate: string): { sequence: number } {
  if (!isIsoDate(issueDate)) throw new DomainError('VALIDATION_FAILED', 'issueDate must be a date written YYYY-MM-DD.', { field: 'issueDate' });
  if (series.lastIssuedOn !== null && compareDates(issueDate, series.lastIssuedOn) < 0) {
    throw new DomainError(
      'ISSUE_DATE_BEFORE_LAST',
      `The last document of this series was issued on ${series.lastIssuedOn}: a new one cannot be dated ${issueDate} (numbers follow the dates).`,
      { field: 'issueDate', lastIssuedOn: series.lastIssuedOn },
    );
  }
  return { sequence: series.nextSequence };
}
