import { FIELDS, REGION_PATTERN, type AnswerKey } from '../core/answer-fields.js';
import type { AnswerDraft } from './answer-keys.js';
import {
  REQUEST_NOUN,
  VOLUME_NOUN,
  outOfRange,
  parseDurationMs,
  parseMoney,
  parseRate,
  parseSize,
  parseTokens,
  percentileNote,
  perNightNote,
} from './parse-answer.js';
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
  /** "peaks of 4x": the peak as a multiple of the average, resolved against the answers. */
  peakTimes?: { times: number; said: string };
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

const RATE_UNIT = new RegExp(
  `^(rps|qps|tps|rpm|req\\/s|reqs\\/s|r\\/s|(?:${VOLUME_NOUN})?\\s*(?:\\/|per|a|an|each|every)\\s*(?:s|sec|second|min|minute|h|hr|hour|day|night|wk|week|month|mo)\\b|(?:${VOLUME_NOUN}\\s*)?(?:hourly|daily|nightly|weekly)\\b|${REQUEST_NOUN}\\b)`,
);
/** A rate unit that is only a period ("a month", "per day"): money with budget words. */
const PERIOD_ONLY =
  /^(?:(?:\/|per|a|an|each|every)\s*(?:h|hr|hour|day|night|wk|week|month|mo)|hourly|daily|nightly|weekly)\b/;
const SIZE_UNIT = /^(kb|kib|mb|mib|gb|gib|tb|tib|megs?|gigs?|megabytes?|gigabytes?|kilobytes?)\b/;
const DURATION_UNIT = /^(ms|msec|millis|milliseconds?|s|sec|secs|seconds?|min|mins|minutes?)\b/;
const MONEY_UNIT = /^(usd|dollars?|bucks)\b/;
const PERIOD = /^(?:(?:per|a|an|\/|each|every)\s*(?:mo|month|y|yr|year|week|day)\b|monthly|yearly|annually)/;

// Business hours are a shape of the load (intermittent), not a peak.
const PEAK_WORDS =
  /\b(peaks?|peaking|at peak|spikes?|spiking|bursts?|bursting|max|maximum|at most|tops?|busiest|busy hour|rush|at lunch|lunch(?:time)?|black friday|launch|in the evening|evenings|mornings|top out)\b/;
const AVERAGE_WORDS = /\b(average|avg|on average|mean|typically|normally|usually|baseline)\b/;
const RATE_WORDS = /\b(traffic|requests?|rps|qps|load|volume|calls|queries|throughput|hits)\b/;
const BUDGET_WORDS = /\b(budget|spend|spending|cost|costs|afford|money|pay|cap|bill)\b/;
const INFERENCE_WORDS =
  /\b(inference time|inference takes|compute|takes|forward pass|prediction takes|per prediction)\b/;
const PAYLOAD_WORDS =
  /\b(payloads?|request size|request body|input|inputs|body|per request|each request|images?|json)\b/;
const MODEL_WORDS = /\b(model|weights|artifact|checkpoint)\b/;
const LATENCY_WORDS = /\b(latency|p\d{2}|sla|respond|response)\b/;
/** A count of people: no answer holds it ("team of 3", "3 devs"). */
const PEOPLE_AFTER = /^(devs?|developers?|engineers?|people|persons?|ppl|sres?|folks|members?|of us)\b/;

type Role = 'peak' | 'average';
const QUALIFIER = new RegExp(`${PEAK_WORDS.source}|${AVERAGE_WORDS.source}`, 'g');

/**
 * Which quantities in a clause are the peak and which the average, each bound to its nearest
 * qualifier word in either order: "~300 req/s peak maybe 80 avg", "15 rps avg spiking to 90",
 * "peak 300 avg 80", "5k/min peak 20k/min". Words before the first quantity are about it, words
 * after the last about that one. Two qualifiers between two quantities split between them; one
 * goes to the quantity after it unless that one has its own qualifier after it.
 */
function roles(clause: string, spans: readonly { start: number; end: number }[]): (Role | null)[] {
  const words = [...clause.matchAll(QUALIFIER)].map((m) => ({
    at: m.index,
    role: (AVERAGE_WORDS.test(m[0]) ? 'average' : 'peak') as Role,
  }));
  const gap = (i: number) => {
    const from = i === 0 ? 0 : spans[i - 1]!.end;
    const to = i === spans.length ? clause.length : spans[i]!.start;
    return words.filter((w) => w.at >= from && w.at < to).map((w) => w.role);
  };
  const gaps = spans.map((_, i) => gap(i)).concat([gap(spans.length)]);
  const n = spans.length;
  const trailing: (Role | null)[] = spans.map(() => null);
  const leading: (Role | null)[] = spans.map(() => null);
  for (let i = 0; i <= n; i++) {
    const g = gaps[i]!;
    if (!g.length) continue;
    if (i === 0) leading[0] = g.at(-1)!;
    else if (i === n) trailing[n - 1] = g[0]!;
    else if (g.length > 1) {
      trailing[i - 1] = g[0]!;
      leading[i] = g.at(-1)!;
    } else {
      const after = gaps[i + 1]!;
      const ownAfter = after.length > 0 && (i + 1 === n || after.length > 1);
      if (ownAfter) trailing[i - 1] = g[0]!;
      else leading[i] = g[0]!;
    }
  }
  return spans.map((_, i) => trailing[i] ?? leading[i] ?? null);
}

/** Framework words strong enough to read inside a sentence (not "other" or "pt"). */
const FRAMEWORK_WORDS: [string, RegExp][] = Object.entries(FIELDS.framework.synonyms)
  .filter(([value]) => value !== 'other')
  .map(([value, words]) => [
    value,
    new RegExp(
      `(^|[^a-z0-9-])(${[value, ...words]
        // Two-letter words are too loose in a sentence ("pt", "tf serving"), except "hf".
        .filter((w) => w.length > 2 || w === 'hf')
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
  /** The peak or the average, when a qualifier word is bound to it. */
  role: Role | null;
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
  const bound = roles(clause, found);
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
      role: bound[i]!,
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
  const peak = q.role === 'peak';
  // The question on screen takes a quantity of its own kind ("2kb json" at the payload size,
  // "~8ms on cpu" at the inference time); another field needs its own words ("model is 40 MB").
  const onScreen = (reading: string) =>
    current && (FIELDS[current].reading as string) === reading ? current : null;
  if (q.dollar || MONEY_UNIT.test(unit)) {
    return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} ${periodOf(unit)}`)) };
  }
  if (SIZE_UNIT.test(unit)) {
    const sizeUnit = SIZE_UNIT.exec(unit)![1];
    const key: AnswerKey = MODEL_WORDS.test(clause)
      ? 'modelSizeMb'
      : PAYLOAD_WORDS.test(clause)
        ? 'payloadKb'
        : (onScreen('size-kb') ?? onScreen('size-mb') ?? 'modelSizeMb');
    return key === 'payloadKb'
      ? { key, read: (t) => value(parseSize(`${t} ${sizeUnit}`, 'KB')) }
      : { key: 'modelSizeMb', read: (t) => value(parseSize(`${t} ${sizeUnit}`, 'MB')) };
  }
  if (DURATION_UNIT.test(unit) && !RATE_UNIT.test(unit)) {
    const durationUnit = DURATION_UNIT.exec(unit)![1];
    const latencyWords = /\b(latency|p\d{2}|sla)\b/.test(clause);
    const key: AnswerKey =
      INFERENCE_WORDS.test(clause) && !latencyWords
        ? 'inferenceMs'
        : latencyWords
          ? 'latencyP95Ms'
          : (onScreen('duration') ?? onScreen('latency') ?? 'latencyP95Ms');
    return { key, read: (t) => value(parseDurationMs(`${t} ${durationUnit}`)) };
  }
  if (RATE_UNIT.test(unit)) {
    const rateUnit = RATE_UNIT.exec(unit)![1] ?? '';
    // "2k a month" with budget words is money, with request words a rate; with neither, the
    // question on screen decides, else it is unclear.
    if (PERIOD_ONLY.test(rateUnit) && !RATE_WORDS.test(clause) && !onScreen('rate')) {
      if (BUDGET_WORDS.test(clause))
        return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} ${rateUnit}`)) };
      if (/month|mo\b/.test(rateUnit)) return 'unclear';
    }
    const key: AnswerKey = peak
      ? 'peakRequestsPerSecond'
      : q.role === 'average'
        ? 'requestsPerSecond'
        : (onScreen('rate') ?? 'requestsPerSecond');
    return { key, read: (t) => value(parseRate(`${t} ${rateUnit}`)) };
  }
  if (PERIOD.test(unit)) {
    if (BUDGET_WORDS.test(clause))
      return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(`${t} ${periodOf(unit)}`)) };
    return 'unclear';
  }
  // Tokens with words that say which ("prompts of 800 tokens", "answers of 150 tokens").
  if (/^tokens?\b/.test(unit)) {
    const key: AnswerKey | null = /\b(output|answers?|responses?|generat\w*|completions?|new)\b/.test(clause)
      ? 'outputTokens'
      : /\b(prompts?|input|context)\b/.test(clause)
        ? 'inputTokens'
        : onScreen('tokens');
    if (key) return { key, read: (t) => value(parseTokens(t)) };
  }
  // A count of things that are not requests ("3 images", "512 tokens") is no answer by itself.
  if (/^(images?|files?|items?|documents?|rows?|records?|tokens?|features?|columns?)\b/.test(unit))
    return 'unclear';
  // No unit: the words around it say what it is, or the question on screen does.
  if (BUDGET_WORDS.test(clause)) return { key: 'monthlyBudgetUsd', read: (t) => value(parseMoney(t)) };
  if (LATENCY_WORDS.test(clause)) return { key: 'latencyP95Ms', read: (t) => value(parseDurationMs(t)) };
  if (peak) return { key: 'peakRequestsPerSecond', read: (t) => value(parseRate(t)) };
  if (q.role === 'average') return { key: 'requestsPerSecond', read: (t) => value(parseRate(t)) };
  if (RATE_WORDS.test(clause)) return { key: 'requestsPerSecond', read: (t) => value(parseRate(t)) };
  if (PAYLOAD_WORDS.test(clause)) return { key: 'payloadKb', read: (t) => value(parseSize(t, 'KB')) };
  if (MODEL_WORDS.test(clause)) return { key: 'modelSizeMb', read: (t) => value(parseSize(t, 'MB')) };
  // A count of people answers no question on screen ("team of 3" at the budget is not $3).
  if (countsPeople(q)) return 'unclear';
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
    case 'tokens':
      return value(parseTokens(text));
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
    /\b(no|not|without|never|zero|nobody|noone|none of us)\b(?:\s+\w+){0,3}\s+(k8s|kubernetes|kube|eks)\b/.test(
      text,
    ) ||
    /\b(k8s|kubernetes)\s*(?::|is|=)?\s*(no|none)\b/.test(text)
  ) {
    out.push({
      key: 'kubernetes',
      value: 'none',
      said:
        /\b(no|not|without|never|nobody|noone|none of us)\b[^,;.]*?\b(k8s|kubernetes|kube|eks)\b/.exec(
          text,
        )?.[0] ?? 'no Kubernetes',
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
    [
      'intermittent',
      /\b(intermittent|sporadic|occasional|idle most|rarely|business hours|office hours|working hours|9 ?(-|to) ?5|nine to five|weekdays only|(dead|quiet|idle|nothing) (at|over(night)?|during the) nights?|nights are (dead|quiet|idle))\b/,
    ],
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
  else if (/\b(cloud|public cloud|in the cloud|cloud only|cloud is fine)\b/.test(text))
    out.push({ key: 'hosting', value: 'cloud', said: 'cloud' });
  // Team
  if (
    /\b(no|not much|little|without (an? )?)\s*(ops|devops|sre|platform)( team| people| experience)?\b|\bjunior team\b|\bsmall team\b/.test(
      text,
    )
  )
    out.push({ key: 'teamOpsMaturity', value: 'low', said: 'little ops experience' });
  else if (
    /\b(nobody|noone|no one|none of us)( here| on the team| in the team)? (knows?|understands?|has (used|run)|can run|runs)\b/.test(
      text,
    )
  )
    out.push({ key: 'teamOpsMaturity', value: 'low', said: 'nobody knows it' });
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
  // Region codes, times of day ("6pm", "9-5 weekdays") and multiples carry digits that are no answer.
  const scrubbed = text
    .replace(/\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b/g, ' ')
    .replace(/\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b/g, ' ')
    .replace(/\b9\s*(?:-|to)\s*5\b/g, ' ')
    .replace(
      /\b\d{1,2}\s*(?:-|–|to)\s*\d{1,2}(?=\s*(?:weekdays|on weekdays|workdays|business|office|local|mon))/g,
      ' ',
    );
  // At the GPU question, "one" and "it" are the GPU: "we don't need one".
  choiceFacts(current === 'gpu' ? text.replace(/\b(one|it)\b/g, 'gpu') : text, facts, unclear);
  const params = parameterCount(scrubbed);
  const parts = clauses(params ? scrubbed.replace(params.said, ' ') : scrubbed);
  const all = parts.flatMap((c) => quantities(c.text).map((q) => ({ q, clause: c.text })));
  for (const { q, clause } of all) {
    const reading = readingOf(q, clause, current, all.length === 1);
    if (reading === 'unclear') {
      unclear.push({ question: unmatched(q) });
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
    // Pasted junk ("99999999999999999999 rps") is held to the same ranges as a typed answer.
    const problem = outOfRange(reading.key, got);
    if (problem) {
      unclear.push({ question: `Not taken: ${problem}.` });
      continue;
    }
    // Never silently: a p99 (or p50) target is read as p95, and the echo says so.
    if (reading.key === 'latencyP95Ms') note = percentileNote(clause, got) ?? note;
    if (reading.key === 'requestsPerSecond' || reading.key === 'peakRequestsPerSecond')
      note = perNightNote(q.after, got) ?? note;
    facts.push({ key: reading.key, value: got, said: q.said, ...(note ? { note } : {}) });
  }
  // "7b" is a parameter count: the size is an estimate, said so, and only when no size was given.
  if (params && !facts.some((f) => f.key === 'modelSizeMb')) facts.push(params.fact);
  const times = peakMultiple(scrubbed);
  const found = dedupe(facts, unclear);
  return times && !found.facts.some((f) => f.key === 'peakRequestsPerSecond')
    ? { ...found, peakTimes: times }
    : found;
}

/** Bytes per parameter in fp16, the usual serving precision for a fine-tuned model. */
const FP16_BYTES = 2;

/** "7b", "7B params", "110M parameters": the weights' size at fp16, as an estimate. */
function parameterCount(text: string): { said: string; fact: Fact } | null {
  const m =
    /\b(\d+(?:\.\d+)?)\s*(b|bn|billion|m|million)\s*(?:params?|parameters)\b/.exec(text) ??
    /(?<![$\d.])\b(\d+(?:\.\d+)?)(b)\b(?!\s*(?:\/|per|a |an |each|every|requests?|reqs?|rps|calls|queries|rows|usd|dollars|budget))/.exec(
      text,
    );
  if (!m) return null;
  const billions = /^b/.test(m[2]!);
  const count = Number(m[1]) * (billions ? 1e9 : 1e6);
  const mb = Math.round((count * FP16_BYTES) / 1e6);
  return {
    said: m[0],
    fact: {
      key: 'modelSizeMb',
      value: mb,
      said: m[0],
      note: `an estimate from ${m[1]}${billions ? 'B' : 'M'} parameters at ${FP16_BYTES} bytes each, fp16; say the size if you know it`,
    },
  };
}

/** "peaks of maybe 4x", "spikes to 3 times that": the peak as a multiple of the average. */
function peakMultiple(text: string): Extraction['peakTimes'] | undefined {
  const m =
    /\b(?:peaks?|peaking|spikes?|spiking|bursts?|bursting)\b[^,;.]*?\b(\d+(?:\.\d+)?)\s*(?:x|times)\b/.exec(
      text,
    ) ??
    /\b(\d+(?:\.\d+)?)\s*(?:x|times)\s+(?:the average |that )?(?:at |in )?(?:peaks?|spikes?)\b/.exec(text);
  if (!m) return undefined;
  const times = Number(m[1]);
  return times >= 1 ? { times, said: m[0] } : undefined;
}

function countsPeople(q: Quantity): boolean {
  return PEOPLE_AFTER.test(q.after) || /\b(team|we are|there are)( of| is)?\s*$/.test(q.lead);
}

/** What to say about a number no field takes: what it could not be matched to, no invented unit. */
function unmatched(q: Quantity): string {
  if (countsPeople(q))
    return `I could not match ${quoteValue(q.said || q.low)} to an answer: team size is not one I ask. The team's ops experience is (low, medium or high).`;
  return `What is ${quoteValue(q.said)}: a request rate, a latency, a budget or a size? Say it with its unit, e.g. "20 rps", "150 ms", "$800 a month" or "120 MB".`;
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
