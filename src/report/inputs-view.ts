import { FIELDS, fieldLabel, type AnswerField, type AnswerKey } from '../core/answer-fields.js';
import { phrase, type Phrases } from './phrases.js';
import { code, md, num, usd } from './text.js';

/**
 * Inputs as a reader knows them: the display name and unit of src/core/answer-fields.ts, never
 * the answers file's key (`monthlyBudgetUsd`), which stays in the appendix of inputs.
 */

const isAnswerKey = (key: string): key is AnswerKey => Object.hasOwn(FIELDS, key);

/** "request rate", "p95 latency"; a key the table does not know is shown as code. */
export function inputName(key: string): string {
  return isAnswerKey(key) ? md(fieldLabel(key)) : code(key);
}

/** An input's value in its unit: "20 requests/s", "$800.00" (the name says monthly), "none (offline work)". */
export function inputValue(key: string, value: number | string | null): string {
  if (value === null) return 'none (offline work)';
  if (typeof value === 'string') return md(value);
  const unit = isAnswerKey(key) ? (FIELDS[key] as AnswerField).unit : undefined;
  if (unit === 'USD/month') return usd(value);
  return unit ? `${num(value)} ${unit}` : num(value);
}

/** The first letter in upper case, for a name that starts a sentence. */
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A workload fact a limit is checked against, named for a reader: an answer's label, else the
 * phrase `fact.<key>` ("memory one serving process needs"), else the key as code.
 */
export function factName(phrases: Phrases, key: string): string {
  if (isAnswerKey(key)) return md(fieldLabel(key));
  return phrases[`fact.${key}`] === undefined ? code(key) : phrase(phrases, `fact.${key}`);
}
