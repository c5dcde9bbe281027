import { OPTION_IDS, type OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import { estimateOptionCost } from '../costs/estimate.js';
import type { Assumption, Price, PriceBook } from '../pricing/types.js';

/**
 * Which prices and assumptions the cost models read for this workload, so the report cites
 * exactly those: each option is priced once through a book that records each key asked for.
 * `options` narrows it to some options (the pick's own prices, for the decision's warnings).
 */
export function pricesUsed(
  workload: Workload,
  book: PriceBook,
  options: readonly OptionId[] = OPTION_IDS,
): { prices: Price[]; assumptions: Assumption[] } {
  const priceKeys = new Set<string>();
  const assumptionKeys = new Set<string>();
  const recording: PriceBook = {
    info: book.info,
    get(key) {
      const price = book.get(key);
      priceKeys.add(key);
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
    try {
      estimateOptionCost(option, workload, recording);
    } catch {
      // An option that cannot be priced cites nothing; the report says it is not priced.
    }
  }
  return {
    prices: [...priceKeys].sort().map((key) => book.get(key)),
    assumptions: [...assumptionKeys].sort().map((key) => book.assumption(key)),
  };
}
