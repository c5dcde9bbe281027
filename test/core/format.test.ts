import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatUsd } from '../../src/core/format.js';

describe('formatNumber', () => {
  it('matches en-US toLocaleString for any finite number', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (n, digits) => {
          expect(formatNumber(n, digits)).toBe(
            n.toLocaleString('en-US', { maximumFractionDigits: digits }).replace(/^-(0(\.0*)?)$/, '$1'),
          );
        },
      ),
    );
  });

  it('formats dollars with cents and says unbounded for infinity', () => {
    expect(formatUsd(1234.5)).toBe('1,234.50');
    expect(formatUsd(0)).toBe('0.00');
    expect(formatNumber(Infinity)).toBe('unbounded');
  });
});
