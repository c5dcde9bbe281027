import { z } from 'zod';
import { OPTION_IDS } from '../core/options.js';

/**
 * The shape of every file in knowledge/. Data only: what the options are, the hard limits
 * that make an option infeasible, the weighted soft rules that score it, and the sizing
 * assumptions. Each fact carries its source and the date it was last checked.
 */

const optionId = z.enum(OPTION_IDS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01');
const source = z.object({
  url: z.url(),
  title: z.string().min(1),
  checked: isoDate,
});
export type Source = z.infer<typeof source>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

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

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({
      fact: z.string().min(1),
      eq: scalar.optional(),
      in: z.array(scalar).min(1).optional(),
      notIn: z.array(scalar).min(1).optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
    }),
  ]),
);

export const optionSchema = z.strictObject({
  id: optionId,
  name: z.string().min(1),
  /** Short names and synonyms a user may type ("fargate", "k8s"). */
  aliases: z.array(z.string().min(1)),
  summary: z.string().min(1),
  goodAt: z.array(z.string().min(1)).min(1),
  asksOfTeam: z.string().min(1),
  runsOnAws: z.boolean(),
  servesHttp: z.boolean(),
  scalesToZero: z.boolean(),
  tradeoffs: z.strictObject({
    cost: z.string().min(1),
    complexity: z.string().min(1),
    control: z.string().min(1),
    lockIn: z.string().min(1),
    frameworks: z.string().min(1),
    operations: z.string().min(1),
  }),
  links: z.array(source).min(1),
});
export type OptionInfo = z.infer<typeof optionSchema>;

export const optionsFileSchema = z.strictObject({ options: z.array(optionSchema) });

/**
 * A hard limit. The option is infeasible when `violatedWhen` holds; `blocker` is the sentence
 * shown, with {placeholders} filled from the workload facts and from `limit`.
 */
export const limitSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  options: z.array(optionId).min(1),
  title: z.string().min(1),
  limit: z.strictObject({ value: z.union([z.number(), z.string()]), unit: z.string() }),
  violatedWhen: conditionSchema,
  blocker: z.string().min(1),
  source,
});
export type Limit = z.infer<typeof limitSchema>;
export const limitsFileSchema = z.strictObject({ limits: z.array(limitSchema) });

/** A weighted soft rule: when `when` holds, each listed option's score moves by its effect. */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  topic: z.enum([
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
  ]),
  when: conditionSchema,
  effects: z
    .partialRecord(z.union([optionId, z.literal('*')]), z.number().int().min(-100).max(100))
    .refine((effects) => Object.keys(effects).length > 0, 'needs at least one option'),
  because: z.string().min(1),
  /** Where common public advice is wrong, the correction this rule stands on. */
  corrects: z.string().min(1).optional(),
  source: source.optional(),
});
export type Rule = z.infer<typeof ruleSchema>;
export const rulesFileSchema = z.strictObject({ rules: z.array(ruleSchema) });

/** Facts that widely repeated advice gets wrong, stated once with a source. */
export const correctionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  myth: z.string().min(1),
  fact: z.string().min(1),
  options: z.array(optionId),
  source,
});
export type Correction = z.infer<typeof correctionSchema>;
export const correctionsFileSchema = z.strictObject({ corrections: z.array(correctionSchema) });

/** Retired AWS services: never recommended, named in the report so nobody plans on them. */
export const retiredSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  status: z.string().min(1),
  date: z.string().min(1),
  instead: z.string().min(1),
  source,
});
export type RetiredService = z.infer<typeof retiredSchema>;
export const retiredFileSchema = z.strictObject({ retired: z.array(retiredSchema) });

const byFramework = z.strictObject({
  pytorch: z.number().positive(),
  tensorflow: z.number().positive(),
  sklearn: z.number().positive(),
  xgboost: z.number().positive(),
  onnx: z.number().positive(),
  huggingface: z.number().positive(),
  other: z.number().positive(),
});

/** Assumptions that turn answers into a workload: peaks, inference time, memory. */
export const sizingSchema = z.strictObject({
  peakFactor: z.strictObject({
    steady: z.number().min(1),
    spiky: z.number().min(1),
    intermittent: z.number().min(1),
    batch: z.number().min(1),
  }),
  /** Share of the month with any traffic: intermittent load idles most of the time. */
  activeShare: z.strictObject({
    steady: z.number().gt(0).max(1),
    spiky: z.number().gt(0).max(1),
    intermittent: z.number().gt(0).max(1),
    batch: z.number().gt(0).max(1),
  }),
  inferenceMs: z.strictObject({
    /** CPU time of one prediction for a 100 MB model of each framework. */
    baseCpu: byFramework,
    /** Extra milliseconds per 100 MB of model beyond the first 100 MB. */
    perHundredMb: byFramework,
    /** Divide CPU time by this when a GPU is used (deep-learning frameworks only). */
    gpuSpeedup: byFramework,
  }),
  memory: z.strictObject({
    /** Runtime and framework overhead in MB, before the model is loaded. */
    runtimeMb: byFramework,
    /** Memory used per MB of model artifact (weights unpacked, activations). */
    perModelMb: z.number().min(1),
  }),
  /** Share of an instance's capacity to plan for at peak: the headroom. */
  targetUtilisation: z.number().gt(0).max(1),
  hoursPerMonth: z.number().positive(),
  source,
});
export type Sizing = z.infer<typeof sizingSchema>;
