import { OPTION_IDS } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import { estimateOptionCost } from '../costs/estimate.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Assumption, Price, PriceBook } from '../pricing/types.js';

/**
 * Which prices and assumptions the cost models read for this workload, so the report cites
 * exactly those: every option is priced once through a book that records each key asked for.
 */
export function pricesUsed(
  workload: Workload,
  book: PriceBook,
  knowledge: Knowledge,
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
  for (const option of OPTION_IDS) {
    try {
      estimateOptionCost(option, workload, recording, knowledge);
    } catch {
      // An option that cannot be priced cites nothing; the report says it is not priced.
    }
  }
  return {
    prices: [...priceKeys].sort().map((key) => book.get(key)),
    assumptions: [...assumptionKeys].sort().map((key) => book.assumption(key)),
  };
}
