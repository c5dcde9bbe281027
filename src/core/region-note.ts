import type { Knowledge } from '../knowledge/knowledge.js';

/**
 * The note for an answer whose region has no bundled prices: which region's prices were used and
 * how far regional on-demand prices spread: from the cheapest bundled region's price of the
 * reference instance (knowledge/instances.yaml) to the dearest AWS region's (sizing.yaml
 * regionalUplift), each against us-east-1. Derived here so the figures stay in knowledge/.
 */
export function regionNoteOf(answered: string, priceRegion: string, knowledge: Knowledge): string {
  const up = knowledge.sizing.regionalUplift;
  const prices = knowledge.instances.find((i) => i.name === up.instance)?.prices ?? {};
  const base = prices['us-east-1']?.usd;
  const low = base === undefined ? 1 : Math.min(...Object.values(prices).map((p) => p.usd / base));
  const from =
    low <= 1.005 ? 'about the same as us-east-1' : `${Math.round((low - 1) * 100)}% above us-east-1`;
  const range =
    base === undefined
      ? ''
      : ` (on-demand instance prices run from ${from} to ${Math.round((up.dearestUsdPerHour / base - 1) * 100)}% more in ${up.dearestRegion}, ${up.dearestRegionName}: ${up.instance} at $${up.dearestUsdPerHour} an hour against $${base}, checked ${up.source.checked})`;
  // The dearest region's uplift is sourced: for that region the figures can say how far off they are.
  const known =
    base !== undefined && answered === up.dearestRegion && priceRegion === 'us-east-1'
      ? `; on-demand instances cost about +${Math.round((up.dearestUsdPerHour / base - 1) * 100)}% in ${answered}`
      : '';
  return `No prices for ${answered} here: every cost uses ${priceRegion} prices${known}, and prices differ by region${range}; the budget verdict may change.`;
}
