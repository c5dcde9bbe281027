import {
  priceRegionOf,
  UnknownPriceError,
  type Assumption,
  type Price,
  type PriceBook,
  type PricingInfo,
} from './types.js';

/** A PriceBook over plain maps: the snapshot, the cache and live prices all end up as one. */
export class MapPriceBook implements PriceBook {
  private readonly prices: ReadonlyMap<string, Price>;
  private readonly assumptionMap: ReadonlyMap<string, Assumption>;

  constructor(
    readonly info: PricingInfo,
    prices: Iterable<Price>,
    assumptions: Iterable<Assumption> = [],
  ) {
    this.prices = new Map([...prices].map((p) => [p.key, p]));
    this.assumptionMap = new Map([...assumptions].map((a) => [a.key, a]));
  }

  get(key: string): Price {
    const price = this.prices.get(key);
    if (!price) throw new UnknownPriceError(key, priceRegionOf(this.info));
    return price;
  }

  has(key: string): boolean {
    return this.prices.has(key);
  }

  assumption(key: string): Assumption {
    const found = this.assumptionMap.get(key);
    if (!found) throw new UnknownPriceError(key, priceRegionOf(this.info));
    return found;
  }

  keys(): string[] {
    return [...this.prices.keys()].sort();
  }

  assumptionKeys(): string[] {
    return [...this.assumptionMap.keys()].sort();
  }
}

/**
 * A book whose prices come from `overrides` where it has them and from `base` otherwise (live
 * prices over the snapshot's assumptions, for example). `info` is the overriding source's.
 */
export function overlayPriceBook(info: PricingInfo, overrides: Iterable<Price>, base: PriceBook): PriceBook {
  const merged = new Map(base.keys().map((k) => [k, base.get(k)]));
  for (const price of overrides) merged.set(price.key, price);
  return new MapPriceBook(
    info,
    merged.values(),
    base.assumptionKeys().map((k) => base.assumption(k)),
  );
}
