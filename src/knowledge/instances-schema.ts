import * as z from 'zod/mini';

/**
 * The shape of knowledge/instances.yaml: the instance types the sizing may choose from, SageMaker
 * `ml.*` and EC2, with the specs that decide whether a model fits and the on-demand price per hour
 * in each snapshot region. Every price names a source (an id of the file's `sources` table), the
 * date it was checked and how much it can be trusted (`confidence`); a derived price also says
 * what it was derived from, and the schema checks that arithmetic.
 * (zod/mini: `recommend` reads the validated form of this file at start-up.)
 */


export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const INSTANCE_SERVICES = ['sagemaker', 'ec2'] as const;
export type InstanceService = (typeof INSTANCE_SERVICES)[number];

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/**
 * Accelerators by the name AWS gives them, and what kind they are: GPUs run CUDA images as they
 * are; Inferentia2 (the `neuron` kind) needs the model compiled with the AWS Neuron SDK.
 */
export const ACCELERATORS = {
  T4: 'gpu',
  A10G: 'gpu',
  L4: 'gpu',
  L40S: 'gpu',
  A100: 'gpu',
  H100: 'gpu',
  Inferentia2: 'neuron',
} as const;
export type AcceleratorName = keyof typeof ACCELERATORS;
export type AcceleratorKind = (typeof ACCELERATORS)[AcceleratorName];
const ACCELERATOR_NAMES = Object.keys(ACCELERATORS) as [AcceleratorName, ...AcceleratorName[]];

/**
 * How far a price can be trusted:
 * - `published`: read on an AWS pricing page or in the AWS Price List (API or offer file);
 * - `transcribed`: AWS's price as copied by a third party (a public table, test fixture, article);
 * - `derived`: computed from another region's price with a stated factor (see `from`, `factor`).
 */
export const PRICE_CONFIDENCE = ['published', 'transcribed', 'derived'] as const;
export type PriceConfidence = (typeof PRICE_CONFIDENCE)[number];



export const INSTANCE_NAME_PATTERN = /^(ml\.)?[a-z][a-z0-9-]*\.[a-z0-9-]+$/;


/** A derived price names its base (a region priced with a firmer confidence) and matches it. */
function checkDerivation(
  prices: Record<string, InstancePriceEntry>,
  region: string,
  price: InstancePriceEntry,
  ctx: z.core.$RefinementCtx,
): void {
  const path = ['prices', region];
  const derived = price.confidence === 'derived';
  if (!derived) {
    if (price.from !== undefined || price.factor !== undefined) {
      ctx.addIssue({ code: 'custom', path, message: 'from and factor belong to derived prices only' });
    }
    return;
  }
  if (price.from === undefined || price.factor === undefined) {
    ctx.addIssue({ code: 'custom', path, message: 'a derived price names its base region (from) and its factor' });
    return;
  }
  const base = prices[price.from];
  if (!base || base.confidence === 'derived') {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'from'],
      message: `${price.from} must be priced in this entry, and not itself derived`,
    });
    return;
  }
  const expected = base.usd * price.factor;
  // Prices are kept to 4 decimals as AWS prints them: allow that rounding and no more.
  if (Math.abs(price.usd - expected) > 0.00006 + expected * 1e-6) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'usd'],
      message: `${price.usd} is not ${price.from}'s ${base.usd} x ${price.factor} (= ${expected.toFixed(4)})`,
    });
  }
}

/** The source every `ec2Ratio` derivation cites: the sources table must explain it. */
export const EC2_RATIO_SOURCE = 'ratio-ec2-same-type';

/**
 * The schema, built on first use: a run whose catalogue comes from the build's validated cache
 * (see instances.ts) never needs it, and building it cost a few milliseconds of every start-up.
 */
function buildSchemas() {
  const text = () => z.string().check(z.minLength(1));
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01'));
  // z.number() already rejects Infinity and NaN; a price of 0 would read as "free", never true here.
  const positive = () => z.number().check(z.positive());
  const sourceId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'source ids are kebab-case'));
  const regionCode = z.string().check(z.regex(REGION_PATTERN, 'must be an AWS region code like us-east-1'));

  const priceSchema = z.strictObject({
    usd: positive(),
    source: sourceId,
    checked: isoDate,
    confidence: z.enum(PRICE_CONFIDENCE),
    /** For a derived price: the region whose price it was derived from, and the factor applied. */
    from: z.optional(regionCode),
    factor: z.optional(positive()),
    note: z.optional(text()),
  });

  const acceleratorSchema = z.strictObject({
    name: z.enum(ACCELERATOR_NAMES),
    count: z.number().check(z.int(), z.positive()),
    /** Memory of ONE device (GPU memory, or the HBM of one Inferentia2 chip). */
    memoryGiB: positive(),
  });

  const instanceSchema = z
    .strictObject({
      name: z.string().check(z.regex(INSTANCE_NAME_PATTERN, 'must be an instance type like m5.large or ml.g5.xlarge')),
      service: z.enum(INSTANCE_SERVICES),
      vcpu: z.number().check(z.int(), z.positive()),
      memoryGiB: positive(),
      accelerator: z.nullable(acceleratorSchema),
      architecture: z.enum(ARCHITECTURES),
      /** Where the specs (vCPU, memory, accelerator) come from. */
      spec: z.strictObject({ source: sourceId, checked: isoDate }),
      /** On-demand USD per instance-hour, Linux, by region. A region left out: not priced there. */
      prices: z
        .record(regionCode, priceSchema)
        .check(z.refine((p) => Object.keys(p).length > 0, 'needs a price in at least one region')),
      /**
       * Regions priced by derivation from the us-east-1 price, each factor kept once: `factors`
       * names a set in the file's `regionalFactors`; `ec2Ratio` names the EC2 type whose regional
       * price ratio applies (a SageMaker type tracks its EC2 twin). Explicit prices win.
       */
      derive: z.optional(
        z.union([z.strictObject({ factors: sourceId }), z.strictObject({ ec2Ratio: text() })]),
      ),
    })
    .check(
      z.superRefine((entry, ctx) => {
        const isMl = entry.name.startsWith('ml.');
        if (isMl !== (entry.service === 'sagemaker')) {
          ctx.addIssue({
            code: 'custom',
            path: ['service'],
            message: isMl
              ? `${entry.name} is a SageMaker type (ml.*): service must be sagemaker`
              : `${entry.name} is an EC2 type: service must be ec2 (SageMaker types start with ml.)`,
          });
        }
        for (const [region, price] of Object.entries(entry.prices)) {
          checkDerivation(entry.prices, region, price, ctx);
        }
      }),
    );

  const sourceSchema = z.strictObject({ url: z.url(), title: text() });
  const factorSchema = z.strictObject({ factor: positive(), source: sourceId, checked: isoDate });

  const instancesFileSchema = z
    .strictObject({
      sources: z.record(sourceId, sourceSchema),
      /** Named sets of regional price factors (region / us-east-1), each with its source. */
      regionalFactors: z.record(sourceId, z.record(regionCode, factorSchema)),
      instances: z.array(instanceSchema).check(z.minLength(1)),
    })
    .check(
      z.superRefine((file, ctx) => {
        const seen = new Set<string>();
        const byName = new Map(file.instances.map((instance) => [instance.name, instance]));
        const refsOf = (id: string, path: PropertyKey[]) => {
          if (!(id in file.sources)) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `unknown source "${id}"; the sources table has ${Object.keys(file.sources).join(', ')}`,
            });
          }
        };
        for (const [set, regions] of Object.entries(file.regionalFactors)) {
          for (const [region, f] of Object.entries(regions)) {
            refsOf(f.source, ['regionalFactors', set, region, 'source']);
          }
        }
        file.instances.forEach((instance, i) => {
          const derive = instance.derive;
          if (derive && !instance.prices['us-east-1']) {
            ctx.addIssue({ code: 'custom', path: ['instances', i, 'derive'], message: 'derives from a us-east-1 price, which this type lacks' });
          }
          if (derive && 'factors' in derive && !(derive.factors in file.regionalFactors)) {
            ctx.addIssue({
              code: 'custom',
              path: ['instances', i, 'derive', 'factors'],
              message: `unknown factor set "${derive.factors}"; regionalFactors has ${Object.keys(file.regionalFactors).join(', ')}`,
            });
          }
          if (derive && 'ec2Ratio' in derive) {
            refsOf(EC2_RATIO_SOURCE, ['instances', i, 'derive', 'ec2Ratio']);
            const twin = byName.get(derive.ec2Ratio);
            if (!twin || twin.service !== 'ec2' || !twin.prices['us-east-1']) {
              ctx.addIssue({
                code: 'custom',
                path: ['instances', i, 'derive', 'ec2Ratio'],
                message: `${derive.ec2Ratio} must be an EC2 type of this file with a us-east-1 price`,
              });
            }
          }
          if (seen.has(instance.name)) {
            ctx.addIssue({ code: 'custom', path: ['instances', i, 'name'], message: `${instance.name} is listed twice` });
          }
          seen.add(instance.name);
          const refs: [PropertyKey[], string][] = [
            [['instances', i, 'spec', 'source'], instance.spec.source],
            ...Object.entries(instance.prices).map(
              ([region, p]): [PropertyKey[], string] => [['instances', i, 'prices', region, 'source'], p.source],
            ),
          ];
          for (const [path, id] of refs) {
            if (!(id in file.sources)) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `unknown source "${id}"; the sources table has ${Object.keys(file.sources).join(', ')}`,
              });
            }
          }
        });
      }),
    );
  return { priceSchema, instancesFileSchema };
}

let built: ReturnType<typeof buildSchemas> | undefined;

/** The schema of knowledge/instances.yaml (built on first call, then the same object). */
export const instancesFileSchema = () => (built ??= buildSchemas()).instancesFileSchema;
export type InstancePriceEntry = z.infer<ReturnType<typeof buildSchemas>['priceSchema']>;
export type InstancesFile = z.infer<ReturnType<typeof instancesFileSchema>>;

/** One price as the rules base hands it out: the source id resolved to its URL. */
export interface InstancePrice {
  usd: number;
  source: string;
  checked: string;
  confidence: PriceConfidence;
  from?: string;
  factor?: number;
  note?: string;
}

/** One instance type of the catalogue (knowledge.instances), ready for the sizing. */
export interface InstanceType {
  name: string;
  service: InstanceService;
  vcpu: number;
  memoryGiB: number;
  accelerator: { name: AcceleratorName; kind: AcceleratorKind; count: number; memoryGiB: number } | null;
  architecture: Architecture;
  spec: { source: string; checked: string };
  prices: Record<string, InstancePrice>;
}

/** Prices are kept to 4 decimals, as AWS prints most of them. */
const round4 = (usd: number): number => Math.round(usd * 1e4) / 1e4;

type FileInstance = InstancesFile['instances'][number];
/** One derivable region: its factor, and what a derived price there cites. */
interface Derivation {
  region: string;
  factor: number;
  source: string;
  checked: string;
  note?: string;
}

/**
 * Resolves source ids to URLs, adds each accelerator's kind, and prices the regions each entry
 * derives (`derive`) that it does not price explicitly: at its us-east-1 price x the factor of the
 * file's `regionalFactors` set, or of the named EC2 type's own (not derived) regional ratio. Runs
 * at every start-up over a couple of hundred entries, so each derivation is worked out once.
 */
export function toInstanceTypes(file: InstancesFile): InstanceType[] {
  const url = (id: string) => file.sources[id]?.url ?? id;
  const byName = new Map(file.instances.map((i) => [i.name, i]));
  const derivations = new Map<string, Derivation[]>();
  const derivationsFor = (derive: NonNullable<FileInstance['derive']>): Derivation[] => {
    const key = 'factors' in derive ? `factors:${derive.factors}` : `ec2:${derive.ec2Ratio}`;
    let list = derivations.get(key);
    if (list) return list;
    list = [];
    if ('factors' in derive) {
      for (const [region, f] of Object.entries(file.regionalFactors[derive.factors] ?? {})) {
        list.push({ region, factor: f.factor, source: url(f.source), checked: f.checked });
      }
    } else {
      const twin = byName.get(derive.ec2Ratio);
      const base = twin?.prices['us-east-1'];
      for (const [region, p] of base ? Object.entries(twin!.prices) : []) {
        if (region === 'us-east-1' || p.confidence === 'derived') continue;
        list.push({
          region,
          factor: round4(p.usd / base!.usd),
          source: url(EC2_RATIO_SOURCE),
          checked: p.checked,
          note: `EC2 ${twin!.name}: $${p.usd} here, $${base!.usd} in us-east-1`,
        });
      }
    }
    derivations.set(key, list);
    return list;
  };

  return file.instances.map((i) => {
    const prices: Record<string, InstancePrice> = {};
    const base = i.prices['us-east-1'];
    if (base && i.derive) {
      for (const d of derivationsFor(i.derive)) {
        if (i.prices[d.region]) continue;
        const price: InstancePrice = {
          usd: round4(base.usd * d.factor),
          source: d.source,
          checked: d.checked,
          confidence: 'derived',
          from: 'us-east-1',
          factor: d.factor,
        };
        if (d.note) price.note = d.note;
        prices[d.region] = price;
      }
    }
    for (const [region, p] of Object.entries(i.prices)) prices[region] = { ...p, source: url(p.source) };
    return {
      name: i.name,
      service: i.service,
      vcpu: i.vcpu,
      memoryGiB: i.memoryGiB,
      accelerator: i.accelerator && { ...i.accelerator, kind: ACCELERATORS[i.accelerator.name] },
      architecture: i.architecture,
      spec: { source: url(i.spec.source), checked: i.spec.checked },
      prices,
    };
  });
}
