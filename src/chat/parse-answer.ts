/**
 * Reads the free text a person types into the value of one answers key: "20 requests per second",
 * "3M a month", "250 ms", "$800/month", "14 GB", "sklearn". Pure and small on purpose: the chat
 * loads it before its first paint, so it must not pull in zod or the rules base.
 */
import {
  FIELDS,
  REGION_PATTERN,
  choicesOf,
  inRange,
  rangeOf,
  type AnswerField,
  type AnswerKey,
} from '../core/answer-fields.js';
import { quoteValue } from '../core/sanitize.js';
import { formatNumber } from '../core/format.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Hours in the month the whole product prices with (also the rules base's sizing.hoursPerMonth). */
export const HOURS_PER_MONTH = 730;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Lower case, words apart, filler words and trailing punctuation gone. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[?!.,;]+$/g, '')
    .replace(
      /\b(about|around|roughly|approximately|approx|maybe|some|like|it is|its|were|we are|we do|we have|we use|using|at most|up to|under|less than)\b/g,
      ' ',
    )
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/**
 * A leading number with an optional scale word: "1.2k", "3M", "1,200", "2 million".
 * Returns the number and the rest of the text, or null when the text starts with no number.
 */
export function leadingNumber(text: string): { value: number; rest: string } | null {
  const match =
    /^\s*\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+(?:e[+-]?\d+)?)\s*(?:(k|thousand|mm|m|mil|million|bn|b|billion)(?![a-z]))?\.?\s*(.*)$/i.exec(
      text,
    );
  if (!match) return null;
  const base = Number(match[1]!.replace(/,/g, ''));
  if (!Number.isFinite(base)) return null;
  let scaleWord = (match[2] ?? '').toLowerCase();
  let rest = match[3] ?? '';
  // "3m" is millions; "3 m" followed by nothing is also millions; "3 ms" never reaches here as 'm'.
  let factor = scaleWord ? SCALE[scaleWord]! : 1;
  if (scaleWord === 'm' && /^(in|inutes?|ins?)\b/.test(rest)) {
    // "3 min" was split as "3 m" + "in": put it back.
    factor = 1;
    rest = `m${rest}`;
    scaleWord = '';
  }
  return { value: base * factor, rest: rest.trim() };
}

/** What requests are called: a number followed by one of these alone is a rate ("20 requests"). */
const REQUEST_WORDS = 'requests?|reqs?|calls?|queries|predictions?|inferences?|hits?';
export const REQUEST_NOUN = `(?:${REQUEST_WORDS})`;
/**
 * What a volume over a period counts ("5M rows per night" is a rate as much as "5M requests a
 * day"); only with a period, so "3 rows per request" or "1000 rows" alone stay no rate.
 */
export const VOLUME_NOUN = `(?:${REQUEST_WORDS}|rows?|records?|transactions?|events?|items?|documents?|images?)`;

/** "per hour", "/h", "hourly", each optionally after what is counted ("rows per hour"). */
function per(units: string, adverb: string): RegExp {
  return new RegExp(
    `^(?:\\/\\s*(?:${units})|(?:${VOLUME_NOUN}\\s*)?(?:(?:per|a|an|\\/|each|every)\\s*(?:${units})|${adverb}))$`,
  );
}

const DAY_SECONDS = 86_400;

/**
 * Each period a volume may be given over, and its length in seconds. A night is a day's volume:
 * a nightly run is the whole day's load, so its average over the month is volume / 24 h (the
 * echo says so, see perNightNote).
 */
const PER_SECOND: [RegExp, number][] = [
  [/^(rps|qps|tps|req\/s|reqs\/s|r\/s)$/, 1],
  [per('s|sec|second', '(?!)'), 1],
  [/^(rpm|req\/min)$/, 1 / 60],
  [per('min|minute', '(?!)'), 1 / 60],
  [/^rph$/, 1 / 3600],
  [per('h|hr|hour', 'hourly'), 1 / 3600],
  [per('day|night', 'daily|nightly'), 1 / DAY_SECONDS],
  [per('wk|week', 'weekly'), 1 / (7 * DAY_SECONDS)],
  [per('mo|month', 'monthly'), 1 / (HOURS_PER_MONTH * 3600)],
  [new RegExp(`^${REQUEST_NOUN}?$`), 1],
];

/** Said when a volume per night was read: as a day's volume, averaged over 24 hours. */
export function perNightNote(text: string, perSecond: number): string | null {
  if (!/\b(night|nightly)\b/i.test(text)) return null;
  return `a night's volume read as the day's: averaged over 24 hours, ${formatNumber(perSecond, 3)} requests/s`;
}

/** A request rate in requests per second. A bare number is per second; a month is 730 hours. */
export function parseRate(text: string): Parsed<number> {
  const t = normalise(text);
  const n = leadingNumber(t);
  if (!n)
    return fail(
      `${quoteValue(text.trim())} is not a request rate; try "20 rps", "1.2k requests per minute" or "3M a month"`,
    );
  const unit = n.rest.replace(/\s+/g, ' ').trim();
  for (const [pattern, factor] of PER_SECOND) {
    if (pattern.test(unit)) return ok(round(n.value * factor, 6));
  }
  return fail(
    `I cannot read ${quoteValue(unit)} as a rate unit; say per second, per minute, per hour, per day or per month`,
  );
}

/** A duration in milliseconds. A bare number is milliseconds. */
export function parseDurationMs(text: string): Parsed<number> {
  const t = normalise(text);
  const n = leadingNumber(t);
  if (!n) return fail(`${quoteValue(text.trim())} is not a duration; try "250 ms" or "2 s"`);
  const unit = n.rest;
  let factor: number | undefined;
  if (/^(ms|msec|millis|milliseconds?)?$/.test(unit)) factor = 1;
  else if (/^(s|sec|secs|seconds?)$/.test(unit)) factor = 1000;
  else if (/^(min|mins|minutes?)$/.test(unit)) factor = 60_000;
  else if (/^(us|µs|microseconds?)$/.test(unit)) factor = 0.001;
  if (factor === undefined) return fail(`I cannot read ${quoteValue(unit)} as a time unit; use ms or s`);
  if (n.value <= 0) return fail('a duration must be more than 0');
  return ok(round(n.value * factor, 3));
}

/** The p95 target: a duration, or null for offline work ("none", "offline", "batch"). */
export function parseLatency(text: string): Parsed<number | null> {
  const t = normalise(text);
  if (/^(none|no|null|n\/a|na|offline|batch|no target|does not matter|doesnt matter|dont care|any)$/.test(t))
    return ok(null);
  return parseDurationMs(text);
}

/** A monthly amount in USD: "$800/month", "800 usd", "$10k a year" (divided by 12). */
export function parseMoney(text: string): Parsed<number> {
  const t = normalise(text)
    .replace(/\b(usd|dollars?|bucks)\b/g, ' ')
    .replace(/\s+/g, ' ');
  const n = leadingNumber(t);
  if (!n) return fail(`${quoteValue(text.trim())} is not an amount; try "$800 per month"`);
  const unit = n.rest.trim();
  let factor: number | undefined;
  if (/^((per|a|an|\/|each|every)\s*mo(nth)?|monthly|pm|p\/m)?$/.test(unit)) factor = 1;
  else if (/^((per|a|an|\/|each|every)\s*(y|yr|year)|yearly|annually|pa|p\/a)$/.test(unit)) factor = 1 / 12;
  else if (/^((per|a|an|\/|each|every)\s*week|weekly)$/.test(unit)) factor = HOURS_PER_MONTH / 24 / 7;
  else if (/^((per|a|an|\/|each|every)\s*day|daily)$/.test(unit)) factor = HOURS_PER_MONTH / 24;
  if (factor === undefined)
    return fail(`I cannot read ${quoteValue(unit)} as a period; say per month or per year`);
  return ok(round(n.value * factor, 2));
}

const SIZE_UNITS: [RegExp, number][] = [
  [/^(b|bytes?)$/, 1 / (1024 * 1024)],
  [/^(k|kb|kib|kilobytes?)$/, 1 / 1024],
  [/^(m|mb|mib|megs?|megabytes?)$/, 1],
  [/^(g|gb|gib|gigs?|gigabytes?)$/, 1024],
  [/^(t|tb|tib|terabytes?)$/, 1024 * 1024],
];

/** A size, converted to `unit` (MB or KB). A bare number is already in that unit. */
export function parseSize(text: string, unit: 'MB' | 'KB'): Parsed<number> {
  const t = normalise(text);
  // "1.5k" alone is a count of the default unit; "120 MB" names its own.
  const m = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)\s*([a-z]*)$/.exec(t);
  if (!m) {
    const n = leadingNumber(t);
    if (n && n.rest === '') return positive(n.value, unit);
    return fail(`${quoteValue(text.trim())} is not a size; try "120 MB" or "14 GB"`);
  }
  const value = Number(m[1]!.replace(/,/g, ''));
  const word = m[2] ?? '';
  if (word === '') return positive(value, unit);
  if (word === 'k' || word === 'thousand') return positive(value * 1000, unit);
  for (const [pattern, mb] of SIZE_UNITS) {
    if (pattern.test(word)) return positive(value * (unit === 'MB' ? mb : mb * 1024), unit);
  }
  return fail(`I cannot read ${quoteValue(word)} as a size unit; use KB, MB or GB`);
}

/** A token count: "500", "1.5k", "300 tokens". */
export function parseTokens(text: string): Parsed<number> {
  const n = leadingNumber(normalise(text));
  if (!n || !/^(tokens?|toks?)?$/.test(n.rest))
    return fail(`${quoteValue(text.trim())} is not a token count; try "500" or "1.5k tokens"`);
  if (!(n.value >= 1)) return fail('a token count must be at least 1');
  return ok(Math.round(n.value));
}

function positive(value: number, unit: string): Parsed<number> {
  if (!(value > 0)) return fail(`a size must be more than 0 ${unit}`);
  return ok(round(value, 3));
}

/** Loose words for each enum value (from the table of answer fields); the value itself and its position ("2") also count. */
export const SYNONYMS: Partial<Record<AnswerKey, Record<string, readonly string[]>>> = Object.fromEntries(
  Object.entries(FIELDS)
    .filter(([, field]) => (field as AnswerField).synonyms)
    .map(([key, field]) => [key, (field as AnswerField).synonyms!]),
);

/** Words that turn a sentence around ("don't need one"): a choice word after them means its opposite. */
const NEGATION = /\b(no|not|dont|don't|do not|never|without|nor)\b/;

/**
 * The engine has p95 targets only. A target at another percentile ("p99 50ms", "99th percentile
 * 80 ms") is read as p95 with the same number, and this says so and which way it errs; null for
 * p95 or no percentile named.
 */
export function percentileNote(text: string, ms: number | null): string | null {
  const t = text.toLowerCase();
  const m =
    /\bp(\d{2,3}(?:\.\d+)?)\b/.exec(t) ?? /\b(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)?[ -]percentile\b/.exec(t);
  if (!m || ms === null) return null;
  const p = m[1] === '999' ? 99.9 : Number(m[1]);
  if (p === 95 || !(p > 0 && p < 100)) return null;
  const target = `${formatNumber(ms, 1)} ms`;
  return p > 95
    ? `I use p95 targets; treating p${p} ${target} as p95 ${target}, which is looser: the slowest ${formatNumber(100 - p, 1)}% of requests are not held to it`
    : `I use p95 targets; treating p${p} ${target} as p95 ${target}, which is stricter than yours`;
}

/** One of an enum key's values, read loosely: a synonym, a whole word inside a sentence, or a number. */
export function parseChoice(key: AnswerKey, text: string): Parsed<string> {
  const choices = choicesOf(key) ?? [];
  // Lighter than normalise(): words like "some" and "maybe" are answers here.
  const t = text
    .toLowerCase()
    .replace(/[?!.,;]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const allowed = `; choose one of ${choices.join(', ')}`;
  if (t === '') return fail(`an answer is needed${allowed}`);
  const index = /^\d+$/.test(t) ? Number(t) : NaN;
  if (Number.isInteger(index)) {
    const byNumber = choices[index - 1];
    return byNumber ? ok(byNumber) : fail(`there is no choice ${index}${allowed}`);
  }
  const synonyms = SYNONYMS[key] ?? {};
  for (const [value, words] of Object.entries(synonyms)) {
    if (value === t || words.includes(t)) return ok(value);
  }
  // A sentence: whole-word matches, longest synonym wins; two different values are ambiguous.
  // In a negated sentence only a negated word counts ("not needed"): "don't need one" is not "need one".
  const negated = NEGATION.test(t);
  const found = new Set<string>();
  for (const [value, words] of Object.entries(synonyms)) {
    for (const word of [value, ...words]) {
      if (word.length < 3 || (negated && !NEGATION.test(word))) continue;
      if (new RegExp(`(^|[^a-z0-9-])${escape(word)}($|[^a-z0-9-])`).test(t)) found.add(value);
    }
  }
  if (found.size === 1) return ok([...found][0]!);
  if (found.size > 1)
    return fail(`${quoteValue(text.trim())} could mean ${[...found].join(' or ')}${allowed}`);
  return fail(`${quoteValue(text.trim())} is not one I know${allowed}`);
}

/** An AWS region code; spaces and upper case are forgiven ("US East 1"). */
export function parseRegion(text: string): Parsed<string> {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return REGION_PATTERN.test(t)
    ? ok(t)
    : fail(`${quoteValue(text.trim())} is not an AWS region code; use one like us-east-1 or eu-central-1`);
}

/**
 * Reads a typed answer for one key. The empty answer is handled by the caller (defaults). A
 * number outside the field's range (the table of answer fields, the same one an answers file is
 * held to) is refused here, as the file would be.
 */
export function parseAnswerFor(key: AnswerKey, text: string): Parsed<string | number | null> {
  const parsed = readAnswerFor(key, text);
  if (!parsed.ok || typeof parsed.value !== 'number') return parsed;
  const problem = outOfRange(key, parsed.value);
  return problem ? fail(problem) : parsed;
}

/**
 * Why a number cannot be a field's value (the table's range, the one an answers file is held
 * to), or null when it can. The typed answer and the sentence reader both check with it.
 */
export function outOfRange(key: AnswerKey, n: number): string | null {
  const range = rangeOf(key);
  if (!range || inRange(key, n)) return null;
  const unit = (FIELDS[key] as AnswerField).unit ?? '';
  return `${formatNumber(n, 3)} ${unit} is out of range for the ${FIELDS[key].label}; it must be from ${formatNumber(range.min, 3)} to ${formatNumber(range.max)} ${unit}`;
}

function readAnswerFor(key: AnswerKey, text: string): Parsed<string | number | null> {
  switch ((FIELDS[key] as AnswerField).reading) {
    case 'choice':
      return parseChoice(key, text);
    case 'rate':
      return parseRate(text);
    case 'latency':
      return parseLatency(text);
    case 'duration':
      return parseDurationMs(text);
    case 'money':
      return parseMoney(text);
    case 'size-mb':
      return parseSize(text, 'MB');
    case 'size-kb':
      return parseSize(text, 'KB');
    case 'tokens':
      return parseTokens(text);
    case 'region':
      return parseRegion(text);
    case 'name':
      return parseProjectName(text);
  }
}

/**
 * A project name: any short text that does not read as a question or a sentence ("what does
 * hybrid mean?" typed at the name prompt is not a name).
 */
export function parseProjectName(text: string): Parsed<string> {
  const name = text.trim();
  if (!name) return fail('a project name is needed');
  if (name.length > 200) return fail('a project name is at most 200 characters');
  if (looksLikeQuestion(name) || name.split(/\s+/).length > 5)
    return fail(
      `${quoteValue(name)} reads like a question, not a name; type a short name, or Enter for the default`,
    );
  return ok(name);
}

/** A question or request in plain words: ends with "?" or starts with a question word. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (
    t.endsWith('?') ||
    /^(what|whats|why|how|which|who|when|where|can|could|should|would|is|are|does|do|did|will|show|tell|explain|compare|help)\b/.test(
      t,
    )
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
