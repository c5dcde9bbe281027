import {
  ANSWER_KEYS,
  FIELDS,
  choicesOf,
  fieldLabel,
  valueLabel,
  type AnswerField,
  type AnswerKey,
  unusedAnswer,
} from '../core/answer-fields.js';
import { formatNumber } from '../core/format.js';
import type { AnswerDraft } from './answer-keys.js';

/**
 * The interview, one question per answers key, in the order a person thinks about a model:
 * what it is, how it is used, what it may cost, then who runs it and the fine print. Prompts,
 * hints, choices and defaults come from the table of answer fields (core/answer-fields.ts); only
 * what one answer implies for another is written here.
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

const IMPLIED: Partial<Record<AnswerKey, Question['implied']>> = {
  gpu: (d) =>
    d.framework && !DEEP_LEARNING.has(String(d.framework)) && d.framework !== 'other'
      ? { value: 'none', why: `${String(d.framework)} models run on CPUs` }
      : null,
  peakRequestsPerSecond: (d) =>
    d.trafficPattern === 'batch' ? { value: undefined, why: 'batch work has no peak rate to serve' } : null,
  latencyP95Ms: (d) =>
    d.trafficPattern === 'batch' ? { value: null, why: 'batch work has no latency target' } : null,
  existingServers: (d) => {
    const why = unusedAnswer('existingServers', d);
    return why === null ? null : { value: undefined, why };
  },
  inputTokens: (d) => (generativeLlm(d) ? null : { value: undefined, why: NOT_LLM }),
  outputTokens: (d) => (generativeLlm(d) ? null : { value: undefined, why: NOT_LLM }),
};

const NOT_LLM = 'token lengths size generative language models only';

/** A transformers model of a billion parameters or more (sizing.yaml llm.minModelMb, 2,000 MB). */
function generativeLlm(d: AnswerDraft): boolean {
  return d.framework === 'huggingface' && typeof d.modelSizeMb === 'number' && d.modelSizeMb >= 2000;
}

/**
 * A choice's hint from the table: each value with the first two other words it is known by,
 * "none (no, not needed), optional (nice to have, maybe) or required (yes, must)".
 */
export function choiceHint(field: AnswerField): string {
  const values = field.values ?? [];
  const shown = values.map((value) => {
    const words = (field.synonyms?.[value] ?? []).filter((w) => w !== value).slice(0, 2);
    return words.length ? `${value} (${words.join(', ')})` : value;
  });
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : (shown[0] ?? '');
}

function defaultTextOf(key: AnswerKey, field: AnswerField): string | undefined {
  if (field.defaultText) return field.defaultText;
  if (field.default === undefined) return undefined;
  return typeof field.default === 'number' ? formatAnswer(key, field.default) : field.default;
}

export const QUESTIONS: readonly Question[] = [...ANSWER_KEYS]
  .sort((a, b) => FIELDS[a].ask - FIELDS[b].ask)
  .map((key) => {
    const field: AnswerField = FIELDS[key];
    const choices = choicesOf(key);
    const defaultText = defaultTextOf(key, field);
    const implied = IMPLIED[key];
    return {
      key,
      prompt: field.prompt,
      hint: field.hint ?? choiceHint(field),
      ...(choices ? { choices } : {}),
      ...(defaultText !== undefined ? { defaultText } : {}),
      ...(implied ? { implied } : {}),
    };
  });

export function questionFor(key: AnswerKey): Question {
  return QUESTIONS.find((q) => q.key === key)!;
}

/** A value as a person reads it, in its field's unit. */
export function formatAnswer(key: AnswerKey, value: string | number | null | undefined): string {
  if (value === undefined) return '(default)';
  if (value === null) return 'none (offline)';
  if (typeof value === 'string') return valueLabel(key, value);
  const n = formatNumber(value, value < 10 ? 3 : 1);
  switch ((FIELDS[key] as AnswerField).unit) {
    case 'MB':
      return `${n} MB`;
    case 'KB':
      return `${n} KB`;
    case 'requests/s':
      return `${n} requests/s`;
    case 'ms':
      return `${n} ms`;
    case 'USD/month':
      return `$${n}/month`;
    case 'tokens':
      return `${n} tokens`;
    default:
      return n;
  }
}

/** "request rate 30 requests/s": a field's display name and its value, for echoes and changes. */
export function describeAnswer(key: AnswerKey, value: string | number | null | undefined): string {
  return `${fieldLabel(key)} ${formatAnswer(key, value)}`;
}
