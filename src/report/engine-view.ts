import type { Recommendation, RankedOption } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import type { Price, PricingInfo } from '../pricing/types.js';

/**
 * What the report reads from the engine beyond the ranking, behind one small accessor each: the
 * engine is growing per-option sizing, latency margins and decision thresholds, and the pricing
 * module a region fallback and a confidence per price. Each accessor uses the richer field when
 * the recommendation carries it and otherwise works from what is there today, so adopting a new
 * field is a change here only.
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
  direction: 'above' | 'below' | 'to';
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

type EngineSizing = {
  description?: string;
  latencyMarginMs?: number | null;
  coldStartS?: number | null;
  memoryFitMarginPct?: number | null;
};
type RichOption = RankedOption & { sizing?: EngineSizing };
type RichRecommendation = Recommendation & {
  robustness?: {
    input: string;
    current?: number | string | null;
    threshold?: number | string | null;
    direction?: string;
    newTop: OptionId;
  }[];
};
type RichPricing = PricingInfo & {
  priceRegion?: string;
  regionFallback?: boolean;
  regionNote?: string;
};
type RichPrice = Price & { confidence?: 'published' | 'transcribed' | 'derived'; note?: string };

export function sizingOf(row: RankedOption, latencyTargetMs: number | null, inferenceMs: number): SizingView {
  const engine = (row as RichOption).sizing;
  if (engine && typeof engine === 'object' && typeof engine.description === 'string') {
    return {
      description: engine.description,
      latencyMarginMs: engine.latencyMarginMs ?? null,
      coldStartS: engine.coldStartS ?? null,
      memoryFitMarginPct: engine.memoryFitMarginPct ?? null,
    };
  }
  // Today: the cost model's sizing record and the workload's one inference time for every option.
  const record = row.cost?.sizing ?? {};
  const description = Object.entries(record)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return {
    description,
    latencyMarginMs: latencyTargetMs === null ? null : latencyTargetMs - inferenceMs,
    coldStartS: null,
    memoryFitMarginPct: null,
  };
}

/** The engine's decision thresholds, or null when the recommendation does not carry them. */
export function engineFlips(rec: Recommendation): FlipView[] | null {
  const list = (rec as RichRecommendation).robustness;
  if (!Array.isArray(list)) return null;
  return list.map((r) => ({
    input: r.input,
    current: r.current ?? null,
    threshold: r.threshold ?? null,
    direction: r.direction === 'below' ? 'below' : r.direction === 'above' ? 'above' : 'to',
    newTop: r.newTop,
  }));
}

export function regionOf(rec: Recommendation): RegionView {
  const info = rec.pricing as RichPricing;
  const priceRegion = info.priceRegion ?? info.region;
  return {
    region: info.region,
    priceRegion,
    fallback: info.regionFallback === true || priceRegion !== info.region,
    note: info.regionNote ?? null,
  };
}

/** Days between two YYYY-MM-DD dates (b - a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A price older than this, against the book's date, is flagged as stale. */
export const STALE_PRICE_DAYS = 365;
const AWS_SOURCE = /^(https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\/|AWS Price List API)/;

/**
 * Why a price is weakly sourced, or null when it is not: a third-party or derived figure, a
 * source that is not AWS's, or a date more than a year before the book's.
 */
export function priceWeakness(
  price: Price,
  bookAsOf: string,
): 'transcribed' | 'derived' | 'third-party' | 'stale' | null {
  const rich = price as RichPrice;
  if (rich.confidence === 'transcribed' || rich.confidence === 'derived') return rich.confidence;
  if (!AWS_SOURCE.test(price.source)) return 'third-party';
  if (daysBetween(price.asOf, bookAsOf) > STALE_PRICE_DAYS) return 'stale';
  return null;
}
