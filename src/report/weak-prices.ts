import type { RankedOption } from '../core/engine.js';
import type { LineItem } from '../costs/types.js';
import type { OptionId } from '../core/options.js';
import type { Price } from '../pricing/types.js';
import { priceWeakness } from './engine-view.js';
import { code, md } from './text.js';

/**
 * The weakly sourced prices behind the figures the decision page quotes (the pick's and the
 * runner-up's), each once, named by the bill line it prices, and how much of the pick's AWS bill
 * rests on them. A price is weak when its confidence is anything but `published` (engine-view).
 */

export interface WeakPrice {
  price: Price;
  why: NonNullable<ReturnType<typeof priceWeakness>>;
}

export interface WeakLead {
  /** Each weak price once, with the plain name of the bill line it prices. */
  prices: { price: Price; name: string; options: OptionId[] }[];
  /** Whose figures depend on them: the pick, the runner-up or both. */
  pick: boolean;
  runnerUp: boolean;
  /** USD of the pick's bill priced by its weak prices. */
  pickUsd: number;
  /** USD of the runner-up's bill priced by its own weak prices. */
  runnerUpUsd: number;
}

export function weakPricesOf(prices: readonly Price[]): WeakPrice[] {
  return prices
    .map((price) => ({ price, why: priceWeakness(price) }))
    .filter((w): w is WeakPrice => w.why !== null);
}

const sameUsd = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);
const linePrices = (line: LineItem, price: Price) =>
  sameUsd(line.unitPriceUsd, price.usd) || (price.tiers ?? []).some((t) => sameUsd(line.unitPriceUsd, t.usd));

/**
 * "Data processed (10 KB in, 2 KB out per request)" -> "data processed"; a name of capitalised
 * words ("Application Load Balancer", "NAT gateway") keeps its capitals.
 */
function lineName(item: string): string {
  const name = item.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return /^[A-Z][a-z-]*( [a-z0-9]|$)/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** The part of one option's bill its own weak prices price. */
const weakUsd = (lines: readonly LineItem[], weak: readonly WeakPrice[]): number =>
  lines.filter((l) => weak.some((w) => linePrices(l, w.price))).reduce((sum, l) => sum + l.usd, 0);

/**
 * The weak prices among those the pick's and the runner-up's figures read (`pickPrices`,
 * `runnerUpPrices`, from price-use), each once.
 */
export function weakLead(
  pick: RankedOption,
  runnerUp: RankedOption | null,
  pickPrices: readonly Price[],
  runnerUpPrices: readonly Price[],
): WeakLead {
  const pickWeak = weakPricesOf(pickPrices);
  const runnerWeak = weakPricesOf(runnerUpPrices);
  // Each price is named by a line of the option whose figure reads it (two options may bill
  // different prices of the same amount).
  const named = new Map<string, { price: Price; name: string; options: OptionId[] }>();
  for (const [weak, row] of [
    [pickWeak, pick],
    [runnerWeak, runnerUp],
  ] as const) {
    for (const { price } of weak) {
      const seen = named.get(price.key);
      if (seen) {
        if (row) seen.options.push(row.option);
        continue;
      }
      const line = row?.lineItems.find((l) => linePrices(l, price));
      named.set(price.key, {
        price,
        name: line ? md(lineName(line.item)) : code(price.key),
        options: row ? [row.option] : [],
      });
    }
  }
  // Two prices on lines of the same name (one per option) are told apart by their keys.
  const counts = new Map<string, number>();
  for (const n of named.values()) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  return {
    prices: [...named.values()].map((n) =>
      (counts.get(n.name) ?? 0) > 1 ? { ...n, name: `${n.name} (${code(n.price.key)})` } : n,
    ),
    pick: pickWeak.length > 0,
    runnerUp: runnerWeak.length > 0,
    pickUsd: weakUsd(pick.lineItems, pickWeak),
    runnerUpUsd: weakUsd(runnerUp?.lineItems ?? [], runnerWeak),
  };
}
