import { formatCents, parseCents, roundHalfAwayFromZero } from './money';

describe('money', () => {
  it('reads decimal strings into exact cents', () => {
    expect(parseCents('15000')).toBe(1500000);
    expect(parseCents('15000.5')).toBe(1500050);
    expect(parseCents('0.07')).toBe(7);
    expect(parseCents('152.05')).toBe(15205);
    expect(parseCents(' 1.10 ')).toBe(110);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '1,50', '1.505', '-3', '1e3', 'abc', '.5']) expect(parseCents(bad)).toBeUndefined();
    expect(parseCents(12 as unknown)).toBeUndefined();
  });

  it('writes cents with two decimals', () => {
    expect(formatCents(1500050)).toBe('15000.50');
    expect(formatCents(7)).toBe('0.07');
    expect(formatCents(-205)).toBe('-2.05');
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });
});

describe('commercial rounding', () => {
  it('rounds halves away from zero, never through a float', () => {
    expect(roundHalfAwayFromZero(5n, 10n)).toBe(1n);
    expect(roundHalfAwayFromZero(4n, 10n)).toBe(0n);
    expect(roundHalfAwayFromZero(14n, 10n)).toBe(1n);
    expect(roundHalfAwayFromZero(15n, 10n)).toBe(2n);
    expect(roundHalfAwayFromZero(-5n, 10n)).toBe(-1n);
    expect(roundHalfAwayFromZero(-4n, 10n)).toBe(0n);
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});
