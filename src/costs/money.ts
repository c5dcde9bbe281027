import type { Price } from '../pricing/types.js';
import type { LineItem } from './types.js';

/**
 * Money arithmetic shared by the cost models. AWS's worked examples round each line item to the
 * cent before adding them up; so do we, so that `monthlyUsd` is exactly the sum of the lines.
 */

/** Rounds half away from zero to cents, after removing binary noise (0.285 stays 0.29). */
export function roundCents(usd: number): number {
  // Arithmetic, not toPrecision(): this runs for every line of every evaluation.
  const cents = usd * 100;
  const abs = Math.abs(cents);
  const denoised = abs < 1e9 ? Math.round(abs * 1e6) / 1e6 : abs;
  return (Math.sign(cents) * Math.round(denoised)) / 100;
}

/** Removes floating-point noise from a quantity (1500000.0000000002 -> 1500000). */
export function clean(value: number, digits = 10): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  // Integers and values that are already short need no work (the common case).
  if (Number.isInteger(value)) return value;
  return toSignificant(value, digits + 5);
}

/** Exact powers of ten: every one up to 1e22 is a double without error. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * `Number(value.toPrecision(digits))`, the same double, without the string where it can prove it:
 * this runs for every line of every evaluation. `value` scaled by an exact power of ten to
 * `digits` integer digits is rounded as toPrecision rounds it (to the nearest, a tie up). The
 * product's rounding error is worked out exactly (Dekker's two-product), so the fraction is
 * compared with a half exactly, even where the rounded product lies right at it (about a third of
 * 15-digit quantities, which went through the string before). That integer over the same exact
 * power is the double nearest the decimal, which is what parsing the string gives. (Where the
 * scaled value rounds onto a power of ten, either exponent gives that same decimal.)
 */
export function toSignificant(value: number, digits: number): number {
  const abs = Math.abs(value);
  if (abs >= 1e-7 && abs < 1e15 && digits >= 1 && digits <= 15) {
    let k = digits - 1 - Math.floor(Math.log10(abs));
    if (k >= 0 && k < POW10.length) {
      let scaled = abs * POW10[k]!;
      // log10 may round across a power of ten: the scaled value says which side abs is on.
      if (scaled >= POW10[digits]! && k > 0) scaled = abs * POW10[--k]!;
      else if (scaled < POW10[digits - 1]! && k + 1 < POW10.length) scaled = abs * POW10[++k]!;
      if (scaled >= POW10[digits - 1]! && scaled < POW10[digits]!) {
        const floor = Math.floor(scaled);
        // Below 2^53 both differences are exact, so the comparison is: scaled + error - floor
        // against a half, exactly. A tie goes up, as toPrecision picks the larger of two.
        const aboveHalf = scaled - floor - 0.5;
        const error = productError(abs, POW10[k]!, scaled);
        const n = aboveHalf >= -error ? floor + 1 : floor;
        return (value < 0 ? -n : n) / POW10[k]!;
      }
    }
  }
  return Number(value.toPrecision(digits));
}

/** Splits a double into a high half of 26 bits and the rest (Veltkamp), for productError. */
const SPLITTER = 134217729; // 2^27 + 1

/**
 * The exact rounding error of `product`, the double nearest a x b: a x b = product + error
 * exactly (Dekker's two-product; no overflow or underflow at these magnitudes).
 */
function productError(a: number, b: number, product: number): number {
  const ca = SPLITTER * a;
  const aHigh = ca - (ca - a);
  const aLow = a - aHigh;
  const cb = SPLITTER * b;
  const bHigh = cb - (cb - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

export function lineItem(item: string, quantity: number, unit: string, unitPriceUsd: number): LineItem {
  const q = clean(quantity);
  return { item, quantity: q, unit, unitPriceUsd, usd: roundCents(q * unitPriceUsd) };
}

/** A price's line: quantity in the price's unit times its (untiered) price. */
export function priceLine(item: string, quantity: number, price: Price, unit = price.unit): LineItem {
  return lineItem(item, quantity, unit, price.usd);
}

/**
 * Splits a quantity over a tiered price's steps. `alreadyUsed` is usage earlier in the month that
 * counts toward the tiers (AWS tiers apply to the account's aggregate monthly usage).
 * One line per tier used; a quantity of zero still gives one line at the first tier's price.
 */
export function tieredLines(item: string, quantity: number, price: Price, alreadyUsed = 0): LineItem[] {
  const tiers = price.tiers ?? [{ from: 0, to: null, usd: price.usd }];
  if (quantity <= 0 || tiers.length === 1) return [priceLine(item, Math.max(0, quantity), price)];
  // The tiers the quantity reaches, counted without a filtered copy (this runs for every option).
  let used = 0;
  let only = tiers[0]!;
  for (const t of tiers) {
    if (t.from < alreadyUsed + quantity && (t.to === null || t.to > alreadyUsed)) {
      used += 1;
      only = t;
    }
  }
  if (used === 1) {
    return [lineItem(item, quantity, price.unit, only.usd)];
  }
  const lines: LineItem[] = [];
  let start = alreadyUsed;
  const end = alreadyUsed + quantity;
  tiers.forEach((tier, i) => {
    const to = tier.to ?? Infinity;
    const lo = Math.max(start, tier.from);
    const hi = Math.min(end, to);
    if (hi <= lo) return;
    // No label, no tier label: the ranking's numbers pass (see CostContext.explain).
    const label =
      item === ''
        ? ''
        : `${item} (tier ${i + 1}: ${tier.to === null ? `over ${compact(tier.from)}` : `${compact(tier.from)} to ${compact(tier.to)}`} ${price.unit}s)`;
    lines.push(lineItem(label, hi - lo, price.unit, tier.usd));
    start = hi;
  });
  return lines;
}

/** The bill's total: the sum of the rounded line items. */
export function total(lines: readonly LineItem[]): number {
  return roundCents(lines.reduce((sum, l) => sum + l.usd, 0));
}

/** 6000000000 -> "6B", 7500000000 -> "7.5B". */
export function compact(n: number): string {
  if (n >= 1e9) return `${clean(n / 1e9, 4)}B`;
  if (n >= 1e6) return `${clean(n / 1e6, 4)}M`;
  if (n >= 1e3) return `${clean(n / 1e3, 4)}K`;
  return String(n);
}
