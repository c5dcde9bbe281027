import * as z from 'zod/mini';
import { OPTION_IDS } from '../core/options.js';

/**
 * The shape of every file in knowledge/. Data only: what the options are, the hard limits
 * that make an option infeasible, the weighted soft rules that score it, and the sizing
 * assumptions. Each fact carries its source and the date it was last checked.
 * (zod/mini: the commands that read these files must start fast.)
 */

/** A test on one fact about the workload (an answer, or a value derived from the answers). */
export type Condition =
  | {
      fact: string;
      eq?: string | number | boolean | null;
      in?: (string | number | boolean | null)[];
      notIn?: (string | number | boolean | null)[];
      lt?: number;
      lte?: number;
      gt?: number;
      gte?: number;
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const RULE_TOPICS = [
  'traffic',
  'latency',
  'team',
  'kubernetes',
  'lock-in',
  'budget',
  'framework',
  'gpu',
  'model-size',
  'payload',
  'hosting',
] as const;

/**
 * The schemas, built on first use: a run reads the bundled files from the build's validated cache
 * (see yaml-file.ts) and never needs them, and building them cost milliseconds of every start-up.
 */
function buildSchemas() {
  const optionId = z.enum(OPTION_IDS);
  const text = () => z.string().check(z.minLength(1));
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01'));
  const source = z.strictObject({
    url: z.url(),
    title: text(),
    checked: isoDate,
  });

  const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);


  const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));

  const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
    z.union([
      z.strictObject({ all: nonEmpty(conditionSchema) }),
      z.strictObject({ any: nonEmpty(conditionSchema) }),
      z.strictObject({ not: conditionSchema }),
      z.strictObject({
        fact: text(),
        eq: z.optional(scalar),
        in: z.optional(nonEmpty(scalar)),
        notIn: z.optional(nonEmpty(scalar)),
        lt: z.optional(z.number()),
        lte: z.optional(z.number()),
        gt: z.optional(z.number()),
        gte: z.optional(z.number()),
      }),
    ]),
  );

  const optionSchema = z.strictObject({
    id: optionId,
    name: text(),
    /** Short names and synonyms a user may type ("fargate", "k8s"). */
    aliases: z.array(text()),
    summary: text(),
    goodAt: nonEmpty(text()),
    asksOfTeam: text(),
    runsOnAws: z.boolean(),
    servesHttp: z.boolean(),
    scalesToZero: z.boolean(),
    tradeoffs: z.strictObject({
      cost: text(),
      complexity: text(),
      control: text(),
      lockIn: text(),
      frameworks: text(),
      operations: text(),
    }),
    links: nonEmpty(source),
  });

  const optionsFileSchema = z.strictObject({ options: z.array(optionSchema) });

  const ruleId = z.string().check(z.regex(/^[a-z0-9-]+$/, 'must be kebab-case: a-z, 0-9 and -'));

  /**
   * A hard limit. The option is infeasible when `violatedWhen` holds; `blocker` is the sentence
   * shown, with {placeholders} filled from the workload facts and from `limit`.
   */
  const limitSchema = z.strictObject({
    id: ruleId,
    options: nonEmpty(optionId),
    title: text(),
    limit: z.strictObject({ value: z.union([z.number(), z.string()]), unit: z.string() }),
    violatedWhen: conditionSchema,
    blocker: text(),
    source,
  });
  const limitsFileSchema = z.strictObject({ limits: z.array(limitSchema) });


  /** A weighted soft rule: when `when` holds, each listed option's score moves by its effect. */
  const ruleSchema = z.strictObject({
    id: ruleId,
    topic: z.enum(RULE_TOPICS),
    when: conditionSchema,
    effects: z
      .partialRecord(
        z.union([optionId, z.literal('*')]),
        z.number().check(z.int(), z.gte(-100), z.lte(100)),
      )
      .check(z.refine((effects) => Object.keys(effects).length > 0, 'needs at least one option')),
    because: text(),
    /** Where common public advice is wrong, the correction this rule stands on. */
    corrects: z.optional(text()),
    source: z.optional(source),
  });
  const rulesFileSchema = z.strictObject({ rules: z.array(ruleSchema) });

  /** Facts that widely repeated advice gets wrong, stated once with a source. */
  const correctionSchema = z.strictObject({
    id: ruleId,
    myth: text(),
    fact: text(),
    options: z.array(optionId),
    source,
  });
  const correctionsFileSchema = z.strictObject({ corrections: z.array(correctionSchema) });

  /** Retired AWS services: never recommended, named in the report so nobody plans on them. */
  const retiredSchema = z.strictObject({
    id: ruleId,
    name: text(),
    status: text(),
    date: text(),
    instead: text(),
    source,
  });
  const retiredFileSchema = z.strictObject({ retired: z.array(retiredSchema) });

  const positive = () => z.number().check(z.positive());
  const byFramework = z.strictObject({
    pytorch: positive(),
    tensorflow: positive(),
    sklearn: positive(),
    xgboost: positive(),
    onnx: positive(),
    huggingface: positive(),
    other: positive(),
  });
  const share = () => z.number().check(z.positive(), z.lte(1));
  const byOption = <T extends z.ZodMiniType>(value: () => T) =>
    z.strictObject(Object.fromEntries(OPTION_IDS.map((id) => [id, value()])) as Record<(typeof OPTION_IDS)[number], T>);
  const byPattern = <T extends z.ZodMiniType>(value: () => T) =>
    z.strictObject({ steady: value(), spiky: value(), intermittent: value(), batch: value() });

  /** Assumptions that turn answers into a workload: peaks, inference time, memory. */
  /** One accelerator class: relative speed, and the datasheet figures the LLM token model uses. */
  const accelerator = z.strictObject({
    speed: positive(),
    memoryGbPerS: positive(),
    fp16Tflops: positive(),
    /** How a machine's devices of this class are linked (llm.tensorParallel). */
    interconnect: z.enum(['nvswitch', 'pcie', 'neuronlink']),
  });
  /** A copy of an LLM split over linked devices: the share of their sum it gets, and its floor. */
  const split = () => z.strictObject({ efficiency: share(), minTokenMs: positive() });

  const sizingSchema = z.strictObject({
    peakFactor: byPattern(() => z.number().check(z.gte(1))),
    /** Share of the month with any traffic: intermittent load idles most of the time. */
    activeShare: byPattern(share),
    inferenceMs: z.strictObject({
      /** CPU time of one prediction for a 100 MB model of each framework. */
      baseCpu: byFramework,
      /** Extra milliseconds per 100 MB of model beyond the first 100 MB. */
      perHundredMb: byFramework,
      /**
       * The GPU an answered inferenceMs is timed on when a GPU is required (one request, one
       * device); with gpu none or optional an answered time is one CPU core's.
       */
      measuredGpu: z.strictObject({
        accelerator: z.enum(['T4', 'A10G', 'L4', 'L40S', 'A100', 'H100']),
        instances: text(),
        source,
      }),
      /** Divide CPU time by this when a GPU is used (deep-learning frameworks only). */
      gpuSpeedup: byFramework,
    }),
    memory: z.strictObject({
      /** Runtime and framework overhead in MB, before the model is loaded. */
      runtimeMb: byFramework,
      /** Memory used per MB of model artifact (weights unpacked, activations). */
      perModelMb: z.number().check(z.gte(1)),
    }),
    /** Share of an instance's capacity to plan for at peak: the headroom. */
    targetUtilisation: share(),
    /** Share of the active time a fleet spends scaled out to the peak. */
    peakShareOfActiveTime: share(),
    /** How long one peak lasts, for a queue (asynchronous inference) that absorbs it. */
    peakMinutes: positive(),
    hoursPerMonth: positive(),
    hardware: z.strictObject({
      cpu: z.strictObject({
        vcpuShareOfCore: z.strictObject({ x86_64: share(), arm64: share() }),
        threadScaling: share(),
        hostOverheadMb: positive(),
        source,
      }),
      accelerators: z.strictObject({
        T4: accelerator,
        A10G: accelerator,
        L4: accelerator,
        L40S: accelerator,
        A100: accelerator,
        H100: accelerator,
        H100PCIe: accelerator,
        Inferentia2: accelerator,
        source,
      }),
      /** Dynamic batching; requests longer than maxRequestMs on the measured GPU are not batched. */
      batching: z.strictObject({
        throughputGain: positive(),
        latencyFactor: positive(),
        maxRequestMs: positive(),
        source,
      }),
      /** Frameworks the Neuron SDK compiles for Inferentia2, and the caveat shown where inf2 is picked. */
      neuron: z.strictObject({
        frameworks: z.array(z.enum(['pytorch', 'tensorflow', 'sklearn', 'xgboost', 'onnx', 'huggingface', 'other'])),
        caveat: text(),
        effect: z.number().check(z.int(), z.lte(0)),
        source,
      }),
      /** Host memory per MB of artifact needed to load the model onto an accelerator. */
      hostLoadPerModelMb: z.number().check(z.gte(1)),
      hostLoadSource: source,
      acceleratorMemoryPerModelMb: positive(),
      acceleratorMemoryUsable: share(),
    }),
    /** Generative LLMs: continuous-batching throughput and time per token (sizing.yaml llm). */
    llm: z.strictObject({
      frameworks: z.array(z.enum(['pytorch', 'tensorflow', 'sklearn', 'xgboost', 'onnx', 'huggingface', 'other'])),
      minModelMb: positive(),
      bytesPerParameter: positive(),
      inputTokens: positive(),
      outputTokens: positive(),
      bandwidthUtilisation: share(),
      saturationConcurrency: positive(),
      // Ascending: the sizing reads each copy's ways as a run of rising concurrency (Servings.run).
      concurrencies: nonEmpty(z.number().check(z.int(), z.positive())).check(
        z.refine((list) => list.every((c, i) => i === 0 || c > list[i - 1]!), 'must rise, each above the last'),
      ),
      tensorParallel: z.strictObject({ nvswitch: split(), pcie: split(), neuronlink: split(), source }),
      prefillFlopsUtilisation: share(),
      source,
    }),
    latency: z.strictObject({
      p95OverInference: z.number().check(z.gte(1)),
      overheadMs: byOption(() => z.number().check(z.gte(0))),
      thinHeadroomShare: share(),
      /** Points lost at zero headroom; linearly fewer up to thinHeadroomShare of the target. */
      thinHeadroomPoints: z.number().check(z.gte(0)),
      /** Points lost per doubling of a start from zero over the p95 target (steady traffic). */
      coldStartPointsPerDoubling: z.number().check(z.gte(0)),
      coldStartMaxPenalty: z.number().check(z.gte(0)),
      source,
    }),
    coldStart: z.strictObject({
      startS: z.strictObject({
        lambda: positive(),
        'sagemaker-serverless': positive(),
        'sagemaker-async': positive(),
        'sagemaker-batch': positive(),
      }),
      importS: byFramework,
      loadMbPerS: positive(),
      patterns: z.array(z.enum(['steady', 'spiky', 'intermittent', 'batch'])),
      burstPatterns: z.array(z.enum(['steady', 'spiky', 'intermittent', 'batch'])),
      effect: z.number().check(z.int(), z.lte(0)),
      source,
    }),
    onPremGpuServers: nonEmpty(
      z.strictObject({
        name: text(),
        accelerator: z.enum(['T4', 'A10G', 'L4', 'L40S', 'A100', 'H100', 'H100PCIe']),
        count: z.number().check(z.int(), z.positive()),
        memoryGb: positive(),
        vcpu: positive(),
        hostMemoryGb: positive(),
        usd: positive(),
        watts: positive(),
        source: z.optional(source),
      }),
    ),
    network: z.strictObject({
      responseKb: positive(),
      /** S3 objects behind asynchronous and batch inference: requests per object and retention. */
      s3: z.strictObject({
        asyncPutsPerRequest: positive(),
        asyncGetsPerRequest: positive(),
        batchRecordsPerObject: positive(),
        retentionDays: positive(),
      }),
      newConnectionShare: share(),
      /** What each machine start pulls through a NAT gateway: image and model, and how often. */
      natPull: z.strictObject({
        cpuImageGb: positive(),
        gpuImageGb: positive(),
        startsPerMachinePerMonth: positive(),
      }),
      /** Hybrid's link: what one VPN tunnel and one Direct Connect port of each size carry. */
      link: z.strictObject({
        vpnTunnelGbps: positive(),
        directConnectPortGbps: z.strictObject({ '1g': positive(), '10g': positive() }),
        source,
      }),
    }),
    /** The least instances an always-on fleet behind a latency target runs, and the options it binds. */
    availability: z.strictObject({
      minInstances: z.number().check(z.int(), z.gte(1)),
      options: z.array(z.enum(OPTION_IDS)),
      /** Queue-fronted options bound too when clients wait on a p95 target shorter than a start from zero (not batch traffic). */
      queueOptions: z.array(z.enum(OPTION_IDS)),
      source,
    }),
    /**
     * Kubernetes pods: the share of a node's vCPUs one node's pods may request together (the rest is
     * the kubelet's and system reservation and the node's daemon sets).
     */
    /** Instance families whose on-demand capacity is scarce: a caveat (and a small mark-down) when sizing lands on one. */
    scarceCapacity: z.strictObject({
      families: z.array(text()).check(z.minLength(1)),
      effect: z.number().check(z.lte(0)),
      source,
    }),
    kubernetes: z.strictObject({
      podCpuShareOfNode: z.number().check(z.gt(0), z.lte(1)),
      /** What the EKS AMI reserves for the kubelet: a share of each core, by core rank. */
      kubeReservedCpu: z.strictObject({
        firstCore: z.number().check(z.gte(0), z.lt(1)),
        secondCore: z.number().check(z.gte(0), z.lt(1)),
        thirdAndFourthCores: z.number().check(z.gte(0), z.lt(1)),
        aboveFourCores: z.number().check(z.gte(0), z.lt(1)),
      }),
      /** CPU the node's daemon sets request on every node (kube-proxy, VPC CNI, CloudWatch agent). */
      daemonSetMillicores: z.number().check(z.gte(0)),
      daemonSetSource: source,
      /** The extra node a rolling update surges onto when the fleet is full: its hours a month. */
      surge: z.strictObject({
        rolloutsPerMonth: z.number().check(z.gte(0)),
        hoursPerRollout: z.number().check(z.gt(0)),
      }),
      source,
    }),
    /** The dearest AWS region's on-demand price of a reference instance, for the region fallback note. */
    regionalUplift: z.strictObject({
      instance: text(),
      dearestRegion: text(),
      dearestRegionName: text(),
      dearestUsdPerHour: positive(),
      source,
    }),
    /** How cost moves a score: points per doubling over the cheapest feasible option. */
    costScoring: z.strictObject({
      pointsPerDoubling: positive(),
      maxPenalty: positive(),
      cheapestBonus: z.number().check(z.gte(0)),
      /** The budget factor, continuous in the bill's share of the budget (core/budget-fit.ts). */
      budget: z.strictObject({
        withinPoints: z.number().check(z.gte(0)),
        overPointsPerDoubling: z.number().check(z.gte(0)),
        maxPenalty: z.number().check(z.gte(0)),
      }),
    }),
    source,
  });

  /** knowledge/savings-plans.yaml: which plan covers which service, and the rates applied. */
  const savingsPlan = z.strictObject({
    name: text(),
    covers: text(),
    oneYear: share(),
    threeYear: share(),
    source,
  });
  const savingsPlansSchema = z.strictObject({
    plans: z.strictObject({
      sagemaker: savingsPlan,
      'compute-ec2': savingsPlan,
      'compute-fargate': savingsPlan,
      'compute-lambda': savingsPlan,
    }),
  });
  return { source, conditionSchema, optionSchema, optionsFileSchema, limitSchema, limitsFileSchema, ruleSchema, rulesFileSchema, correctionSchema, correctionsFileSchema, retiredSchema, retiredFileSchema, sizingSchema, savingsPlansSchema };
}

let built: ReturnType<typeof buildSchemas> | undefined;
/** Every schema of this file, built on the first call. */
export const knowledgeSchemas = (): ReturnType<typeof buildSchemas> => (built ??= buildSchemas());
type Schemas = ReturnType<typeof buildSchemas>;

/** A condition (see Condition); it builds the schemas only when it first checks a value. */
export const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() => knowledgeSchemas().conditionSchema);

// The schemas of whole files, as getters for readYamlFile and validateYaml (see SchemaSource).
export const optionsFileSchema = (): Schemas['optionsFileSchema'] => knowledgeSchemas().optionsFileSchema;
export const limitsFileSchema = (): Schemas['limitsFileSchema'] => knowledgeSchemas().limitsFileSchema;
export const rulesFileSchema = (): Schemas['rulesFileSchema'] => knowledgeSchemas().rulesFileSchema;
export const correctionsFileSchema = (): Schemas['correctionsFileSchema'] => knowledgeSchemas().correctionsFileSchema;
export const retiredFileSchema = (): Schemas['retiredFileSchema'] => knowledgeSchemas().retiredFileSchema;
export const sizingSchema = (): Schemas['sizingSchema'] => knowledgeSchemas().sizingSchema;
export const savingsPlansSchema = (): Schemas['savingsPlansSchema'] => knowledgeSchemas().savingsPlansSchema;

export type Source = z.infer<Schemas['source']>;
export type OptionInfo = z.infer<Schemas['optionSchema']>;
export type Limit = z.infer<Schemas['limitSchema']>;
export type Rule = z.infer<Schemas['ruleSchema']>;
export type Correction = z.infer<Schemas['correctionSchema']>;
export type RetiredService = z.infer<Schemas['retiredSchema']>;
export type Sizing = z.infer<Schemas['sizingSchema']>;
export type SavingsPlans = z.infer<Schemas['savingsPlansSchema']>;
export type SavingsPlanId = keyof SavingsPlans['plans'];
