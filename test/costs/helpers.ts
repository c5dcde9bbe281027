import { MapPriceBook } from '../../src/pricing/book.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import type { Price, PriceBook, PriceTier } from '../../src/pricing/types.js';

/**
 * A price book holding exactly the unit prices an AWS worked example states, so the test checks
 * our billing rules and rounding, not whether the page's prices are still current. Assumptions
 * (free tier, on-prem) come from the snapshot.
 */
export function bookOf(
  prices: Record<string, number | PriceTier[]>,
  source = 'https://aws.amazon.com/',
): PriceBook {
  const snapshot = loadSnapshotPriceBook('us-east-1');
  const list: Price[] = Object.entries(prices).map(([key, value]) =>
    Array.isArray(value)
      ? { key, unit: 'GB-second', usd: value[0]!.usd, tiers: value, source, asOf: '2026-11-26' }
      : { key, unit: 'unit', usd: value, source, asOf: '2026-11-26' },
  );
  return new MapPriceBook(
    { source: 'snapshot', asOf: '2026-11-26', region: 'us-east-1' },
    list,
    snapshot.assumptionKeys().map((k) => snapshot.assumption(k)),
  );
}

export const sum = (items: { usd: number }[]) => Math.round(items.reduce((s, i) => s + i.usd, 0) * 100) / 100;
