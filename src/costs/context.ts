import type { InstanceType } from '../knowledge/instances-schema.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { ServicePriceKey } from '../knowledge/schema.js';
import { ec2Instance, sagemakerInstance } from '../pricing/keys.js';
import { priceRegionOf, UnknownPriceError, type Price, type PriceBook } from '../pricing/types.js';

/**
 * What every option's cost model reads: the rules base, the price book, and what can be worked
 * out once per (knowledge, prices) pair rather than per evaluation: the candidate instances of
 * each service with their hourly price, and the supporting services' prices for the book's region.
 */
export interface Candidate {
  spec: InstanceType;
  usdPerHour: number;
}

export interface CostContext {
  knowledge: Knowledge;
  prices: PriceBook;
  /** The region whose prices the book holds. */
  region: string;
  /** SageMaker ml.* types priced in this book, cheapest first. */
  sagemaker: Candidate[];
  /** EC2 types priced in this book, cheapest first. */
  ec2: Candidate[];
  /** A supporting service's price (load balancer, API, NAT, transfer, link) for the book's region. */
  service(key: ServicePriceKey): Price;
}

// Keyed by the book's info: a wrapper book (the report's recording one) shares it and reuses the
// candidates, while its own get() still sees what the models ask for.
const contexts = new WeakMap<Knowledge, WeakMap<object, CostContext>>();

export function costContext(knowledge: Knowledge, prices: PriceBook): CostContext {
  let byBook = contexts.get(knowledge);
  if (!byBook) contexts.set(knowledge, (byBook = new WeakMap()));
  const found = byBook.get(prices.info);
  if (found) return found.prices === prices ? found : { ...found, prices };
  const region = priceRegionOf(prices.info);
  const priced = (service: 'sagemaker' | 'ec2', key: (name: string) => string): Candidate[] =>
    knowledge.instances
      .filter((spec) => spec.service === service && prices.has(key(spec.name)))
      .map((spec) => ({ spec, usdPerHour: prices.get(key(spec.name)).usd }))
      .sort((a, b) => a.usdPerHour - b.usdPerHour);
  const serviceCache = new Map<ServicePriceKey, Price>();
  const ctx: CostContext = {
    knowledge,
    prices,
    region,
    sagemaker: priced('sagemaker', (n) => sagemakerInstance('hosting', n)),
    ec2: priced('ec2', ec2Instance),
    service(key) {
      let price = serviceCache.get(key);
      if (price) return price;
      const entry = knowledge.servicePrices.prices[key];
      // A region the file does not cover is priced at us-east-1's rate and says so in the source.
      const usd = entry.usd[region] ?? entry.usd['us-east-1'];
      if (usd === undefined) throw new UnknownPriceError(key, region);
      price = {
        key,
        unit: entry.unit,
        usd,
        source:
          entry.usd[region] !== undefined
            ? entry.source.url
            : `${entry.source.url} (us-east-1 rate; none for ${region})`,
        asOf: entry.source.checked,
      };
      serviceCache.set(key, price);
      return price;
    },
  };
  byBook.set(prices.info, ctx);
  return ctx;
}
