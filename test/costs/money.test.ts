import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, toSignificant } from '../../src/costs/money.js';

/**
 * toSignificant rounds with arithmetic where it can prove the answer and with toPrecision where it
 * cannot: every bill's quantities go through it, so it must give the very same double.
 */
describe('toSignificant', () => {
  const same = (value: number, digits: number) =>
    expect(
      Object.is(toSignificant(value, digits), Number(value.toPrecision(digits))),
      `${value} ${digits}`,
    ).toBe(true);

  it('gives the double toPrecision gives, for any double and precision', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 15 }),
        (v, d) => {
          same(v, d);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('agrees on ties, powers of ten and products with binary noise', () => {
    for (let e = -8; e <= 15; e++) {
      const p = 10 ** e;
      for (const d of [1, 3, 6, 9, 15]) {
        for (let u = -4; u <= 4; u++) same(p * (1 + u * Number.EPSILON), d);
        same(p * 0.999999999999999, d);
        same(p * (10 - 8 * Number.EPSILON), d);
        same((Math.floor(1.2345678912 * 10 ** (d - 1)) + 0.5) * 10 ** (e - d + 1), d);
      }
    }
    for (let i = 1; i < 5000; i++) {
      same(i * 0.1 * 730, 15);
      same((i / 7) * 3, 15);
      same(i * 1.1, 6);
      same(-i * 0.3, 15);
    }
  });

  it('leaves clean() as it was: noise removed, short values kept', () => {
    expect(clean(1500000.0000000002)).toBe(1500000);
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean(2.345 * 730)).toBe(Number((2.345 * 730).toPrecision(15)));
    expect(clean(-0.1 - 0.2)).toBe(-0.3);
  });
});
