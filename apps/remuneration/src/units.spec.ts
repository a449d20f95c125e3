import fc from 'fast-check';
import { DomainError } from '@kpa/contracts';
import {
  floorDiv,
  formatDecimal,
  formatHours,
  formatMoney,
  formatPercent,
  frenchEuros,
  frenchHours,
  frenchPercent,
  frenchRatio,
  parseHundredths,
  parseMoney,
  parsePercent,
} from './units';

describe('units', () => {
  it('divides with a floor, negative numerators included', () => {
    expect(floorDiv(7n, 2n)).toBe(3n);
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(floorDiv(-8n, 2n)).toBe(-4n);
  });

  it('parses and formats money', () => {
    expect(parseMoney('152.05', 'a')).toBe(15205n);
    expect(parseMoney('152.5', 'a')).toBe(15250n);
    expect(parseMoney('152', 'a')).toBe(15200n);
    expect(parseMoney('-3.5', 'a', true)).toBe(-350n);
    expect(() => parseMoney('-3.5', 'a')).toThrow(DomainError);
    expect(() => parseMoney('1.234', 'amount')).toThrow(/amount must be an amount/);
    expect(() => parseMoney(12, 'a')).toThrow(DomainError);
    expect(formatMoney(15205n)).toBe('152.05');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(-350n)).toBe('-3.50');
  });

  it('parses hours in hundredths and formats them', () => {
    expect(parseHundredths('7.5')).toBe(750);
    expect(parseHundredths('7.50')).toBe(750);
    expect(parseHundredths('0.01')).toBe(1);
    expect(parseHundredths('7.555')).toBeUndefined();
    expect(parseHundredths('-1')).toBeUndefined();
    expect(parseHundredths(7.5)).toBeUndefined();
    expect(formatHours(750)).toBe('7.50');
    expect(() => formatHours(1.5)).toThrow(RangeError);
  });

  it('parses percentages in millionths, 0 to 100', () => {
    expect(parsePercent('11.5', 'r')).toBe(115_000n);
    expect(parsePercent('10', 'r')).toBe(100_000n);
    expect(parsePercent(10, 'r')).toBe(100_000n);
    expect(parsePercent('21.7525', 'r')).toBe(217_525n);
    expect(() => parsePercent('100.01', 'r')).toThrow(DomainError);
    expect(() => parsePercent('1.23456', 'r')).toThrow(DomainError);
    expect(() => parsePercent(10.5, 'r')).toThrow(DomainError);
    expect(formatPercent(115_000n)).toBe('11.5');
    expect(formatPercent(100_000n)).toBe('10');
  });

  it('writes French amounts, hours and rates', () => {
    expect(frenchEuros(152_050n)).toBe('1\u202f520,50\u00a0€');
    expect(frenchEuros(5n)).toBe('0,05\u00a0€');
    expect(frenchEuros(-123_456_789n)).toBe('−1\u202f234\u202f567,89\u00a0€');
    expect(frenchHours(1250)).toBe('12,5\u00a0h');
    expect(frenchHours(4000)).toBe('40\u00a0h');
    expect(frenchPercent(115_000n)).toBe('11,5\u00a0%');
    expect(frenchRatio(50n, 70n)).toBe('71,43\u00a0%');
    expect(frenchRatio(1n, 2n)).toBe('50\u00a0%');
    expect(formatDecimal(125_000n, 4, 2)).toBe('12.50');
    expect(formatDecimal(125_050n, 4, 2)).toBe('12.505');
    expect(formatDecimal(120_000n, 4, 0)).toBe('12');
  });

  it('round-trips money strings', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (cents) => {
        expect(parseMoney(formatMoney(cents), 'a')).toBe(cents);
        expect(parseMoney(formatMoney(-cents), 'a', true)).toBe(-cents);
      }),
    );
  });
});
