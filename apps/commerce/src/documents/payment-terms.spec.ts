import { dueDate, dueDateNotBefore, firstPaymentDayOffPremises, OFF_PREMISES_NO_PAYMENT_DAYS, offPremisesRestriction, paymentTermDays } from './payment-terms';
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

describe('off-premises contracts: no payment during the first 7 days (C. consom. L221-10)', () => {
  it('the contract day is not counted: concluded on day D, the 7 days are D+1..D+7, a payment is allowed from D+8', () => {
    // Monday 7 December 2026: the period runs 8–14 December and expires at the end of the 14th.
    expect(firstPaymentDayOffPremises('2026-12-07')).toBe('2026-12-15');
    expect(OFF_PREMISES_NO_PAYMENT_DAYS).toBe(7);
  });

  it('crosses months, years and 29 February', () => {
    expect(firstPaymentDayOffPremises('2026-12-28')).toBe('2027-01-05');
    expect(firstPaymentDayOffPremises('2028-02-22')).toBe('2028-03-01');
    expect(firstPaymentDayOffPremises('2027-02-22')).toBe('2027-03-02');
  });

  it('does not move a period ending on a weekend (that extension is written for the withdrawal period only)', () => {
    // Concluded Saturday 5 December 2026: the period ends Saturday 12, a payment is allowed Sunday 13.
    expect(firstPaymentDayOffPremises('2026-12-05')).toBe('2026-12-13');
  });

  it('refuses a date that is not one', () => {
    expect(refusalOf(() => firstPaymentDayOffPremises('2026-02-30'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'concludedOn' });
  });

  it('an invoice prints the restriction only while the first allowed day is still to come', () => {
    expect(offPremisesRestriction('2026-12-07', '2026-12-07')).toEqual({ concludedOn: '2026-12-07', firstPaymentOn: '2026-12-15' });
    expect(offPremisesRestriction('2026-12-07', '2026-12-14')).toEqual({ concludedOn: '2026-12-07', firstPaymentOn: '2026-12-15' });
    expect(offPremisesRestriction('2026-12-07', '2026-12-15')).toBeNull();
    expect(offPremisesRestriction(null, '2026-12-07')).toBeNull();
  });

  it('the due date is the usual one, or the first allowed day when the usual one is earlier', () => {
    expect(dueDateNotBefore('2026-12-07', '2026-12-15')).toBe('2026-12-15');
    expect(dueDateNotBefore('2026-12-14', '2026-12-15')).toBe('2026-12-15');
    expect(dueDateNotBefore('2026-12-15', '2026-12-15')).toBe('2026-12-15');
    expect(dueDateNotBefore('2026-12-16', '2026-12-15')).toBe('2026-12-16');
    expect(dueDateNotBefore('2026-12-07', null)).toBe('2026-12-07');
  });
});
