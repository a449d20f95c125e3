import { dueDate, paymentTermDays } from './payment-terms';
import { refusalOf } from '@kpa/testing/refusal';

function fieldOf(fn: () => unknown): unknown {
  const refusal = refusalOf(fn);
  expect(refusal.code).toBe('VALIDATION_FAILED');
  return refusal.field;
}

describe('payment terms', () => {
  it('gives business clients 30 days by default', () => {
    expect(dueDate('2026-03-10', 'company')).toBe('2026-04-09');
    expect(dueDate('2026-03-10', 'association')).toBe('2026-04-09');
    expect(dueDate('2026-03-10', 'company', null)).toBe('2026-04-09');
  });

  it('accepts an agreed term up to 60 days, and no more (C. com. L441-10)', () => {
    expect(dueDate('2026-03-10', 'company', 45)).toBe('2026-04-24');
    expect(dueDate('2026-03-10', 'association', 60)).toBe('2026-05-09');
    expect(dueDate('2026-03-10', 'company', 0)).toBe('2026-03-10');
    expect(fieldOf(() => dueDate('2026-03-10', 'company', 61))).toBe('paymentTermsDays');
    expect(fieldOf(() => dueDate('2026-03-10', 'association', 90))).toBe('paymentTermsDays');
  });

  it('gives public bodies 30 days, nothing else', () => {
    expect(dueDate('2026-03-10', 'public_body')).toBe('2026-04-09');
    expect(dueDate('2026-03-10', 'public_body', 30)).toBe('2026-04-09');
    expect(fieldOf(() => dueDate('2026-03-10', 'public_body', 45))).toBe('paymentTermsDays');
    expect(fieldOf(() => dueDate('2026-03-10', 'public_body', 15))).toBe('paymentTermsDays');
  });

  it('makes consumer invoices payable on receipt unless a term was agreed', () => {
    expect(dueDate('2026-03-10', 'individual')).toBe('2026-03-10');
    expect(dueDate('2026-03-10', 'individual', 15)).toBe('2026-03-25');
    expect(dueDate('2026-03-10', 'individual', 90)).toBe('2026-06-08');
    expect(fieldOf(() => dueDate('2026-03-10', 'individual', 366))).toBe('paymentTermsDays');
  });

  it('counts days across month ends, February and year ends', () => {
    expect(dueDate('2026-01-31', 'company')).toBe('2026-03-02'); // February 2026 has 28 days
    expect(dueDate('2028-01-31', 'company')).toBe('2028-03-01'); // 2028 is a leap year
    expect(dueDate('2026-02-28', 'company', 60)).toBe('2026-04-29');
    expect(dueDate('2026-12-15', 'public_body')).toBe('2027-01-14');
    expect(dueDate('2026-12-31', 'company', 60)).toBe('2027-03-01');
    expect(dueDate('2026-03-31', 'company')).toBe('2026-04-30');
    // Daylight saving (last Sunday of March / October) does not shift a calendar date.
    expect(dueDate('2026-03-28', 'company', 1)).toBe('2026-03-29');
    expect(dueDate('2026-10-24', 'company', 2)).toBe('2026-10-26');
  });

  it('refuses a bad term or issue date', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(fieldOf(() => dueDate('2026-03-10', 'company', bad))).toBe('paymentTermsDays');
    expect(fieldOf(() => dueDate('2026-02-30', 'company'))).toBe('issueDate');
    expect(fieldOf(() => dueDate('10/03/2026', 'company'))).toBe('issueDate');
    expect(fieldOf(() => paymentTermDays('partner' as never))).toBe('clientKind');
  });

  it('says the terms in days', () => {
    expect(paymentTermDays('company')).toBe(30);
    expect(paymentTermDays('public_body')).toBe(30);
    expect(paymentTermDays('individual')).toBe(0);
    expect(paymentTermDays('association', 45)).toBe(45);
  });
});
