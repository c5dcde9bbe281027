/**
 * The one table of answer fields: key, allowed values, default, meaning, display name, unit, the
 * interview question, and the words the chat knows it by. The answers schema (core/answers.ts),
 * the facts rules may test (core/facts.ts), the chat's questions, its fact extractor and every
 * display name derive from it. Plain data with no zod, so the chat can ask its first question
 * without loading the schema.
 */

export const FRAMEWORKS = [
  'pytorch',
  'tensorflow',
  'sklearn',
  'xgboost',
  'onnx',
  'huggingface',
  'other',
] as const;
export const GPU_NEEDS = ['none', 'optional', 'required'] as const;
export const TRAFFIC_PATTERNS = ['steady', 'spiky', 'intermittent', 'batch'] as const;
export const HOSTING = ['cloud', 'on-prem-only', 'hybrid-ok', 'multi-cloud'] as const;
export const KUBERNETES = ['none', 'eks', 'self-managed'] as const;
export const OPS_MATURITY = ['low', 'medium', 'high'] as const;
export const EXISTING_SERVERS = ['none', 'available'] as const;

export type Framework = (typeof FRAMEWORKS)[number];
export type GpuNeed = (typeof GPU_NEEDS)[number];
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];
export type Hosting = (typeof HOSTING)[number];
export type KubernetesUse = (typeof KUBERNETES)[number];
export type OpsMaturity = (typeof OPS_MATURITY)[number];
export type ExistingServers = (typeof EXISTING_SERVERS)[number];

/** Region codes as AWS spells them: us-east-1, eu-central-1, ap-southeast-2, us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * How a field's value is read and checked: an enum (`choice`), a number with a lower bound
 * (`count` >= 0, `positive` > 0), an AWS region code, or free text.
 */
export type FieldKind = 'choice' | 'count' | 'positive' | 'region' | 'text';

/** What the chat reads a typed value as (the unit it converts to). */
export type FieldReading =
  'choice' | 'rate' | 'duration' | 'latency' | 'money' | 'size-mb' | 'size-kb' | 'tokens' | 'region' | 'name';

export interface AnswerField {
  kind: FieldKind;
  reading: FieldReading;
  values?: readonly string[];
  required?: true;
  /** latencyP95Ms only: null means offline work. */
  nullable?: true;
  /** A static default; absent for required keys and for the ones estimated from the others. */
  default?: string | number;
  /** How the answer's meaning is written in the contract, errors and the report. */
  meaning: string;
  /** The name shown to people in the chat ("request rate", never "requestsPerSecond"). */
  label: string;
  /** The unit a number is shown in. */
  unit?: 'MB' | 'KB' | 'requests/s' | 'ms' | 'USD/month' | 'tokens';
  /** `answer`: a fact rules may test as given; `estimated`: a fact the workload derives when not given. */
  fact?: 'answer' | 'estimated';
  /** Interview order (1 first). */
  ask: number;
  prompt: string;
  /** What a good answer looks like; a choice without one gets its values and their first words. */
  hint?: string;
  /**
   * Numbers only: the smallest and largest value accepted, inclusive. Far past any real
   * deployment, yet where the derived workload (requests a month, concurrency, memory) stays a
   * finite number and a minimum that means something (a p95 target of 1e-300 ms does not).
   * The answers schema, the CLI and the chat all check these.
   */
  range?: { min: number; max: number };
  /** Shown as the default when it is not the static one ("estimated from the shape of the load"). */
  defaultText?: string;
  /** Words that name the field in a sentence ("budget is $300", "what if traffic is 10x"); longest wins. */
  words: readonly string[];
  /** Loose words for each value of a choice; the value itself always counts. */
  synonyms?: Record<string, readonly string[]>;
  /** How a value reads to people when its id does not ("hybrid allowed" for hybrid-ok). */
  valueLabels?: Record<string, string>;
}

export const FIELDS = {
  framework: {
    kind: 'choice',
    reading: 'choice',
    values: FRAMEWORKS,
    required: true,
    meaning: 'what the model is built with',
    label: 'framework',
    fact: 'answer',
    ask: 1,
    prompt: 'What is the model built with?',
    hint: 'e.g. sklearn, pytorch, tensorflow (keras), xgboost, onnx, huggingface (transformers)',
    words: ['framework', 'library', 'model framework', 'built with'],
    synonyms: {
      pytorch: ['pytorch', 'torch', 'pt', 'torchscript', 'lightning', 'pytorch lightning'],
      tensorflow: ['tensorflow', 'tf', 'tf2', 'keras', 'tensor flow'],
      sklearn: ['sklearn', 'scikit-learn', 'scikit learn', 'scikit', 'sk-learn', 'sk learn'],
      xgboost: ['xgboost', 'xgb', 'xg boost'],
      onnx: ['onnx', 'onnxruntime', 'onnx runtime'],
      huggingface: ['huggingface', 'hugging face', 'hf', 'transformers', 'hugging-face'],
      other: ['other', 'something else', 'custom'],
    },
  },
  modelSizeMb: {
    kind: 'positive',
    reading: 'size-mb',
    default: 100,
    range: { min: 0.001, max: 10_000_000 },
    meaning: 'size of the model artifact in MB',
    label: 'model size',
    unit: 'MB',
    fact: 'answer',
    ask: 2,
    prompt: 'How big is the model artifact?',
    hint: 'e.g. 120 MB or 14 GB',
    words: ['model size', 'size of the model', 'artifact size', 'model', 'size', 'artifact', 'weights'],
  },
  gpu: {
    kind: 'choice',
    reading: 'choice',
    values: GPU_NEEDS,
    default: 'none',
    meaning: 'whether inference needs a GPU',
    label: 'GPU',
    fact: 'answer',
    ask: 3,
    prompt: 'Does inference need a GPU?',
    // No `hint`: it is made from the values and the first two words of each below, so what the
    // hint offers is always what the choice list shows and what the chat accepts.
    words: ['gpu', 'gpus', 'accelerator'],
    synonyms: {
      none: ['none', 'no', 'not needed', 'nope', 'no gpu', 'cpu', 'cpu only', 'n'],
      optional: ['optional', 'nice to have', 'maybe', 'would help', 'helps', 'if cheap', 'either'],
      required: ['required', 'yes', 'must', 'y', 'needed', 'need one', 'gpu', 'yes gpu', 'definitely'],
    },
  },
  trafficPattern: {
    kind: 'choice',
    reading: 'choice',
    values: TRAFFIC_PATTERNS,
    default: 'steady',
    meaning: 'shape of the load',
    label: 'traffic pattern',
    fact: 'answer',
    ask: 4,
    prompt: 'What shape is the load?',
    hint: 'steady, spiky (bursts), intermittent (idle most of the time) or batch (offline jobs)',
    words: ['traffic pattern', 'pattern', 'shape of the load', 'load shape', 'shape'],
    synonyms: {
      steady: ['steady', 'constant', 'flat', 'even', 'stable', 'continuous', 'always on'],
      spiky: ['spiky', 'bursty', 'bursts', 'burst', 'peaks', 'peaky', 'spikes', 'variable'],
      intermittent: ['intermittent', 'sporadic', 'occasional', 'rare', 'idle', 'on and off', 'sometimes'],
      batch: ['batch', 'offline', 'nightly', 'scheduled', 'jobs', 'bulk'],
    },
  },
  requestsPerSecond: {
    kind: 'count',
    reading: 'rate',
    required: true,
    range: { min: 0, max: 10_000_000 },
    meaning: 'average request rate over the month',
    label: 'request rate',
    unit: 'requests/s',
    fact: 'answer',
    ask: 5,
    prompt: 'How many requests, on average over the month?',
    hint: 'e.g. 20 requests per second, 1.2k per minute, 3M a month',
    words: ['traffic', 'rate', 'request rate', 'requests per second', 'requests', 'rps', 'load', 'volume'],
  },
  peakRequestsPerSecond: {
    kind: 'count',
    reading: 'rate',
    range: { min: 0, max: 10_000_000 },
    meaning: 'peak request rate',
    label: 'peak rate',
    unit: 'requests/s',
    fact: 'estimated',
    ask: 6,
    prompt: 'And at the peak?',
    hint: 'e.g. 200 rps',
    defaultText: 'estimated from the shape of the load',
    words: ['peak', 'peaks', 'peak rate', 'peak traffic', 'peak requests', 'peak load'],
  },
  payloadKb: {
    kind: 'positive',
    reading: 'size-kb',
    default: 10,
    range: { min: 0.001, max: 10_000_000 },
    meaning: 'typical request payload in KB',
    label: 'payload size',
    unit: 'KB',
    fact: 'answer',
    ask: 12,
    prompt: 'How big is a typical request?',
    hint: 'e.g. 10 KB or 2 MB',
    words: ['payload', 'payload size', 'request size', 'payloads', 'request body', 'input size'],
  },
  inferenceMs: {
    kind: 'positive',
    reading: 'duration',
    range: { min: 0.001, max: 1_000_000_000 },
    // The basis of a measured time (knowledge/sizing.yaml inferenceMs.measuredGpu names the GPU).
    meaning:
      'compute time of one prediction in ms: on one NVIDIA T4 GPU (g4dn) when gpu is required, else on one CPU core',
    label: 'inference time',
    unit: 'ms',
    fact: 'estimated',
    ask: 13,
    prompt: 'How long does one prediction take to compute?',
    hint: 'e.g. 40 ms',
    defaultText: 'estimated from the framework and size',
    words: ['inference time', 'inference', 'compute time', 'prediction time', 'model latency'],
  },
  latencyP95Ms: {
    kind: 'positive',
    reading: 'latency',
    required: true,
    nullable: true,
    range: { min: 1, max: 1_000_000_000 },
    meaning: 'p95 latency target in ms (null for offline work)',
    label: 'p95 latency',
    unit: 'ms',
    fact: 'answer',
    ask: 7,
    prompt: 'What p95 latency must a request meet?',
    hint: 'e.g. 250 ms or 2 s; "none" for offline work',
    words: ['latency', 'p95', 'latency target', 'p95 latency', 'response time', 'p99', 'sla'],
  },
  monthlyBudgetUsd: {
    kind: 'count',
    reading: 'money',
    required: true,
    range: { min: 0, max: 1_000_000_000_000 },
    meaning: 'monthly budget for serving in USD',
    label: 'monthly budget',
    unit: 'USD/month',
    fact: 'answer',
    ask: 8,
    prompt: 'What is the monthly budget for serving?',
    hint: 'e.g. $800 per month',
    words: ['budget', 'monthly budget', 'spend', 'money', 'cost cap', 'budget cap'],
  },
  region: {
    kind: 'region',
    reading: 'region',
    default: 'us-east-1',
    meaning: 'AWS region code',
    label: 'region',
    fact: 'answer',
    ask: 14,
    prompt: 'Which AWS region?',
    hint: 'e.g. us-east-1, eu-central-1',
    words: ['region', 'aws region'],
  },
  hosting: {
    kind: 'choice',
    reading: 'choice',
    values: HOSTING,
    default: 'cloud',
    meaning: 'where it may run',
    label: 'hosting',
    fact: 'answer',
    ask: 9,
    prompt: 'Where may it run?',
    hint: 'cloud, on-prem-only, hybrid-ok or multi-cloud',
    words: ['hosting', 'host', 'where it runs'],
    synonyms: {
      cloud: ['cloud', 'aws', 'aws cloud', 'public cloud', 'anywhere'],
      'on-prem-only': [
        'on-prem-only',
        'on-prem',
        'on prem',
        'onprem',
        'on premises',
        'on-premises',
        'own servers',
        'datacenter',
        'data center',
      ],
      'hybrid-ok': ['hybrid-ok', 'hybrid', 'hybrid ok', 'both'],
      'multi-cloud': ['multi-cloud', 'multicloud', 'multi cloud', 'several clouds'],
    },
    valueLabels: { 'on-prem-only': 'on-premises only', 'hybrid-ok': 'hybrid allowed' },
  },
  kubernetes: {
    kind: 'choice',
    reading: 'choice',
    values: KUBERNETES,
    default: 'none',
    meaning: 'Kubernetes the team already runs',
    label: 'Kubernetes',
    fact: 'answer',
    ask: 10,
    prompt: 'Does the team already run Kubernetes?',
    hint: 'none, eks or self-managed',
    words: ['kubernetes', 'k8s', 'cluster'],
    synonyms: {
      none: ['none', 'no', 'nope', 'n', 'no kubernetes', 'no k8s'],
      eks: ['eks', 'amazon eks', 'aws eks', 'yes eks'],
      'self-managed': [
        'self-managed',
        'self managed',
        'own',
        'our own',
        'kubeadm',
        'on prem k8s',
        'self hosted',
        'self-hosted',
      ],
    },
    valueLabels: { eks: 'EKS' },
  },
  teamOpsMaturity: {
    kind: 'choice',
    reading: 'choice',
    values: OPS_MATURITY,
    default: 'medium',
    meaning: "the team's operations experience",
    label: 'ops experience',
    fact: 'answer',
    ask: 11,
    prompt: 'How much operations experience does the team have?',
    hint: 'low, medium or high',
    words: ['team', 'ops', 'ops maturity', 'team experience', 'operations experience', 'experience'],
    synonyms: {
      low: ['low', 'beginner', 'beginners', 'little', 'junior', 'none', 'new', 'weak'],
      medium: ['medium', 'some', 'moderate', 'mid', 'average', 'ok', 'decent'],
      high: ['high', 'expert', 'experts', 'lots', 'strong', 'senior', 'sre', 'seasoned'],
    },
  },
  existingServers: {
    kind: 'choice',
    reading: 'choice',
    values: EXISTING_SERVERS,
    default: 'none',
    meaning:
      'whether the team already owns servers that can serve the model (on-premises or hybrid): owned ones are not bought again',
    label: 'own servers',
    fact: 'answer',
    // After hosting: asked only where own servers may be used.
    ask: 9.5,
    prompt: 'Does the team already own servers that could serve this model?',
    hint: 'none (they would be bought) or available (owned, paid for, with room)',
    words: ['own servers', 'existing servers', 'existing hardware', 'our servers', 'own hardware'],
    synonyms: {
      none: ['none', 'no', 'nope', 'n', 'would buy', 'buy new', 'no servers'],
      available: ['available', 'yes', 'y', 'we have', 'owned', 'already own', 'have servers', 'existing'],
    },
    valueLabels: { none: 'none owned', available: 'owned and available' },
  },
  inputTokens: {
    kind: 'positive',
    reading: 'tokens',
    range: { min: 1, max: 10_000_000 },
    meaning: 'prompt tokens of one request to a generative LLM',
    label: 'prompt length',
    unit: 'tokens',
    fact: 'estimated',
    // After the inference time: asked only for a generative LLM.
    ask: 13.2,
    prompt: 'For a generative LLM: how many prompt tokens does a request carry, on average?',
    hint: 'e.g. 300 tokens (about 225 English words)',
    defaultText: 'the sizing assumption (knowledge/sizing.yaml llm)',
    words: ['prompt tokens', 'input tokens', 'prompt length', 'prompt size', 'context length'],
  },
  outputTokens: {
    kind: 'positive',
    reading: 'tokens',
    range: { min: 1, max: 10_000_000 },
    meaning: "output tokens of one request's answer from a generative LLM",
    label: 'answer length',
    unit: 'tokens',
    fact: 'estimated',
    ask: 13.4,
    prompt: 'And how many tokens does an answer run to, on average?',
    hint: 'e.g. 150 tokens (max_new_tokens is the ceiling, not the average)',
    defaultText: 'the sizing assumption (knowledge/sizing.yaml llm)',
    words: [
      'output tokens',
      'answer length',
      'generated tokens',
      'new tokens',
      'completion tokens',
      'response tokens',
    ],
  },
  projectName: {
    kind: 'text',
    reading: 'name',
    default: 'ml-model',
    meaning: 'name used in the scaffold',
    label: 'project name',
    ask: 15,
    prompt: 'A name for the project?',
    hint: 'used in the scaffold',
    words: ['project name', 'project', 'name'],
  },
} as const satisfies Record<string, AnswerField>;

export type AnswerKey = keyof typeof FIELDS;
/** The answers file's keys, in the contract's order. */
export const ANSWER_KEYS = Object.keys(FIELDS) as AnswerKey[];

type Fields = typeof FIELDS;
type KeysWhere<P> = { [K in AnswerKey]: Fields[K] extends P ? K : never }[AnswerKey];

/** The keys every answers file must give. */
export type RequiredKey = KeysWhere<{ required: true }>;
export const REQUIRED_KEYS = ANSWER_KEYS.filter(
  (key) => (FIELDS[key] as AnswerField).required,
) as RequiredKey[];

/** The value a field holds once read, typed from the table. */
export type FieldValue<K extends AnswerKey> = Fields[K] extends { values: readonly (infer V)[] }
  ? V
  : Fields[K] extends { kind: 'count' | 'positive' }
    ? Fields[K] extends { nullable: true }
      ? number | null
      : number
    : string;

/** The answers as given, before defaults: required keys present, the rest optional. */
export type AnswersShape = { [K in RequiredKey]: FieldValue<K> } & {
  [K in Exclude<AnswerKey, RequiredKey>]?: FieldValue<K>;
};

type DefaultedKey = KeysWhere<{ default: string | number }>;
/** Defaults for optional keys that do not depend on other answers. */
export const ANSWER_DEFAULTS = Object.fromEntries(
  ANSWER_KEYS.filter((key) => 'default' in FIELDS[key]).map((key) => [
    key,
    (FIELDS[key] as AnswerField).default!,
  ]),
) as { [K in DefaultedKey]: Fields[K] extends { default: infer D } ? D : never };

/** Own servers can serve the model only where the hosting answer allows on-premises hosting. */
export const ownServersAllowed = (hosting: unknown): boolean =>
  hosting === 'hybrid-ok' || hosting === 'on-prem-only';

/**
 * Why an answer cannot move the advice for these answers, or null when it can. A default for
 * such an answer is no assumption: the chat does not ask it, and the report does not count it as
 * "not answered" (whether the team owns servers, under cloud hosting).
 */
export function unusedAnswer(key: AnswerKey, answers: { readonly hosting?: unknown }): string | null {
  if (key === 'existingServers' && !ownServersAllowed(answers.hosting))
    return 'own servers matter only where on-premises hosting is allowed';
  return null;
}

/** Human words for each key: used in prompts, error messages and the report. */
export const ANSWER_FIELDS = Object.fromEntries(ANSWER_KEYS.map((key) => [key, FIELDS[key].meaning])) as {
  [K in AnswerKey]: Fields[K]['meaning'];
};

/** The name a person reads for a key ("request rate"). */
export function fieldLabel(key: AnswerKey): string {
  return FIELDS[key].label;
}

/** Answer keys that are facts rules may test as given, and the ones estimated when not given. */
export type AnswerFactKey = KeysWhere<{ fact: 'answer' }>;
export type EstimatedFactKey = KeysWhere<{ fact: 'estimated' }>;
export const ANSWER_FACT_KEYS = ANSWER_KEYS.filter(
  (key) => (FIELDS[key] as AnswerField).fact === 'answer',
) as AnswerFactKey[];
export const ESTIMATED_FACT_KEYS = ANSWER_KEYS.filter(
  (key) => (FIELDS[key] as AnswerField).fact === 'estimated',
) as EstimatedFactKey[];

/** A choice's value as people read it ("hybrid allowed"); the value itself when it reads well. */
export function valueLabel(key: AnswerKey, value: string): string {
  return (FIELDS[key] as AnswerField).valueLabels?.[value] ?? value;
}

/** The allowed values of a choice field, or undefined for the others. */
export function choicesOf(key: AnswerKey): readonly string[] | undefined {
  return (FIELDS[key] as AnswerField).values;
}

/** The accepted range of a numeric field (every `count` and `positive` field has one). */
export function rangeOf(key: AnswerKey): { min: number; max: number } | undefined {
  return (FIELDS[key] as AnswerField).range;
}

/**
 * Whether a number is allowed for a numeric field: finite, not -0, within its range. The chat
 * checks typed numbers with it; the answers schema builds the same bounds into zod checks.
 */
export function inRange(key: AnswerKey, value: number): boolean {
  const range = rangeOf(key);
  if (!range) return true;
  return Number.isFinite(value) && !Object.is(value, -0) && value >= range.min && value <= range.max;
}
