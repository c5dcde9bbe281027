import type { Recommendation, RankedOption } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import type { Price } from '../pricing/types.js';

/**
 * What the report reads from the engine beyond the ranking, behind one small accessor each:
 * per-option sizing and latency margin, the thresholds at which the pick changes, the region
 * whose prices were used, and how far each price can be trusted.
 */

/** How an option is sized, as the report shows it. */
export interface SizingView {
  /** "2 x ml.g4dn.xlarge (1 NVIDIA T4)" or the cost model's own words. */
  description: string;
  /** p95 target minus the time one prediction takes on this hardware; null when not known. */
  latencyMarginMs: number | null;
  coldStartS: number | null;
  memoryFitMarginPct: number | null;
}

/** One threshold at which the pick changes. */
export interface FlipView {
  input: string;
  current: number | string | null;
  threshold: number | string | null;
  direction: 'above' | 'below';
  newTop: OptionId;
}

/** Where the prices come from and whether they stand in for another region's. */
export interface RegionView {
  /** The region asked for. */
  region: string;
  /** The region whose prices were used. */
  priceRegion: string;
  fallback: boolean;
  note: string | null;
}

export function sizingOf(row: RankedOption): SizingView {
  const sizing = row.sizing;
  if (sizing) {
    return {
      description: sizing.description,
      latencyMarginMs: sizing.latencyMarginMs,
      coldStartS: sizing.coldStartS,
      memoryFitMarginPct: sizing.memoryFitMarginPct,
    };
  }
  return { description: '', latencyMarginMs: null, coldStartS: null, memoryFitMarginPct: null };
}

/** The engine's thresholds at which the pick changes (those it found in its search range). */
export function engineFlips(rec: Recommendation): FlipView[] {
  return rec.robustness
    .filter((r) => r.threshold !== null && r.newTop !== null)
    .map((r) => ({
      input: r.input,
      current: r.current,
      threshold: r.threshold,
      direction: r.direction,
      newTop: r.newTop!,
    }));
}

export function regionOf(rec: Recommendation): RegionView {
  const info = rec.pricing;
  return {
    region: info.region,
    priceRegion: info.priceRegion,
    fallback: info.priceRegion !== info.region,
    note: info.regionNote,
  };
}

/**
 * Why a price is weakly sourced, or null when it is not. The price book says how far each bundled
 * price can be trusted (`confidence`): a third-party transcription or a figure derived from
 * another region is weak. A price without that field (a hand-made book) is judged by its source.
 */
export function priceWeakness(price: Price): 'transcribed' | 'derived' | 'third-party' | null {
  if (price.confidence !== undefined) {
    return price.confidence === 'transcribed' || price.confidence === 'derived' ? price.confidence : null;
  }
  return AWS_SOURCE.test(price.source) ? null : 'third-party';
}

const AWS_SOURCE =
  /^(https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com|pricing\.[a-z0-9-]+\.amazonaws\.com)\/|AWS Price List API)/;
