import type { InstanceType } from '../knowledge/instances-schema.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { ec2Instance, sagemakerInstance } from '../pricing/keys.js';
import { priceRegionOf, type PriceBook } from '../pricing/types.js';

/**
 * What every option's cost model reads: the rules base, the price book, and what can be worked
 * out once per (knowledge, prices) pair rather than per evaluation: the candidate instances of
 * each service with their hourly price, and and the book's region.
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
  const ctx: CostContext = {
    knowledge,
    prices,
    region,
    sagemaker: priced('sagemaker', (n) => sagemakerInstance('hosting', n)),
    ec2: priced('ec2', ec2Instance),
  };
  byBook.set(prices.info, ctx);
  return ctx;
}
