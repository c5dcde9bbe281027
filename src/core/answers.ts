import * as z from 'zod/mini';
import {
  ANSWER_DEFAULTS,
  ANSWER_FIELDS,
  ANSWER_KEYS,
  FRAMEWORKS,
  GPU_NEEDS,
  HOSTING,
  KUBERNETES,
  OPS_MATURITY,
  REGION_PATTERN,
  TRAFFIC_PATTERNS,
  type AnswerKey,
} from './answer-fields.js';
import { UserInputError } from './errors.js';

/**
 * The interview answers: the one input of the whole engine. The schema is the contract's
 * answers-file table; defaults are documented here and reported back to the user, never silent.
 */

export * from './answer-fields.js';

// zod/mini: the same validation as classic zod in a fraction of the start-up time.
const number = () => z.number();
const atLeast = (min: number) => number().check(z.gte(min));
const positive = () => number().check(z.positive());

export const answersInputSchema = z.strictObject({
  framework: z.enum(FRAMEWORKS),
  modelSizeMb: z.optional(positive()),
  gpu: z.optional(z.enum(GPU_NEEDS)),
  trafficPattern: z.optional(z.enum(TRAFFIC_PATTERNS)),
  requestsPerSecond: atLeast(0),
  peakRequestsPerSecond: z.optional(atLeast(0)),
  payloadKb: z.optional(positive()),
  inferenceMs: z.optional(positive()),
  latencyP95Ms: z.nullable(positive()),
  monthlyBudgetUsd: atLeast(0),
  region: z.optional(z.string().check(z.regex(REGION_PATTERN))),
  hosting: z.optional(z.enum(HOSTING)),
  kubernetes: z.optional(z.enum(KUBERNETES)),
  teamOpsMaturity: z.optional(z.enum(OPS_MATURITY)),
  projectName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export type AnswersInput = z.infer<typeof answersInputSchema>;

/**
 * Answers with every static default applied. `peakRequestsPerSecond` and `inferenceMs` stay
 * optional: when absent they are estimated from the rules base (see core/workload.ts).
 */
export type Answers = Required<Omit<AnswersInput, 'peakRequestsPerSecond' | 'inferenceMs'>> &
  Pick<AnswersInput, 'peakRequestsPerSecond' | 'inferenceMs'>;

export interface DefaultedField {
  field: AnswerKey;
  value: string | number;
}

export interface ParsedAnswers {
  answers: Answers;
  /** Keys the user did not give, with the value assumed for them. */
  defaulted: DefaultedField[];
}

/** Validates raw answers (already parsed from JSON or YAML) and applies the defaults. */
export function parseAnswers(input: unknown, where = 'answers'): ParsedAnswers {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new UserInputError(`${where}: expected a mapping of keys to values (${ANSWER_KEYS.join(', ')})`);
  }
  const result = z.safeParse(answersInputSchema, input);
  if (!result.success) {
    const details = result.error.issues.map((issue) =>
      describeIssue(issue, input as Record<string, unknown>),
    );
    throw new UserInputError(`${where}: ${details.length} problem${details.length > 1 ? 's' : ''}`, details);
  }
  return applyDefaults(result.data);
}

export function applyDefaults(input: AnswersInput): ParsedAnswers {
  const defaulted: DefaultedField[] = [];
  const answers = { ...input } as Record<string, unknown>;
  for (const [field, value] of Object.entries(ANSWER_DEFAULTS)) {
    if (answers[field] === undefined) {
      answers[field] = value;
      defaulted.push({ field: field as AnswerKey, value });
    }
  }
  return { answers: answers as Answers, defaulted };
}

const ALLOWED: Partial<Record<AnswerKey, readonly string[]>> = {
  framework: FRAMEWORKS,
  gpu: GPU_NEEDS,
  trafficPattern: TRAFFIC_PATTERNS,
  hosting: HOSTING,
  kubernetes: KUBERNETES,
  teamOpsMaturity: OPS_MATURITY,
};

/** One line per problem: the field, what was wrong, and what is allowed. */
function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => `${key}: unknown key; allowed keys are ${ANSWER_KEYS.join(', ')}`)
      .join('\n');
  }
  const field = String(issue.path[0] ?? '');
  const key = field as AnswerKey;
  const got = input[field];
  const meaning = ANSWER_FIELDS[key] ?? '';
  if (got === undefined) {
    return `${field}: required (${meaning})${allowedText(key)}`;
  }
  const gotText = JSON.stringify(got);
  if (ALLOWED[key]) {
    return `${field}: ${gotText} is not allowed${allowedText(key)}`;
  }
  if (key === 'region') {
    return `${field}: ${gotText} is not an AWS region code; use one like us-east-1 or eu-central-1`;
  }
  if (issue.code === 'too_small') {
    const bound = Number(issue.minimum);
    return `${field}: ${gotText} is too small; must be ${issue.inclusive ? '>=' : '>'} ${bound} (${meaning})`;
  }
  if (issue.code === 'too_big') {
    return `${field}: ${gotText} is too large; must be at most ${String(issue.maximum)} (${meaning})`;
  }
  if (issue.code === 'invalid_type') {
    const expected = key === 'latencyP95Ms' ? 'a number or null' : issue.expected;
    return `${field}: ${gotText} is not ${article(expected)} (${meaning})`;
  }
  return `${field}: ${issue.message} (${meaning})`;
}

function allowedText(key: AnswerKey): string {
  const allowed = ALLOWED[key];
  return allowed ? `; allowed: ${allowed.join(', ')}` : '';
}

function article(expected: string): string {
  return expected.startsWith('a ') ? expected : `a ${expected}`;
}
