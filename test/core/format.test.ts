import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatUsd, wrapText } from '../../src/core/format.js';

describe('formatNumber', () => {
  it('matches en-US toLocaleString for any finite number', () => {
    // Intl rounds to 15 significant digits (282,844,365,697.5439 prints as ...697.544): the
    // comparison holds where a number and its fraction digits fit in 15 digits.
    fc.assert(
      fc.property(
        fc.double({ min: -1e10, max: 1e10, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (n, digits) => {
          expect(formatNumber(n, digits)).toBe(
            n.toLocaleString('en-US', { maximumFractionDigits: digits }).replace(/^-(0(\.0*)?)$/, '$1'),
          );
        },
      ),
    );
  });

  it('matches the general toFixed path for integers, fractions and minimum digits', () => {
    const general = (value: number, max: number, min: number): string => {
      // Digits spelled out past 1e21, where toFixed() would write an exponent ("$2.7e+22").
      const abs = Math.abs(value);
      const fixed = abs >= 1e21 ? BigInt(abs).toString() : abs.toFixed(max);
      let [whole = '0', fraction = ''] = fixed.split('.');
      fraction = fraction.replace(/0+$/, '');
      while (fraction.length < min) fraction += '0';
      whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${value < 0 && Number(fixed) !== 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
    };
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.constantFrom(0, -0, 0.5, -0.004, 999.995, 1e21, -1.5e21, 123456789012345680000),
    );
    fc.assert(
      fc.property(numbers, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (n, max, min) => {
        expect(formatNumber(n, max, Math.min(min, max))).toBe(general(n, max, Math.min(min, max)));
      }),
      { numRuns: 2000 },
    );
  });

  it('formats dollars with cents and says unbounded for infinity', () => {
    expect(formatUsd(1234.5)).toBe('1,234.50');
    expect(formatUsd(0)).toBe('0.00');
    expect(formatNumber(Infinity)).toBe('unbounded');
  });
});

describe('wrapText', () => {
  it('keeps every word, in order, and no line wider than the width unless one word is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 40 }),
        fc.integer({ min: 5, max: 40 }),
        (words, width) => {
          const lines = wrapText(words.join(' '), width);
          expect(lines.join(' ')).toBe(words.join(' '));
          for (const line of lines) expect(line.length <= width || !line.includes(' ')).toBe(true);
        },
      ),
    );
  });
});
