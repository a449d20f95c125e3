import fc from 'fast-check';
import { frenchAmount, frenchDate, frenchDatesIn, frenchLongDate, frenchNumber, frenchPercent, frenchShortDate } from './french-format';

const nb = (text: string) => text.replace(/ /g, '\u00a0');

describe('French figures', () => {
  it.each([
    ['0', '0,00 €'],
    ['1234.5', '1 234,50 €'],
    ['1234567.89', '1 234 567,89 €'],
    ['-12', '-12,00 €'],
    ['-0.00', '0,00 €'],
    ['18.1234', '18,1234 €'],
    ['18.1000', '18,10 €'],
    ['007.10', '7,10 €'],
  ])('amount %s → %s', (value, expected) => {
    expect(frenchAmount(value)).toBe(nb(expected));
  });

  it.each([
    ['2.500', '2,5'],
    ['1', '1'],
    ['1000', '1 000'],
    ['0.125', '0,125'],
  ])('quantity %s → %s', (value, expected) => {
    expect(frenchNumber(value)).toBe(nb(expected));
  });

  it('percents and dates', () => {
    expect(frenchPercent('5.5')).toBe(nb('5,5 %'));
    expect(frenchPercent('20')).toBe(nb('20 %'));
    expect(frenchDate('2026-11-21')).toBe('21/11/2026');
    expect(frenchDatesIn('du 2026-01-05 au 2026-01-06')).toBe('du 05/01/2026 au 06/01/2026');
    expect(frenchDatesIn('LACAPE-F-2026-00042 du 2026-10-01')).toBe('LACAPE-F-2026-00042 du 01/10/2026');
  });

  it('dates in a sentence and in a list', () => {
    expect(frenchLongDate('2026-03-01')).toBe(nb('1er mars 2026'));
    expect(frenchLongDate('2026-11-28')).toBe(nb('28 novembre 2026'));
    expect(frenchShortDate('2026-12-04')).toBe(nb('4 déc. 2026'));
    expect(frenchShortDate('2027-02-01')).toBe(nb('1er févr. 2027'));
    expect(() => frenchShortDate('2026-13-01')).toThrow(RangeError);
  });

  it('refuses what is not a decimal or a date rather than printing a wrong figure', () => {
    expect(() => frenchAmount('1e3')).toThrow(RangeError);
    expect(() => frenchAmount('12,50')).toThrow(RangeError);
    expect(() => frenchDate('21/11/2026')).toThrow(RangeError);
  });

  it('an amount reads back as the same number of cents (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (cents) => {
        const abs = cents < 0n ? -cents : cents;
        const decimal = `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        const printed = frenchAmount(decimal);
        const back = BigInt(printed.replace(/[\u00a0€,]/g, ''));
        expect(back).toBe(cents);
      }),
    );
  });
});
