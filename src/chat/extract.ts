import { FIELDS, REGION_PATTERN, type AnswerKey } from '../core/answer-fields.js';
import type { AnswerDraft } from './answer-keys.js';
import { parseDurationMs, parseMoney, parseRate, parseSize, percentileNote } from './parse-answer.js';
import { formatAnswer } from './questions.js';
import { quoteValue } from '../core/sanitize.js';

/**
 * Reads every answer a message gives, wherever it is in the sentence: "we have a pytorch
 * recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms,
 * budget maybe 2k a month, no k8s" gives the framework, the model size, the rate, the peak, the
 * latency target, the budget and the Kubernetes answer. Pure: text in, facts out.
 *
 * What it cannot decide it does not guess: a number with no unit and no word that says what it
 * is, two frameworks, "we run Kubernetes" (EKS or our own?) come back as `unclear`, each with
 * the question to ask.
 */
export interface Fact {
  key: AnswerKey;
  value: string | number | null;
  /** The words it was read from, for the echo. */
  said: string;
  /** How a range or an estimate was read ("the busier end of 20-30"). */
  note?: string;
}

export interface Unclear {
  /** The question to ask. */
  question: string;
  /** The field to ask next with its own question, when the choice is between its values. */
  ask?: AnswerKey;
  /** The likelier value of `ask`, offered as its default because the message rules out the usual one. */
  likely?: { value: string; why: string };
}

export interface Extraction {
  facts: Fact[];
  unclear: Unclear[];
}

/** The longest line read; longer input is cut before any pattern runs on it. */
export const MAX_MESSAGE = 2000;

const SCALE = '(?:k|m|mm|bn|b|thousand|million|billion)(?![a-z])';
const NUMBER = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d*\\.?\\d+';
/** A quantity: optional $, a number or range, an optional scale ("2k", "1.5M", "20-30"). */
const QUANTITY = new RegExp(
  `(\\$\\s*)?(${NUMBER})\\s*(${SCALE})?(?:\\s*(?:-|–|to|\\.\\.)\\s*\\$?\\s*(${NUMBER})\\s*(${SCALE})?)?`,
  'g',
);

const RATE_UNIT =
  /^(rps|qps|tps|rpm|req\/s|reqs\/s|r\/s|(?:requests?|reqs?|calls?|queries|predictions?|inferences?|hits?)?\s*(?:\/|per|a|an|each|every)\s*(?:s|sec|second|min|minute|h|hr|hour|day|month|mo)\b|(?:requests?|reqs?|calls?|queries|predictions?|inferences?)\b)/;
const SIZE_UNIT = /^(kb|kib|mb|mib|gb|gib|tb|tib|megs?|gigs?|megabytes?|gigabytes?|kilobytes?)\b/;
const DURATION_UNIT = /^(ms|msec|millis|milliseconds?|s|sec|secs|seconds?|min|mins|minutes?)\b/;
const MONEY_UNIT = /^(usd|dollars?|bucks)\b/;
const PERIOD = /^(?:(?:per|a|an|\/|each|every)\s*(?:mo|month|y|yr|year|week|day)\b|monthly|yearly|annually)/;

const PEAK_WORDS =
  /\b(peaks?|peaking|at peak|spikes?|spiking|bursts?|bursting|max|maximum|busiest|busy hour|rush|at lunch|lunch(?:time)?|black friday|launch|in the evening|evenings|mornings|business hours|top out)\b/;
const AVERAGE_WORDS = /\b(average|avg|on average|mean|typically|normally|usually|baseline)\b/;
const RATE_WORDS = /\b(traffic|requests?|rps|qps|load|volume|calls|queries|throughput|hits)\b/;
const BUDGET_WORDS = /\b(budget|spend|spending|cost|costs|afford|money|pay|cap|bill)\b/;
const INFERENCE_WORDS =
  /\b(inference time|inference takes|compute|takes|forward pass|prediction takes|per prediction)\b/;
const PAYLOAD_WORDS =
  /\b(payloads?|request size|request body|input|inputs|body|per request|each request|images?)\b/;

/** "15 rps avg spiking to 90": a peak word after an average word, just before the number, is about it. */
function peakAfterAverage(lead: string): boolean {
  const last = (pattern: RegExp) =>
    Math.max(-1, ...[...lead.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m.index));
  const peak = last(PEAK_WORDS);
  return peak >= 0 && peak > last(AVERAGE_WORDS);
}

/** Framework words strong enough to read inside a sentence (not "other" or "pt"). */
const FRAMEWORK_WORDS: [string, RegExp][] = Object.entries(FIELDS.framework.synonyms)
  .filter(([value]) => value !== 'other')
  .map(([value, words]) => [
    value,
    new RegExp(
      `(^|[^a-z0-9-])(${[value, ...words]
        .filter((w) => w.length > 2)
        .map(escape)
        .join('|')})($|[^a-z0-9-])`,
    ),
  ]);

interface Clause {
  text: string;
}

/** Splits a message into clauses: commas, semicolons, sentence ends, "and", "with", "but". */
function clauses(text: string): Clause[] {
  return text
    .split(/[,;]|\.(?:\s|$)|\s(?:and|with|but|while|plus|though|although)\s/)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((t) => ({ text: t }));
}

function normalise(raw: string): string {
  return (
    raw
      .slice(0, MAX_MESSAGE)
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/\b(\w+)n't\b/g, '$1 not')
      .replace(/\bbetween\s+(\$?\d[\d.,]*\s*[a-z]{0,8})\s+and\s+/g, '$1 to ')
      // "99th percentile" is "p99": a percentile, not a quantity.
      .replace(/\b(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)?[ -]percentile\b/g, 'p$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

interface Quantity {
  /** The text of the quantity with its unit, as parse-answer reads it. */
  low: string;
  high: string | null;
  dollar: boolean;
  /** Words after the quantity (the unit, if any). */
  after: string;
  /** Words between the previous quantity in the clause (or its start) and this one. */
  lead: string;
  /** Words after this quantity to the clause's end, when it is the clause's last quantity. */
  tail: string;
  said: string;
}

function quantities(clause: string): Quantity[] {
  const found: { m: RegExpExecArray; start: number; end: number; after: string }[] = [];
  for (const m of clause.matchAll(QUANTITY)) {
    const start = m.index;
    // Not the digits inside a word or a region code ("us-east-1", "t4", "p95", "ml.g5", "#2").
    const before = clause.slice(Math.max(0, start - 1), start);
    if (/[a-z0-9._#-]/.test(before) && !/\$/.test(m[0]) && before !== ' ') continue;
    if (/^\s*$/.test(m[2] ?? '')) continue;
    const after = clause.slice(start + m[0].length).trim();
    // Percentages and multiples ("10x") are not answers.
    if (/^(%|x\b|times\b|percent\b)/.test(after)) continue;
    found.push({ m, start, end: start + m[0].length, after });
  }
  return found.map(({ m, start, end, after }, i) => {
    const low = `${m[2]}${m[3] ? ` ${m[3]}` : ''}`;
    const high = m[4] ? `${m[4]}${(m[5] ?? m[3]) ? ` ${m[5] ?? m[3]}` : ''}` : null;
    const unitWords = after.split(' ').slice(0, 4).join(' ');
    return {
      low,
      high,
      dollar: Boolean(m[1]),
      after: unitWords,
      lead: clause.slice(i > 0 ? found[i - 1]!.end : 0, start),
      // A peak word between two quantities introduces the second ("5k/min peak 20k/min").
      tail: found[i + 1] ? '' : clause.slice(end),
      said: `${m[0].trim()} ${unitWords}`.trim(),
    };
  });
}

type Reading = { key: AnswerKey; read: (text: string) => number | null } | null;

const value = (parsed: { ok: true; value: number } | { ok: false; reason: string }): number | null =>
  parsed.ok ? parsed.value : null;

/** The field a quantity gives, from its unit and the words around it. */
function readingOf(
  q: Quantity,
  clause: string,
  current: AnswerKey | null,
  alone: boolean,
): Reading | 'unclear' {
  const unit = q.after;
  // "5k requests/min peak 20k/min": a peak word marks the quantity it comes before (or the words
  // after it, "200 at lunch"), not every number in the clause.
  const near = `${q.lead} ${q.tail}`;
  const peak = (PEAK_WORDS.test(near) && !AVERAGE_WORDS.test(near)) || peakAfterAverage(q.lead);
  if (q.dollar || MONEY_UNIT.test(unit)) {
    return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} ${periodOf(unit)}`)) };
  }
  if (SIZE_UNIT.test(unit)) {
    const sizeUnit = SIZE_UNIT.exec(unit)![1];
    const payload = PAYLOAD_WORDS.test(clause) && !/\b(model|weights|artifact|checkpoint)\b/.test(clause);
    return payload
      ? { key: 'payloadKb', read: (t) => value(parseSize(`${t} ${sizeUnit}`, 'KB')) }
      : { key: 'modelSizeMb', read: (t) => value(parseSize(`${t} ${sizeUnit}`, 'MB')) };
  }
  if (DURATION_UNIT.test(unit) && !RATE_UNIT.test(unit)) {
    const durationUnit = DURATION_UNIT.exec(unit)![1];
    const key: AnswerKey =
      INFERENCE_WORDS.test(clause) && !/\b(latency|p\d{2}|sla)\b/.test(clause)
        ? 'inferenceMs'
        : 'latencyP95Ms';
    return { key, read: (t) => value(parseDurationMs(`${t} ${durationUnit}`)) };
  }
  if (RATE_UNIT.test(unit)) {
    const rateUnit = RATE_UNIT.exec(unit)![1];
    // "2k a month" with budget words is money, with request words a rate; with neither, unclear.
    if (/^(?:a|an|per|\/|each|every)\s*(?:mo|month)\b/.test(rateUnit ?? '') && !RATE_WORDS.test(clause)) {
      if (BUDGET_WORDS.test(clause))
        return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} a month`)) };
      return 'unclear';
    }
    const key: AnswerKey = peak ? 'peakRequestsPerSecond' : 'requestsPerSecond';
    return { key, read: (t) => value(parseRate(`${t} ${rateUnit}`)) };
  }
  if (PERIOD.test(unit)) {
    if (BUDGET_WORDS.test(clause))
      return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} ${periodOf(unit)}`)) };
    return 'unclear';
  }
  // No unit: the words around it say what it is, or the question on screen does.
  if (peak) return { key: 'peakRequestsPerSecond', read: (t) => value(parseRate(t)) };
  if (BUDGET_WORDS.test(clause)) return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(t)) };
  if (/\b(latency|p\d{2}|sla|respond|response)\b/.test(clause))
    return { key: 'latencyP95Ms', read: (t) => value(parseDurationMs(t)) };
  if (RATE_WORDS.test(clause)) return { key: 'requestsPerSecond', read: (t) => value(parseRate(t)) };
  if (PAYLOAD_WORDS.test(clause)) return { key: 'payloadKb', read: (t) => value(parseSize(t, 'KB')) };
  if (/\b(model|weights|artifact|checkpoint)\b/.test(clause))
    return { key: 'modelSizeMb', read: (t) => value(parseSize(t, 'MB')) };
  if (alone && current && numericCurrent(current)) return { key: current, read: (t) => readAs(current, t) };
  return 'unclear';
}

function periodOf(unit: string): string {
  return PERIOD.exec(unit)?.[0] ?? '';
}

function numericCurrent(key: AnswerKey): boolean {
  const kind = FIELDS[key].kind as string;
  return kind === 'count' || kind === 'positive';
}

function readAs(key: AnswerKey, text: string): number | null {
  switch (FIELDS[key].reading as string) {
    case 'rate':
      return value(parseRate(text));
    case 'money':
      return value(parseMoney(text));
    case 'size-mb':
      return value(parseSize(text, 'MB'));
    case 'size-kb':
      return value(parseSize(text, 'KB'));
    default:
      return value(parseDurationMs(text));
  }
}

/** Which end of a range to take: the busier load and the bigger model, the stricter target and budget. */
function pickRange(key: AnswerKey, low: number, high: number): { value: number; note: string } {
  const strictLow = key === 'latencyP95Ms' || key === 'monthlyBudgetUsd';
  const v = strictLow ? Math.min(low, high) : Math.max(low, high);
  return { value: v, note: strictLow ? 'the stricter end of the range' : 'the busier end of the range' };
}

/** Choices said in words: negations first ("no k8s"), then the values themselves. */
function choiceFacts(text: string, out: Fact[], unclear: Unclear[]): void {
  // Kubernetes
  if (
    /\b(no|not|without|never|zero)\b(?:\s+\w+){0,3}\s+(k8s|kubernetes|kube|eks)\b/.test(text) ||
    /\b(k8s|kubernetes)\s*(?::|is|=)?\s*(no|none)\b/.test(text)
  ) {
    out.push({
      key: 'kubernetes',
      value: 'none',
      said:
        /\b(no|not|without|never)\b[^,;.]*?\b(k8s|kubernetes|kube|eks)\b/.exec(text)?.[0] ?? 'no Kubernetes',
    });
  } else if (/\beks\b/.test(text)) {
    out.push({ key: 'kubernetes', value: 'eks', said: 'eks' });
  } else if (
    /\b(self[- ]managed|self[- ]hosted|our own|own|kubeadm|on[- ]prem(?:ises)?|rancher|openshift)\s+(k8s|kubernetes|clusters?)\b|\b(k8s|kubernetes)\s+(self[- ]managed|self[- ]hosted|on[- ]prem)/.test(
      text,
    )
  ) {
    out.push({ key: 'kubernetes', value: 'self-managed', said: 'self-managed Kubernetes' });
  } else if (/\b(k8s|kubernetes)\b/.test(text)) {
    unclear.push({
      question: 'Which Kubernetes does the team run: EKS or self-managed?',
      ask: 'kubernetes',
      likely: { value: 'eks', why: 'you said the team runs Kubernetes; EKS is the usual one on AWS' },
    });
  }
  // GPU
  if (
    /\b(no|not|without|never)\b(?:\s+\w+){0,3}\s+gpus?\b|\bcpus?[- ]only\b|\bon cpus?\b|\bgpus? (is |are )?(not needed|unnecessary)\b/.test(
      text,
    )
  ) {
    out.push({ key: 'gpu', value: 'none', said: 'no GPU' });
  } else if (
    /\bgpus? (would|could|might) (help|be nice)\b|\bgpus? (is |are )?(optional|nice to have)\b|\boptional gpus?\b|\bnice to have (a )?gpus?\b/.test(
      text,
    )
  ) {
    out.push({ key: 'gpu', value: 'optional', said: 'GPU optional' });
  } else if (
    /\b(needs?|requires?|required|must have|must run on|runs? on|uses?|on)\s+(an? |the |one |\w+ )?gpus?\b|\bgpus? (is |are )?(required|needed|a must)\b/.test(
      text,
    )
  ) {
    out.push({ key: 'gpu', value: 'required', said: 'needs a GPU' });
  } else if (/\bgpus?\b/.test(text)) {
    unclear.push({ question: 'Does inference need the GPU, or would it only help?', ask: 'gpu' });
  }
  // Framework
  const frameworks = FRAMEWORK_WORDS.filter(([, pattern]) => pattern.test(text)).map(([v]) => v);
  if (frameworks.length === 1) out.push({ key: 'framework', value: frameworks[0]!, said: frameworks[0]! });
  else if (frameworks.length > 1)
    unclear.push({ question: `Which does it run on: ${frameworks.join(' or ')}?`, ask: 'framework' });
  // Traffic pattern
  const patterns: [string, RegExp][] = [
    ['spiky', /\b(spiky|bursty|spikes|peaky)\b/],
    ['steady', /\b(steady|constant|flat traffic|stable traffic|around the clock|24\/7)\b/],
    ['intermittent', /\b(intermittent|sporadic|occasional|idle most|rarely)\b/],
    ['batch', /\b(batch|nightly|offline scoring|bulk scoring|once a day)\b/],
  ];
  const shapes = patterns.filter(([, p]) => p.test(text)).map(([v]) => v);
  if (shapes.length === 1) out.push({ key: 'trafficPattern', value: shapes[0]!, said: shapes[0]! });
  else if (shapes.length > 1)
    unclear.push({ question: `Is the load ${shapes.join(' or ')}?`, ask: 'trafficPattern' });
  // Hosting
  if (/\bmulti[- ]?cloud\b/.test(text))
    out.push({ key: 'hosting', value: 'multi-cloud', said: 'multi-cloud' });
  else if (/\bhybrid\b/.test(text) && !/\bhybrid option\b/.test(text))
    out.push({ key: 'hosting', value: 'hybrid-ok', said: 'hybrid' });
  else if (
    /\b(only on[- ]?prem\w*|on[- ]?prem\w* only|must (stay|run|be|remain) on[- ]?prem\w*|no (public )?cloud|cannot use (the )?cloud|can ?not use (the )?cloud)\b/.test(
      text,
    )
  )
    out.push({ key: 'hosting', value: 'on-prem-only', said: 'on-premises only' });
  else if (
    /\bon[- ]?prem(ises)?\b/.test(text) &&
    !/\bon[- ]?prem(ises)? (k8s|kubernetes|clusters?)\b/.test(text)
  )
    unclear.push({
      question: 'Must it stay on-premises only, or is a hybrid with the cloud fine?',
      ask: 'hosting',
    });
  // Team
  if (
    /\b(no|not much|little|without (an? )?)\s*(ops|devops|sre|platform)( team| people| experience)?\b|\bjunior team\b|\bsmall team\b/.test(
      text,
    )
  )
    out.push({ key: 'teamOpsMaturity', value: 'low', said: 'little ops experience' });
  else if (/\b(strong|experienced|seasoned|senior|dedicated)\s+(ops|devops|sre|platform)\b/.test(text))
    out.push({ key: 'teamOpsMaturity', value: 'high', said: 'an experienced ops team' });
  // Latency: none
  if (
    /\b(no latency (target|requirement|sla)|latency (does not|doesnt) matter|offline( work| scoring)?)\b/.test(
      text,
    )
  )
    out.push({ key: 'latencyP95Ms', value: null, said: 'no latency target' });
  // Region
  const region = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d)\b/.exec(text);
  if (region && REGION_PATTERN.test(region[1]!))
    out.push({ key: 'region', value: region[1]!, said: region[1]! });
  // Project name
  const name =
    /\b(?:project|app|service|repo)\s+(?:is\s+)?(?:called|named)\s+["']?([a-z0-9][\w.-]{0,60})/.exec(text) ??
    /\bcall it\s+["']?([a-z0-9][\w.-]{0,60})/.exec(text);
  if (name) out.push({ key: 'projectName', value: name[1]!, said: name[0] });
}

/**
 * Every answer the message gives. `current` is the question on screen: a lone number with no unit
 * and no telling word answers it.
 */
export function extractFacts(raw: string, current: AnswerKey | null = null): Extraction {
  const text = normalise(raw);
  const facts: Fact[] = [];
  const unclear: Unclear[] = [];
  // Region codes and model names carry digits that are not quantities.
  const scrubbed = text.replace(/\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b/g, ' ');
  // At the GPU question, "one" and "it" are the GPU: "we don't need one".
  choiceFacts(current === 'gpu' ? text.replace(/\b(one|it)\b/g, 'gpu') : text, facts, unclear);
  const parts = clauses(scrubbed);
  const all = parts.flatMap((c) => quantities(c.text).map((q) => ({ q, clause: c.text })));
  for (const { q, clause } of all) {
    const reading = readingOf(q, clause, current, all.length === 1);
    if (reading === 'unclear') {
      unclear.push({
        question: `What is ${quoteValue(q.said)}: a request rate, a latency, a budget or a size? Say it with a unit, e.g. "${q.low} rps" or "$${q.low} a month".`,
      });
      continue;
    }
    if (!reading) continue;
    const low = reading.read(q.low);
    if (low === null) continue;
    let got = low;
    let note: string | undefined;
    if (q.high !== null) {
      const high = reading.read(q.high);
      if (high !== null) ({ value: got, note } = pickRange(reading.key, low, high));
    }
    if (reading.key === 'latencyP95Ms' && facts.some((f) => f.key === 'latencyP95Ms' && f.value === null))
      continue;
    // Never silently: a p99 (or p50) target is read as p95, and the echo says so.
    if (reading.key === 'latencyP95Ms')
      note = percentileNote(clause, typeof got === 'number' ? got : null) ?? note;
    facts.push({ key: reading.key, value: got, said: q.said, ...(note ? { note } : {}) });
  }
  return dedupe(facts, unclear);
}

/** One value per field; two different values for one field are a question, not a pick. */
function dedupe(facts: Fact[], unclear: Unclear[]): Extraction {
  const byKey = new Map<AnswerKey, Fact[]>();
  for (const f of facts) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
  const out: Fact[] = [];
  for (const [key, list] of byKey) {
    const values = [...new Set(list.map((f) => f.value))];
    if (values.length === 1) out.push(list[0]!);
    else
      unclear.push({
        question: `I read two values for the ${FIELDS[key].label}: ${values.map((v) => formatAnswer(key, v)).join(' and ')}. Which is it?`,
      });
  }
  return { facts: out, unclear };
}

/** The facts that change something: a new answer, or a different value for one already given. */
export function newFacts(facts: readonly Fact[], draft: AnswerDraft): Fact[] {
  return facts.filter((f) => draft[f.key] !== f.value);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
