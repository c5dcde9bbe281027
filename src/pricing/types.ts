/**
 * Where prices come from, behind one interface: the bundled snapshot, the live AWS Price List
 * API, or the cache of an earlier live fetch. Cost models only ever see a PriceBook.
 */
export type PriceSourceKind = 'snapshot' | 'live' | 'cache';

/** One step of a volume-tiered price (Lambda duration): units from `from` up to `to` (null = no end). */
export interface PriceTier {
  from: number;
  to: number | null;
  usd: number;
}

export interface Price {
  /** Stable key, e.g. `lambda.duration.x86_64` or `sagemaker.hosting.ml.m5.large` (see pricing/keys.ts). */
  key: string;
  /** What one unit is: `GB-second`, `request`, `hour`, `GB`. */
  unit: string;
  /** USD per unit (the first tier's price when tiered). */
  usd: number;
  tiers?: PriceTier[];
  /** A URL, or `AWS Price List API (SKU ...)` for live prices. */
  source: string;
  /** When the price was published or checked, YYYY-MM-DD. */
  asOf: string;
  /**
   * How far the bundled price can be trusted: `published` (an AWS page or the Price List),
   * `transcribed` (AWS's price copied by a third party) or `derived` (computed from another
   * region's price; `note` says how). Live prices are `published`.
   */
  confidence?: 'published' | 'transcribed' | 'derived';
  /** Why the price is what it is: the SKU, the transcription, the derivation. */
  note?: string;
}

/**
 * A number a cost model needs that is not an AWS unit price: an AWS quantity rule (the Lambda
 * free tier) or one of this tool's stated on-premises assumptions. Never mixed up with prices.
 */
export interface Assumption {
  key: string;
  value: number;
  unit: string;
  /** Why this value; assumptions say "ASSUMPTION" here. */
  note: string;
  source?: string;
  asOf?: string;
}

export interface PricingInfo {
  source: PriceSourceKind;
  asOf: string;
  /** The region whose prices the book holds (us-east-1 when it stands in for another region). */
  region: string;
  /**
   * The same region, named explicitly for the output (`pricing.priceRegion`). Every book the
   * pricing module builds sets it and `regionFallback`; both are optional for books made by hand.
   */
  priceRegion?: string;
  /** True when the region asked for has no bundled snapshot and us-east-1's prices stand in. */
  regionFallback?: boolean;
  /** The region asked for, set when it differs from `region` (a fallback). */
  requestedRegion?: string;
}

/** The region whose prices a book really holds. */
export const priceRegionOf = (info: PricingInfo): string => info.priceRegion ?? info.region;

export interface PriceBook {
  readonly info: PricingInfo;
  /** Throws UnknownPriceError: a price that is not known is never treated as $0. */
  get(key: string): Price;
  has(key: string): boolean;
  /** Throws UnknownPriceError when the assumption is not in the book. */
  assumption(key: string): Assumption;
  /** Every price key in the book, sorted (for `pricing show`). */
  keys(): string[];
  /** Every assumption key in the book, sorted. */
  assumptionKeys(): string[];
}

export class UnknownPriceError extends Error {
  override readonly name = 'UnknownPriceError';
  constructor(
    readonly key: string,
    readonly region: string,
  ) {
    super(`no price known for ${key} in ${region} (an unknown price is never counted as $0)`);
  }
}
