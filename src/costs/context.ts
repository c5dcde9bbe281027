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
  // SageMaker's uses are mostly priced alike: a list the same as one already worked out (the same
  // types at the same prices, in the same order) is left as that one was.
  const done: { sorted: Candidate[]; kept: Candidate[] }[] = [];
  const priced = (service: 'sagemaker' | 'ec2', key: (name: string) => string): Candidate[] => {
    const sorted = knowledge.instances
      .filter((spec) => spec.service === service && prices.has(key(spec.name)))
      .map((spec) => ({ spec, machine: machineOf(spec), usdPerHour: prices.get(key(spec.name)).usd }))
      .sort((a, b) => a.usdPerHour - b.usdPerHour);
    const same = done.find(
      (d) =>
        d.sorted.length === sorted.length &&
        d.sorted.every((c, i) => c.spec === sorted[i]!.spec && c.usdPerHour === sorted[i]!.usdPerHour),
    );
    if (same) return same.kept.map((c) => ({ ...c }));
    const kept = undominated(sorted, knowledge);
    done.push({ sorted, kept });
    return kept;
  };
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
  const accelerators = knowledge.sizing.hardware.accelerators as unknown as Record<string, { speed: number }>;
  const speed = (m: Machine) => (m.accelerator ? accelerators[m.accelerator.name]!.speed : 0);
  // Only a machine of the same architecture and kind can beat another: each candidate is compared
  // with the kept ones of its group alone (this runs at every start-up, for every service).
  const beats = (y: Machine, x: Machine) =>
    y.vcpu >= x.vcpu &&
    y.memoryGiB >= x.memoryGiB &&
    (x.accelerator === null ||
      (y.accelerator !== null &&
        y.accelerator.count >= x.accelerator.count &&
        y.accelerator.memoryGiB >= x.accelerator.memoryGiB &&
        speed(y) >= speed(x)));
  const kept: Candidate[] = [];
  const groups = new Map<string, Candidate[]>();
  for (const c of sorted) {
    const key = `${c.machine.architecture}/${c.machine.kind}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    if (!group.some((k) => k.usdPerHour <= c.usdPerHour && beats(k.machine, c.machine))) {
      kept.push(c);
      group.push(c);
    }
  }
  return kept;
}
