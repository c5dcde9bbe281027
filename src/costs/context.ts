import type { InstanceType } from '../knowledge/instances-schema.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { ec2Instance, sagemakerInstance, type SageMakerUse } from '../pricing/keys.js';
import { machineOf, type Machine } from './hardware.js';
import { priceRegionOf, type PriceBook } from '../pricing/types.js';

/**
 * What every option's cost model reads: the rules base, the price book, and what can be worked
 * out once per (knowledge, prices) pair rather than per evaluation: the candidate instances of
 * each service with their hourly price, and and the book's region.
 */
export interface Candidate {
  spec: InstanceType;
  machine: Machine;
  usdPerHour: number;
}

export interface CostContext {
  knowledge: Knowledge;
  prices: PriceBook;
  /** The region whose prices the book holds. */
  region: string;
  /** SageMaker ml.* types priced in this book for each use, cheapest first, dominated ones left out. */
  sagemaker: Record<SageMakerUse, Candidate[]>;
  /** EC2 types priced in this book, cheapest first, dominated ones left out. */
  ec2: Candidate[];
  /** EC2 types for an amd64-only image without Neuron (TF Serving). */
  ec2X86Gpu: Candidate[];
  /**
   * False for the ranking's numbers pass: the models leave out their sentences and the
   * configuration shown (NOT_EXPLAINED), every figure the same. True everywhere else.
   */
  explain: boolean;
}

const numbersContexts = new WeakMap<CostContext, CostContext>();

/** The context for the numbers pass: the same candidates and prices, explain false. */
export function numbersContext(ctx: CostContext): CostContext {
  let found = numbersContexts.get(ctx);
  if (!found) numbersContexts.set(ctx, (found = { ...ctx, explain: false }));
  return found;
}

// Keyed by the book's info: a wrapper book (the report's recording one) shares it and reuses the
// candidates, while its own get() still sees what the models ask for.
const contexts = new WeakMap<Knowledge, WeakMap<object, CostContext>>();

export function costContext(knowledge: Knowledge, prices: PriceBook): CostContext {
  let byBook = contexts.get(knowledge);
  if (!byBook) contexts.set(knowledge, (byBook = new WeakMap()));
  const found = byBook.get(prices.info);
  if (found) {
    if (found.prices === prices) return found;
    // Another book with the same info: a wrapper over the same prices (the report's recording
    // book) reuses the candidates; a book missing some of them gets its own.
    const same =
      found.ec2.every((c) => prices.has(ec2Instance(c.spec.name))) &&
      (['hosting', 'async', 'batch'] as const).every((use) =>
        found.sagemaker[use].every((c) => prices.has(sagemakerInstance(use, c.spec.name))),
      );
    if (same) return { ...found, prices };
  }
  const region = priceRegionOf(prices.info);
  const priced = (service: 'sagemaker' | 'ec2', key: (name: string) => string): Candidate[] =>
    undominated(
      knowledge.instances
        .filter((spec) => spec.service === service && prices.has(key(spec.name)))
        .map((spec) => ({ spec, machine: machineOf(spec), usdPerHour: prices.get(key(spec.name)).usd }))
        .sort((a, b) => a.usdPerHour - b.usdPerHour),
      knowledge,
    );
  const ec2 = priced('ec2', ec2Instance);
  const ctx: CostContext = {
    knowledge,
    prices,
    region,
    sagemaker: {
      hosting: priced('sagemaker', (n) => sagemakerInstance('hosting', n)),
      async: priced('sagemaker', (n) => sagemakerInstance('async', n)),
      batch: priced('sagemaker', (n) => sagemakerInstance('batch', n)),
    },
    ec2,
    ec2X86Gpu: undominated(
      ec2.filter((c) => c.machine.architecture === 'x86_64' && c.machine.kind !== 'inferentia'),
      knowledge,
    ),
    explain: true,
  };
  if (!found) byBook.set(prices.info, ctx);
  return ctx;
}

/**
 * Leaves out every candidate another one beats on every count: no dearer, and at least as many
 * cores and as much memory, of the same architecture and hardware kind, with at least as many,
 * as large and as fast accelerators. The cheapest configuration never needs a dominated one, and
 * the sizing then tries a few dozen types instead of every one.
 */
function undominated(sorted: Candidate[], knowledge: Knowledge): Candidate[] {
  const speed = (m: Machine) =>
    m.accelerator
      ? (knowledge.sizing.hardware.accelerators as unknown as Record<string, { speed: number }>)[
          m.accelerator.name
        ]!.speed
      : 0;
  const beats = (y: Machine, x: Machine) =>
    y.architecture === x.architecture &&
    y.kind === x.kind &&
    y.vcpu >= x.vcpu &&
    y.memoryGiB >= x.memoryGiB &&
    (x.accelerator === null ||
      (y.accelerator !== null &&
        y.accelerator.count >= x.accelerator.count &&
        y.accelerator.memoryGiB >= x.accelerator.memoryGiB &&
        speed(y) >= speed(x)));
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (!kept.some((k) => k.usdPerHour <= c.usdPerHour && beats(k.machine, c.machine))) kept.push(c);
  }
  return kept;
}
