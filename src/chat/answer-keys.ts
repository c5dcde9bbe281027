/**
 * The answers keys as the chat needs them before its first paint: from core/answer-fields.ts,
 * which (unlike core/answers.ts) loads no zod.
 */
import { ANSWER_DEFAULTS, type AnswerKey } from '../core/answer-fields.js';

export { FIELDS, REQUIRED_KEYS, choicesOf, fieldLabel, type AnswerKey } from '../core/answer-fields.js';
export const DEFAULTS: Partial<Record<AnswerKey, string | number>> = ANSWER_DEFAULTS;

/** A draft of the answers: what the person has given so far, in the answers file's own shape. */
export type AnswerDraft = Partial<Record<AnswerKey, string | number | null>>;
