/**
 * The answers keys and enum values as the chat needs them before its first paint. They mirror
 * src/core/answers.ts, which also builds the zod schema at load time; importing it here would put
 * zod on the path to the first question. test/ui/answer-keys.test.ts keeps the two equal.
 */
export const FRAMEWORK_CHOICES = [
  'pytorch',
  'tensorflow',
  'sklearn',
  'xgboost',
  'onnx',
  'huggingface',
  'other',
] as const;
export const GPU_CHOICES = ['none', 'optional', 'required'] as const;
export const PATTERN_CHOICES = ['steady', 'spiky', 'intermittent', 'batch'] as const;
export const HOSTING_CHOICES = ['cloud', 'on-prem-only', 'hybrid-ok', 'multi-cloud'] as const;
export const KUBERNETES_CHOICES = ['none', 'eks', 'self-managed'] as const;
export const OPS_CHOICES = ['low', 'medium', 'high'] as const;

export type AnswerKey =
  | 'framework'
  | 'modelSizeMb'
  | 'gpu'
  | 'trafficPattern'
  | 'requestsPerSecond'
  | 'peakRequestsPerSecond'
  | 'payloadKb'
  | 'inferenceMs'
  | 'latencyP95Ms'
  | 'monthlyBudgetUsd'
  | 'region'
  | 'hosting'
  | 'kubernetes'
  | 'teamOpsMaturity'
  | 'projectName';

/** Same values as ANSWER_DEFAULTS in core/answers.ts. */
export const DEFAULTS: Partial<Record<AnswerKey, string | number>> = {
  modelSizeMb: 100,
  gpu: 'none',
  trafficPattern: 'steady',
  payloadKb: 10,
  region: 'us-east-1',
  hosting: 'cloud',
  kubernetes: 'none',
  teamOpsMaturity: 'medium',
  projectName: 'ml-model',
};

export const REQUIRED_KEYS: readonly AnswerKey[] = [
  'framework',
  'requestsPerSecond',
  'latencyP95Ms',
  'monthlyBudgetUsd',
];

/** A draft of the answers: what the person has given so far, in the answers file's own shape. */
export type AnswerDraft = Partial<Record<AnswerKey, string | number | null>>;
