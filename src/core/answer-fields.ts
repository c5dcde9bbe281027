/**
 * The answers' keys, allowed values, defaults and meanings: plain data with no zod, so the chat can
 * ask its first question without loading the schema (src/core/answers.ts validates).
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

export type Framework = (typeof FRAMEWORKS)[number];
export type GpuNeed = (typeof GPU_NEEDS)[number];
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];
export type Hosting = (typeof HOSTING)[number];
export type KubernetesUse = (typeof KUBERNETES)[number];
export type OpsMaturity = (typeof OPS_MATURITY)[number];

/** Region codes as AWS spells them: us-east-1, eu-central-1, ap-southeast-2, us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Defaults for optional keys that do not depend on other answers. */
export const ANSWER_DEFAULTS = {
  modelSizeMb: 100,
  gpu: 'none',
  trafficPattern: 'steady',
  payloadKb: 10,
  region: 'us-east-1',
  hosting: 'cloud',
  kubernetes: 'none',
  teamOpsMaturity: 'medium',
  projectName: 'ml-model',
} as const satisfies Record<string, string | number>;

/** Human words for each key: used in prompts, error messages and the report. */
export const ANSWER_FIELDS = {
  framework: 'what the model is built with',
  modelSizeMb: 'size of the model artifact in MB',
  gpu: 'whether inference needs a GPU',
  trafficPattern: 'shape of the load',
  requestsPerSecond: 'average request rate over the month',
  peakRequestsPerSecond: 'peak request rate',
  payloadKb: 'typical request payload in KB',
  inferenceMs: 'compute time of one prediction in ms',
  latencyP95Ms: 'p95 latency target in ms (null for offline work)',
  monthlyBudgetUsd: 'monthly budget for serving in USD',
  region: 'AWS region code',
  hosting: 'where it may run',
  kubernetes: 'Kubernetes the team already runs',
  teamOpsMaturity: "the team's operations experience",
  projectName: 'name used in the scaffold',
} as const;

export type AnswerKey = keyof typeof ANSWER_FIELDS;
export const ANSWER_KEYS = Object.keys(ANSWER_FIELDS) as AnswerKey[];

/** The keys every answers file must give. */
export const REQUIRED_KEYS = ['framework', 'requestsPerSecond', 'latencyP95Ms', 'monthlyBudgetUsd'] as const;
