import * as z from 'zod/mini';
import {
  ANSWER_DEFAULTS,
  ANSWER_FIELDS,
  ANSWER_KEYS,
  FIELDS,
  REGION_PATTERN,
  choicesOf,
  type AnswerField,
  type AnswerKey,
  type AnswersShape,
} from './answer-fields.js';
import { MAX_ERROR_DETAILS, UserInputError } from './errors.js';
import { sanitizeText } from './sanitize.js';

/**
 * The interview answers: the one input of the whole engine. The schema is the contract's
 * answers-file table, built from the table of answer fields (core/answer-fields.ts); defaults are
 * documented there and reported back to the user, never silent.
 */

export * from './answer-fields.js';

// zod/mini: the same validation as classic zod in a fraction of the start-up time.
function fieldSchema(field: AnswerField): z.ZodMiniType {
  let schema: z.ZodMiniType;
  switch (field.kind) {
    case 'choice':
      schema = z.enum(field.values as [string, ...string[]]);
      break;
    case 'count':
    case 'positive': {
      // The range lives in the table of answer fields; the chat checks the same one (rangeProblem).
      const { min, max } = field.range!;
      schema = z.number().check(
        field.kind === 'positive' && min <= 0 ? z.positive() : z.gte(min),
        z.lte(max),
        z.refine((n) => !Object.is(n, -0), { message: '-0 is not allowed; give 0' }),
      );
      break;
    }
    case 'region':
      schema = z.string().check(z.regex(REGION_PATTERN));
      break;
    case 'text':
      schema = z.string().check(z.minLength(1), z.maxLength(200));
      break;
  }
  if (field.nullable) schema = z.nullable(schema);
  return field.required ? schema : z.optional(schema);
}

let answersSchema: z.ZodMiniType<AnswersShape> | undefined;

/** The answers schema, built on the first validation rather than at every start-up. */
export const answersInputSchema = (): z.ZodMiniType<AnswersShape> =>
  (answersSchema ??= z.strictObject(
    Object.fromEntries(ANSWER_KEYS.map((key) => [key, fieldSchema(FIELDS[key])])),
  ) as unknown as z.ZodMiniType<AnswersShape>);

export type AnswersInput = AnswersShape;

/**
 * Answers with every static default applied. `peakRequestsPerSecond` and `inferenceMs` stay
 * optional: when absent they are estimated from the rules base (see core/workload.ts).
 */
type EstimatedKey = 'peakRequestsPerSecond' | 'inferenceMs' | 'inputTokens' | 'outputTokens';
export type Answers = Required<Omit<AnswersInput, EstimatedKey>> & Pick<AnswersInput, EstimatedKey>;

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
  const result = z.safeParse(answersInputSchema(), input);
  if (!result.success) {
    // Each unknown key is a problem of its own; zod reports them all as one issue.
    let problems = 0;
    const details: string[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        problems += issue.keys.length;
        details.push(...unknownKeyLines(issue.keys));
      } else {
        problems += 1;
        details.push(describeIssue(issue, input as Record<string, unknown>));
      }
    }
    throw new UserInputError(`${where}: ${problems} problem${problems > 1 ? 's' : ''}`, details);
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

const ALLOWED = (key: AnswerKey) => (key in FIELDS ? choicesOf(key) : undefined);

/**
 * One line per unknown key, the allowed keys on the first: shown escaped, like a rejected value
 * (a stripped key hid what the file really holds). Past the lines printed, a count: 50,000 keys
 * each with the allowed list were 12 MB of message, built to print 50 lines of it.
 */
function unknownKeyLines(keys: readonly string[]): string[] {
  const shown = keys
    .slice(0, keys.length > MAX_ERROR_DETAILS ? MAX_ERROR_DETAILS - 1 : keys.length)
    .map((key, i) => {
      const name = sanitizeText(key, { mode: 'escape', multiline: false });
      return i === 0
        ? `${name}: unknown key; allowed keys are ${ANSWER_KEYS.join(', ')}`
        : `${name}: unknown key`;
    });
  if (keys.length > shown.length) shown.push(`... and ${keys.length - shown.length} more unknown keys`);
  return shown;
}

/** One line per problem: the field, what was wrong, and what is allowed. */
function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  const field = String(issue.path[0] ?? '');
  const key = field as AnswerKey;
  const got = input[field];
  const meaning = ANSWER_FIELDS[key] ?? '';
  if (got === undefined) {
    return `${field}: required (${meaning})${allowedText(key)}`;
  }
  // JSON.stringify writes Infinity and NaN (YAML's .inf and .nan) as null.
  if (typeof got === 'number' && !Number.isFinite(got)) {
    return `${field}: ${Number.isNaN(got) ? 'NaN' : 'infinity'} is not allowed; give a finite number (${meaning})`;
  }
  const gotText = JSON.stringify(got);
  if (ALLOWED(key)) {
    return `${field}: ${gotText} is not allowed${allowedText(key)}`;
  }
  if (key === 'region') {
    return `${field}: ${gotText} is not an AWS region code; use one like us-east-1 or eu-central-1`;
  }
  if (issue.code === 'custom') return `${field}: ${issue.message} (${meaning})`;
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
  const allowed = ALLOWED(key);
  return allowed ? `; allowed: ${allowed.join(', ')}` : '';
}

function article(expected: string): string {
  return expected.startsWith('a ') ? expected : `a ${expected}`;
}
