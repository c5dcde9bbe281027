import {
  DEFAULTS,
  FRAMEWORK_CHOICES,
  GPU_CHOICES,
  HOSTING_CHOICES,
  KUBERNETES_CHOICES,
  OPS_CHOICES,
  PATTERN_CHOICES,
  type AnswerDraft,
  type AnswerKey,
} from './answer-keys.js';
import { formatNumber } from '../core/format.js';

/**
 * The interview, one question per answers key, in the order a person thinks about a model:
 * what it is, how it is used, what it may cost, then who runs it and the fine print.
 */
export interface Question {
  key: AnswerKey;
  prompt: string;
  /** What a good answer looks like; shown under the question. */
  hint: string;
  /** Enum keys: the values, shown as a list to pick from with the arrow keys. */
  choices?: readonly string[];
  /** Shown as the default; Enter accepts it. Absent for required keys. */
  defaultText?: string;
  /** When the other answers already imply this one: the implied value and why. */
  implied?: (draft: AnswerDraft) => { value: string | number | null | undefined; why: string } | null;
}

const DEEP_LEARNING = new Set(['pytorch', 'tensorflow', 'huggingface', 'onnx']);

export const QUESTIONS: readonly Question[] = [
  {
    key: 'framework',
    prompt: 'What is the model built with?',
    hint: 'e.g. sklearn, pytorch, tensorflow (keras), xgboost, onnx, huggingface (transformers)',
    choices: FRAMEWORK_CHOICES,
  },
  {
    key: 'modelSizeMb',
    prompt: 'How big is the model artifact?',
    hint: 'e.g. 120 MB or 14 GB',
    defaultText: `${DEFAULTS.modelSizeMb} MB`,
  },
  {
    key: 'gpu',
    prompt: 'Does inference need a GPU?',
    hint: 'no / optional / yes',
    choices: GPU_CHOICES,
    defaultText: String(DEFAULTS.gpu),
    implied: (d) =>
      d.framework && !DEEP_LEARNING.has(String(d.framework)) && d.framework !== 'other'
        ? { value: 'none', why: `${String(d.framework)} models run on CPUs` }
        : null,
  },
  {
    key: 'trafficPattern',
    prompt: 'What shape is the load?',
    hint: 'steady, spiky (bursts), intermittent (idle most of the time) or batch (offline jobs)',
    choices: PATTERN_CHOICES,
    defaultText: String(DEFAULTS.trafficPattern),
  },
  {
    key: 'requestsPerSecond',
    prompt: 'How many requests, on average over the month?',
    hint: 'e.g. 20 requests per second, 1.2k per minute, 3M a month',
  },
  {
    key: 'peakRequestsPerSecond',
    prompt: 'And at the peak?',
    hint: 'e.g. 200 rps',
    defaultText: 'estimated from the shape of the load',
    implied: (d) =>
      d.trafficPattern === 'batch' ? { value: undefined, why: 'batch work has no peak rate to serve' } : null,
  },
  {
    key: 'latencyP95Ms',
    prompt: 'What p95 latency must a request meet?',
    hint: 'e.g. 250 ms or 2 s; "none" for offline work',
    implied: (d) =>
      d.trafficPattern === 'batch' ? { value: null, why: 'batch work has no latency target' } : null,
  },
  {
    key: 'monthlyBudgetUsd',
    prompt: 'What is the monthly budget for serving?',
    hint: 'e.g. $800 per month',
  },
  {
    key: 'hosting',
    prompt: 'Where may it run?',
    hint: 'cloud, on-prem-only, hybrid-ok or multi-cloud',
    choices: HOSTING_CHOICES,
    defaultText: String(DEFAULTS.hosting),
  },
  {
    key: 'kubernetes',
    prompt: 'Does the team already run Kubernetes?',
    hint: 'none, eks or self-managed',
    choices: KUBERNETES_CHOICES,
    defaultText: String(DEFAULTS.kubernetes),
  },
  {
    key: 'teamOpsMaturity',
    prompt: 'How much operations experience does the team have?',
    hint: 'low, medium or high',
    choices: OPS_CHOICES,
    defaultText: String(DEFAULTS.teamOpsMaturity),
  },
  {
    key: 'payloadKb',
    prompt: 'How big is a typical request?',
    hint: 'e.g. 10 KB or 2 MB',
    defaultText: `${DEFAULTS.payloadKb} KB`,
  },
  {
    key: 'inferenceMs',
    prompt: 'How long does one prediction take to compute?',
    hint: 'e.g. 40 ms',
    defaultText: 'estimated from the framework and size',
  },
  {
    key: 'region',
    prompt: 'Which AWS region?',
    hint: 'e.g. us-east-1, eu-central-1',
    defaultText: String(DEFAULTS.region),
  },
  {
    key: 'projectName',
    prompt: 'A name for the project?',
    hint: 'used in the scaffold',
    defaultText: String(DEFAULTS.projectName),
  },
];

export function questionFor(key: AnswerKey): Question {
  return QUESTIONS.find((q) => q.key === key)!;
}

/** Units each numeric key is shown in. */
export function formatAnswer(key: AnswerKey, value: string | number | null | undefined): string {
  if (value === undefined) return '(default)';
  if (value === null) return 'none (offline)';
  if (typeof value === 'string') return value;
  const n = formatNumber(value, value < 10 ? 3 : 1);
  switch (key) {
    case 'modelSizeMb':
      return `${n} MB`;
    case 'payloadKb':
      return `${n} KB`;
    case 'requestsPerSecond':
    case 'peakRequestsPerSecond':
      return `${n} requests/s`;
    case 'inferenceMs':
    case 'latencyP95Ms':
      return `${n} ms`;
    case 'monthlyBudgetUsd':
      return `$${n}/month`;
    default:
      return n;
  }
}
