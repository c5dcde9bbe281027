/**
 * The answers keys and enum values as the chat needs them before its first paint: from
 * core/answer-fields.ts, which (unlike core/answers.ts) loads no zod.
 */
import {
  ANSWER_DEFAULTS,
  FRAMEWORKS,
  GPU_NEEDS,
  HOSTING,
  KUBERNETES,
  OPS_MATURITY,
  TRAFFIC_PATTERNS,
  type AnswerKey,
} from '../core/answer-fields.js';

export { REQUIRED_KEYS, type AnswerKey } from '../core/answer-fields.js';
export const FRAMEWORK_CHOICES = FRAMEWORKS;
export const GPU_CHOICES = GPU_NEEDS;
export const PATTERN_CHOICES = TRAFFIC_PATTERNS;
export const HOSTING_CHOICES = HOSTING;
export const KUBERNETES_CHOICES = KUBERNETES;
export const OPS_CHOICES = OPS_MATURITY;
export const DEFAULTS: Partial<Record<AnswerKey, string | number>> = ANSWER_DEFAULTS;

/** A draft of the answers: what the person has given so far, in the answers file's own shape. */
export type AnswerDraft = Partial<Record<AnswerKey, string | number | null>>;
