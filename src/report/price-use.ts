import { OPTION_IDS, type OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import { estimateOptionCost } from '../costs/estimate.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Assumption, Price, PriceBook } from '../pricing/types.js';

/**
 * Which prices and assumptions are behind the bills, so the report cites exactly those: each
 * option is priced once through a book that records each key asked for. Sizing reads the price
 * of every candidate configuration; only a price whose unit price appears on a line of the
 * option's bill is kept. `options` narrows it to some options (the pick's own prices, for the
 * decision's warnings).
 */
export function pricesUsed(
  workload: Workload,
  book: PriceBook,
  knowledge: Knowledge,
  options: readonly OptionId[] = OPTION_IDS,
): { prices: Price[]; assumptions: Assumption[] } {
  const priceKeys = new Set<string>();
  const assumptionKeys = new Set<string>();
  let read = new Set<string>();
  const recording: PriceBook = {
    info: book.info,
    get(key) {
      const price = book.get(key);
      read.add(key);
      return price;
    },
    has: (key) => book.has(key),
    assumption(key) {
      const value = book.assumption(key);
      assumptionKeys.add(key);
      return value;
    },
    keys: () => book.keys(),
    assumptionKeys: () => book.assumptionKeys(),
  };
  for (const option of options) {
    read = new Set();
    try {
      const cost = estimateOptionCost(option, workload, recording, knowledge);
      const billed = cost.lineItems.map((l) => l.unitPriceUsd);
      const onBill = (usd: number) => billed.some((b) => Math.abs(b - usd) <= 1e-12 + 1e-9 * usd);
      for (const key of read) {
        const price = book.get(key);
        if (onBill(price.usd) || (price.tiers ?? []).some((t) => onBill(t.usd))) priceKeys.add(key);
      }
    } catch {
      // An option that cannot be priced cites nothing; the report says it is not priced.
    }
  }
  return {
    prices: [...priceKeys].sort().map((key) => book.get(key)),
    assumptions: [...assumptionKeys].sort().map((key) => book.assumption(key)),
  };
}
