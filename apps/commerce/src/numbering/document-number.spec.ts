import { DomainError } from '@kpa/contracts';
import { formatDocumentNumber, nextInSeries } from './document-number';
import { refusalOf } from '@kpa/testing/refusal';

describe('document numbers', () => {
  it('prefixes the site code, the series letter and the year of issue', () => {
    expect(formatDocumentNumber('LACAPE', 'invoice', '2026-11-21', 42)).toBe('LACAPE-F-2026-00042');
    expect(formatDocumentNumber('LACAPE', 'credit_note', '2026-11-21', 7)).toBe('LACAPE-A-2026-00007');
    expect(formatDocumentNumber('KPA-LILLE', 'quote', '2027-01-02', 123456)).toBe('KPA-LILLE-D-2027-123456');
  });

  it('refuses a sequence that is not a whole number from 1', () => {
    expect(() => formatDocumentNumber('X', 'invoice', '2026-01-01', 0)).toThrow(RangeError);
    expect(() => formatDocumentNumber('X', 'invoice', '2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('gives the next number, and never one dated before the last of the series', () => {
    expect(nextInSeries({ nextSequence: 1, lastIssuedOn: null }, '2026-11-21')).toEqual({ sequence: 1 });
    expect(nextInSeries({ nextSequence: 43, lastIssuedOn: '2026-11-21' }, '2026-11-21')).toEqual({ sequence: 43 });
    expect(refusalOf(() => nextInSeries({ nextSequence: 43, lastIssuedOn: '2026-11-21' }, '2026-11-20')).code).toBe('ISSUE_DATE_BEFORE_LAST');
    expect(() => nextInSeries({ nextSequence: 1, lastIssuedOn: null }, '2026-02-30')).toThrow(DomainError);
  });
});
