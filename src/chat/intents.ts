import { ANSWER_KEYS, FIELDS, type AnswerKey } from '../core/answer-fields.js';
import { OPTION_SHORT_NAMES } from '../core/options.js';
import { COMMANDS, COMMAND_WORDS } from './commands.js';
import { nearest } from './did-you-mean.js';
import { extractFacts } from './extract.js';
import { normalise, parseAnswerFor, percentileNote, SYNONYMS } from './parse-answer.js';
import { quoteValue } from '../core/sanitize.js';

/**
 * Follow-ups typed after (or during) the interview: questions about the ranking, what-ifs, answer
 * edits and slash commands. Pure: text in, an intent out; the conversation acts on it.
 */

/** An option as the user may name it: its id, display name and the aliases in knowledge/options.yaml. */
export interface OptionRef {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** The ranking as follow-ups refer to it: "#3", "the top two", "the cheapest feasible". */
export interface RankRefs {
  /** Option ids by rank, first the leader. */
  order: readonly string[];
  /** The cheapest option that works, if any could be priced. */
  cheapest?: string | undefined;
}

/** One answer changed; `note` says how the words were read when that is not obvious (p99 as p95). */
export type Change = (
  { key: AnswerKey; value: string | number | null } | { key: AnswerKey; multiply: number }
) & { note?: string };

export type Intent =
  | { kind: 'help' }
  | { kind: 'why'; option?: string }
  | { kind: 'why-not'; option: string }
  | { kind: 'compare'; a?: string; b?: string }
  | { kind: 'what-if'; change: Change }
  | { kind: 'edit'; change: Change }
  | { kind: 'cheapest' }
  | { kind: 'cost'; option?: string }
  | { kind: 'chart' }
  | { kind: 'ranking' }
  | { kind: 'report'; file?: string }
  | { kind: 'scaffold'; option?: string; dir?: string; force?: boolean }
  | { kind: 'save'; file?: string }
  | { kind: 'keep' }
  | { kind: 'answers' }
  | { kind: 'back' }
  | { kind: 'done' }
  | { kind: 'quit' }
  /**
   * Understood as a follow-up, but something in it is wrong: say what. `suggestion` is the one
   * follow-up a typo most likely meant ("why sagmaker?"), run when the answer is "yes".
   */
  | { kind: 'invalid'; reason: string; suggestion?: Intent };

/** Words for each answers key (from the table of answer fields), longest first when matched. */
export const FIELD_WORDS: Record<AnswerKey, readonly string[]> = Object.fromEntries(
  ANSWER_KEYS.map((key) => [key, FIELDS[key].words]),
) as unknown as Record<AnswerKey, readonly string[]>;

const FIELD_LIST = Object.entries(FIELD_WORDS)
  .flatMap(([key, words]) => words.map((word) => ({ key: key as AnswerKey, word })))
  .sort((a, b) => b.word.length - a.word.length);

const NUMERIC_KEYS = new Set<AnswerKey>(
  ANSWER_KEYS.filter((key) => FIELDS[key].kind === 'count' || FIELDS[key].kind === 'positive'),
);

export const HELP_LINES = [
  'Tell me about the model in your own words, ask, or use a command:',
  '  we have a pytorch model, 800MB, 30 rps, 150ms p95, $2k a month   several answers at once',
  '  actually we need 100ms at p95   change an answer, in any words',
  '  why not lambda? / why #2? / why the top pick?   why an option ranks where it does',
  '  what about lambda? / tell me about #2 / more on the cheapest   one option in full',
  '  compare the top two / compare 1 and 3 / lambda vs eks   side by side',
  '  what if traffic is 10x / how about 10x traffic   try one change from your answers (keep applies it)',
  '  cheapest   the cheapest option that works',
  ...COMMANDS.map((c) => `  /${c.name}${c.args ? ` ${c.args}` : ''}   ${c.text}`),
];

const ORDINALS: Record<string, number> = {
  first: 1,
  top: 1,
  'top pick': 1,
  'top one': 1,
  leader: 1,
  winner: 1,
  best: 1,
  recommended: 1,
  'number one': 1,
  second: 2,
  'runner up': 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/**
 * An option named by its place in the ranking: "#3", "3", "the third", "the top pick", "the
 * cheapest feasible", "the last one". Null when the phrase is not a rank reference.
 */
export function rankRef(
  text: string,
  refs: RankRefs | undefined,
): { id: string } | { reason: string } | null {
  if (!refs) return null;
  const t = text
    .toLowerCase()
    .replace(/[?!.,;:()"]/g, ' ')
    .replace(/\b(the|option|one|pick|choice|ranked|on the list|in the ranking)\b/g, (w) =>
      w === 'pick' || w === 'one' ? w : ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  if (/^cheapest( feasible| that works| working)?( one| option)?$/.test(t)) {
    return refs.cheapest ? { id: refs.cheapest } : { reason: 'no feasible option could be priced' };
  }
  let n: number | undefined;
  const number = /^(?:#|no\.? ?|number |rank )?(\d+)(?:st|nd|rd|th)?$/.exec(t);
  if (number) n = Number(number[1]);
  else if (/^(last|bottom)( one)?$/.test(t)) n = refs.order.length;
  else {
    const word = t.replace(/\b(one|pick)$/, (w) => (t === 'top pick' ? w : '')).trim();
    n = ORDINALS[t] ?? ORDINALS[word];
    const ordinal = /^(\w+)(?: one)?$/.exec(word);
    if (n === undefined && ordinal) n = ORDINALS[ordinal[1]!];
  }
  if (n === undefined) return null;
  const id = refs.order[n - 1];
  return id ? { id } : { reason: `there is no #${n}; the ranking has ${refs.order.length} options` };
}

/** Finds the option a phrase names: id, name or alias, loosely; null if none, a reason if several. */
export function matchOption(
  text: string,
  options: readonly OptionRef[],
  refs?: RankRefs,
): { id: string } | { reason: string } | null {
  const byRank = rankRef(text, refs);
  if (byRank) return byRank;
  const t = simplify(text);
  if (!t) return null;
  const exact = options.filter((o) => names(o).some((n) => n === t));
  if (exact.length === 1) return { id: exact[0]!.id };
  // The longest name found inside the phrase wins; ties between options are ambiguous.
  let best: { ids: Set<string>; length: number } = { ids: new Set(), length: 0 };
  for (const option of options) {
    for (const n of names(option)) {
      if (n.length < 2 || !new RegExp(`(^| )${escape(n)}( |$)`).test(t)) continue;
      if (n.length > best.length) best = { ids: new Set([option.id]), length: n.length };
      else if (n.length === best.length) best.ids.add(option.id);
    }
  }
  if (best.ids.size === 1) return { id: [...best.ids][0]! };
  if (best.ids.size > 1)
    return { reason: `${quoteValue(text.trim())} could be ${[...best.ids].join(' or ')}; which one?` };
  const short = shortNames(options).get(t) ?? shortNames(options).get(t.replace(/ /g, ''));
  return short ? { id: short } : null;
}

/**
 * Short names, matched only as the whole phrase (so "nobody knows k8s" never names EKS): each
 * word of an option's id or aliases that no other option has ("serverless", "realtime",
 * "fargate"), each id without its hyphens ("onprem"), and the synonyms in core/options.ts.
 */
function shortNames(options: readonly OptionRef[]): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const o of options) {
    const words = [o.id, ...o.aliases].map(simplify).flatMap((n) => [...n.split(' '), n.replace(/ /g, '')]);
    for (const w of words) if (w.length >= 3) owners.set(w, (owners.get(w) ?? new Set()).add(o.id));
  }
  const out = new Map<string, string>();
  for (const [word, ids] of owners) if (ids.size === 1) out.set(word, [...ids][0]!);
  for (const [id, list] of Object.entries(OPTION_SHORT_NAMES))
    if (options.some((o) => o.id === id)) for (const w of list ?? []) out.set(w, id);
  return out;
}

/** "serverless? its cheaper" names "serverless": the option is the words before any punctuation or reason. */
function optionPhrase(text: string): string {
  return (
    text
      .split(/[?!;,]|\.(?:\s|$)|\s(?:because|since|as|its|it is|it's|they are|which|given|cause|cuz)\s/)[0]
      ?.trim() ?? text
  );
}

/** The options a mistyped name may have meant ("sagmaker" → the four SageMaker options). */
export function optionSuggestions(text: string, options: readonly OptionRef[]): string[] {
  const vocabulary = [...new Set(options.flatMap((o) => names(o).flatMap((n) => n.split(' '))))].filter(
    (w) => w.length >= 3,
  );
  const words = simplify(text).split(' ').filter(Boolean);
  const fixed = words.map((w) => (vocabulary.includes(w) ? w : (nearest(w, vocabulary, 1)[0] ?? w)));
  if (fixed.join(' ') === words.join(' ')) return [];
  const phrase = fixed.join(' ');
  const found = matchOption(phrase, options);
  if (found && 'id' in found) return [found.id];
  // Every option whose names hold all the corrected words.
  return options
    .filter((o) => names(o).some((n) => fixed.every((w) => ` ${n} `.includes(` ${w} `))))
    .map((o) => o.id);
}

function unknownOption(phrase: string, options: readonly OptionRef[], make?: (id: string) => Intent): Intent {
  const guesses = optionSuggestions(phrase, options);
  const suggestion = guesses.length === 1 && make ? { suggestion: make(guesses[0]!) } : {};
  return {
    kind: 'invalid',
    reason: guesses.length
      ? `I do not know an option called ${quoteValue(phrase)}. Did you mean ${orList(guesses)}?`
      : `I do not know an option called ${quoteValue(phrase)}; options: ${options.map((o) => o.id).join(', ')} (or #1, #2, the top pick, the cheapest)`,
    ...suggestion,
  };
}

export function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

function names(option: OptionRef): string[] {
  return [option.id, option.name, ...option.aliases].map(simplify).filter(Boolean);
}

function simplify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.,;:()"]/g, ' ')
    .replace(/[-_/]/g, ' ')
    .replace(/\b(the|option|an|a)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a change: "traffic is 10x", "budget $300", "latency to 100 ms", "traffic doubles". */
export function parseChange(text: string): Change | { reason: string } | null {
  const t = text
    .toLowerCase()
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/^(the|our|my)\s+/, '');
  const field = FIELD_LIST.find(({ word }) => t === word || t.startsWith(`${word} `));
  if (!field) return null;
  let rest = t.slice(field.word.length).trim();
  rest = rest
    .replace(
      /^(is|was|are|becomes|become|goes to|go to|went to|to|=|:|of|at|should be|will be|changes to|change to|were)\s+/,
      '',
    )
    .trim();
  const multiplier = readMultiplier(rest);
  if (multiplier !== null) {
    if (!NUMERIC_KEYS.has(field.key))
      return { reason: `${field.word} is not a number; give its new value instead` };
    return { key: field.key, multiply: multiplier };
  }
  if (!rest) return { reason: `what should ${field.word} be?` };
  const parsed = parseAnswerFor(field.key, rest);
  // "traffic is spiky" is about the shape, not the rate.
  if (!parsed.ok && field.key === 'requestsPerSecond') {
    const shape = parseAnswerFor('trafficPattern', rest);
    if (shape.ok) return { key: 'trafficPattern', value: shape.value };
  }
  // "model is pytorch" names the framework, not the size.
  if (!parsed.ok && field.word === 'model') {
    const fw = parseAnswerFor('framework', rest);
    if (fw.ok) return { key: 'framework', value: fw.value };
  }
  if (!parsed.ok) return { reason: parsed.reason };
  const note =
    field.key === 'latencyP95Ms'
      ? percentileNote(t, typeof parsed.value === 'number' ? parsed.value : null)
      : null;
  return { key: field.key, value: parsed.value, ...(note ? { note } : {}) };
}

/** "what if pytorch", "what if spiky": a value that only one multiple-choice answer can take. */
function choiceChange(phrase: string): Change | null {
  const t = phrase.replace(/^(a|an|the)\s+/, '').trim();
  const found: Change[] = [];
  for (const key of ['framework', 'trafficPattern', 'hosting', 'kubernetes'] as const) {
    const words = SYNONYMS[key] ?? {};
    for (const [value, list] of Object.entries(words)) {
      if (value === t || list.includes(t)) found.push({ key, value });
    }
  }
  return found.length === 1 ? found[0]! : null;
}

/** "what if we need a GPU": the one answer the free-text reader finds in the phrase, if only one. */
function factChange(phrase: string): Change | null {
  const { facts, unclear } = extractFacts(phrase);
  if (facts.length !== 1 || unclear.length > 0) return null;
  return { key: facts[0]!.key, value: facts[0]!.value };
}

function readMultiplier(text: string): number | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const m =
    /^(?:x\s*)?(\d*\.?\d+)\s*(?:x|times|fold|times as much|times more)(?: as much| more| higher| bigger)?$/.exec(
      t,
    ) ?? /^x\s*(\d*\.?\d+)$/.exec(t);
  if (m) return Number(m[1]);
  if (/^(doubles?|doubled|doubling|twice( as much)?)$/.test(t)) return 2;
  if (/^(triples?|tripled|tripling)$/.test(t)) return 3;
  if (/^(halves|halved|halving|half|is halved)$/.test(t)) return 0.5;
  const pct = /^(up|down) (\d*\.?\d+)\s*%$/.exec(t);
  if (pct) return pct[1] === 'up' ? 1 + Number(pct[2]) / 100 : 1 - Number(pct[2]) / 100;
  return null;
}

/**
 * The follow-ups that name one option, in one table: each phrasing, and what it asks about the
 * option its words name (by name, alias, rank, "the cheapest" or a near typo). Group 1 of the
 * pattern holds those words; `loose` phrasings are follow-ups only when the words name an option
 * (or nearly), so "how about 10x traffic" is read on as something else.
 */
interface OptionPhrasing {
  kind: 'why' | 'why-not' | 'cost';
  pattern: RegExp;
  loose?: true;
  /** Words that name no option ("why is it on top?"); with nothing else, the follow-up is about the leader. */
  filler?: RegExp;
}

const RANK_WORDS =
  '#\\d+|(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)(?: one)?|(?:the )?top pick';

export const OPTION_PHRASINGS: readonly OptionPhrasing[] = [
  // "#3", "the second one": tell me about it.
  { kind: 'why', pattern: new RegExp(`^(${RANK_WORDS})$`) },
  {
    kind: 'why-not',
    pattern: /^why (?:not|isnt|is not|no|wouldnt|would not|dont you pick|not pick|not use)\s+(.+)$/,
  },
  {
    kind: 'why',
    pattern: /^why(?: is| did you pick| pick| choose| recommend| would)?\s*(.*)$/,
    filler: /\b(it|that|this|one|first|on top|the best|best|recommended|ranked first|winning|win)\b/g,
  },
  {
    kind: 'cost',
    pattern: /^(?:how much (?:is|does|would|will)|cost of|price of|pricing (?:of|for))\s+(.+?)(?:\s+cost)?$/,
    loose: true,
  },
  { kind: 'cost', pattern: /^what (?:does|would|will)\s+(.+?)\s+cost$/, loose: true },
  { kind: 'why', pattern: /^(?:(?:and |so )?(?:what|how) about|and)\s+(.+)$/, loose: true },
  {
    kind: 'why',
    pattern:
      /^(?:(?:can you |could you |please )?tell me|say|talk)(?: a bit| a little| some)?(?: more)? (?:about|on)\s+(.+)$/,
    loose: true,
  },
  {
    kind: 'why',
    pattern: /^(?:more|details|detail|info|details please) (?:on|about|for)\s+(.+)$/,
    loose: true,
  },
  { kind: 'why', pattern: /^(?:what is|what does|whats|explain|describe)\s+(.+?)(?:\s+mean)?$/, loose: true },
];

/** Lightly cleaned, keeping "about" and "like" (normalise() drops them as filler). */
function plainWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[?!.,;]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A follow-up about one option, from the table above; null when no phrasing fits. */
function optionFollowUp(
  text: string,
  normalised: string,
  options: readonly OptionRef[],
  refs: RankRefs | undefined,
): Intent | null {
  const plain = plainWords(text);
  for (const { kind, pattern, loose, filler } of OPTION_PHRASINGS) {
    const m = pattern.exec(plain) ?? pattern.exec(normalised);
    if (!m) continue;
    let phrase = optionPhrase(m[1]!);
    const make = (option: string): Intent => ({ kind, option });
    if (filler && !rankRef(phrase, refs)) {
      phrase = phrase.replace(filler, '').trim();
      if (kind === 'why' && (!phrase || phrase === 'the')) return { kind: 'why' };
    }
    const found = matchOption(phrase, options, refs);
    if (found) return 'reason' in found ? { kind: 'invalid', reason: found.reason } : make(found.id);
    if (!loose || optionSuggestions(phrase, options).length) return unknownOption(phrase, options, make);
  }
  return null;
}

/** Parses one line of follow-up. Null when it is not a follow-up at all (maybe a plain answer). */
export function parseIntent(input: string, options: readonly OptionRef[], refs?: RankRefs): Intent | null {
  const text = input.trim();
  if (text.startsWith('/')) return parseSlash(text, options, refs);
  const t = normalise(text);
  let m: RegExpExecArray | null;

  if (/^(help|\?|what can i (ask|do|say))$/.test(t)) return { kind: 'help' };
  if (/^(quit|exit|bye|q)$/.test(t)) return { kind: 'quit' };
  if (/^(undo|undo (that|it|the last change|last change)|go back)$/.test(t)) return { kind: 'back' };
  if (/^(keep|keep it|keep that|apply it|apply that|apply|yes keep it|do it)$/.test(t))
    return { kind: 'keep' };
  if (
    /^(the )?(cheapest|(whats|what is|which|which one|which option) (is )?(the )?cheapest|cheapest option|the cheapest one)( feasible| that works| working)?( one| option)?$/.test(
      t,
    )
  )
    return { kind: 'cheapest' };
  if (/^(show |draw )?(the )?(chart|cost chart|cost vs traffic|cost against traffic|cost curve)$/.test(t))
    return { kind: 'chart' };
  if (/^(show |the )?(the )?(full )?ranking( again)?$/.test(t)) return { kind: 'ranking' };
  if (/^(my |the |show (my |the )?)?answers( so far)?$/.test(t)) return { kind: 'answers' };
  const named = optionFollowUp(text, t, options, refs);
  if (named) return named;
  if ((m = /^compare (?:the )?top (two|2)( options)?$/.exec(t))) return { kind: 'compare' };
  if (
    (m = /^(?:compare|diff|difference between)\s+(.+?)\s+(?:and|with|to|vs\.?|versus|&)\s+(.+)$/.exec(t)) ??
    (m = /^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/.exec(t))
  ) {
    return compareIntent(m[1]!, m[2]!, options, refs);
  }
  if (/^compare$/.test(t)) return { kind: 'compare' };
  // Any "what if" is a sandboxed what-if, wherever it sits ("and what if ...", "ok so what if ...");
  // it must never fall through to the answer reader and change an answer silently.
  // "what about" and "how about" name an option (the table above) or, failing that, a change.
  const about = /^(?:and |so |ok |okay )?(?:what|how) about\s+(.+)$/.exec(plainWords(text));
  const supposed =
    /\b(?:what if|suppose|what would happen if)\s+(.+)$/.exec(t)?.[1] ?? (about ? normalise(about[1]!) : '');
  if (supposed) {
    // "black friday is 10x": an event that multiplies the traffic (and an answered peak with it).
    const event = supposed.replace(TRAFFIC_EVENT, 'traffic is ');
    // "10x traffic", "double the budget": the multiplier may come first.
    const swapped = event.replace(
      /^(\d*\.?\d+\s*x|x\s*\d*\.?\d+|double|twice|triple|half)\s+(?:the\s+)?(.+)$/,
      '$2 $1',
    );
    const phrase = swapped.replace(
      /^(we |it |they |i |you )?(had|have|has|use|used|run|ran|went|was|were|is|need|needed|needs|get|got)\s+/,
      '',
    );
    const change = parseChange(phrase) ?? choiceChange(phrase) ?? factChange(supposed);
    if (!change)
      return {
        kind: 'invalid',
        reason: `I can try one change at a time, e.g. "what if traffic is 10x" or "what if the budget is $300"; nothing was changed`,
      };
    if ('reason' in change) return { kind: 'invalid', reason: change.reason };
    return { kind: 'what-if', change };
  }
  if (/\bwhat if\b/.test(t))
    return {
      kind: 'invalid',
      reason: 'Try "what if traffic is 10x" or "what if we need a GPU"; nothing was changed',
    };
  if ((m = /^(?:actually |set |change |make |update )?(.+)$/.exec(t))) {
    const phrase = m[1]!;
    // An edit must say "is", "to", "=" or ":", so a plain answer like "20 rps" never reads as one.
    if (
      /\s(is|to|=|:|should be|will be|was)\s|:\s/.test(` ${phrase} `) ||
      /^(set|change|make|update)\s/.test(t)
    ) {
      const change = parseChange(phrase);
      if (change && !('reason' in change)) return { kind: 'edit', change };
      if (change && 'reason' in change) return { kind: 'invalid', reason: change.reason };
    }
  }
  return null;
}

/** Events people size traffic by; "what if black friday is 10x" is the traffic times ten. */
const TRAFFIC_EVENT =
  /^(?:black friday|cyber monday|christmas|the holidays|holiday season|peak season|launch day|the launch|a launch|launch|a sale|sale day|a spike|a traffic spike|the spike|a viral day|going viral)\s+(?:is|are|brings|means|hits|gives(?: us)?|=|at)\s+(?=\S*\d\s*x|x\s*\d|\d+\s*times|double|triple)/;

/** Short answers to a yes/no question ("Did you mean lambda?", "Overwrite it? (y/N)"), in one table. */
const REPLY_WORDS: Record<'yes' | 'no', readonly string[]> = {
  yes: [
    'y',
    'yes',
    'yeah',
    'yep',
    'yup',
    'sure',
    'ok',
    'okay',
    'please',
    'yes please',
    'go ahead',
    'that one',
  ],
  no: ['n', 'no', 'nope', 'no thanks', 'cancel', 'never mind', 'nevermind'],
};

/** "yes", "no", or null when the text is neither (then it is read as anything else). */
export function yesOrNo(text: string): 'yes' | 'no' | null {
  const t = text
    .toLowerCase()
    .replace(/[?!.,;]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return REPLY_WORDS.yes.includes(t) ? 'yes' : REPLY_WORDS.no.includes(t) ? 'no' : null;
}

/** Words a follow-up may start with, for "did you mean" on a mistyped one ("cheapst"). */
const FOLLOW_UP_WORDS = ['cheapest', 'compare', 'ranking', 'chart', 'help', 'quit', 'why', 'keep', 'answers'];

/** A near miss of a follow-up word or an option name, as a hint; null when nothing is close. */
export function suggestFor(text: string, options: readonly OptionRef[]): string | null {
  return suggestionFor(text, options)?.hint ?? null;
}

/**
 * "Did you mean" for a message not understood, with the follow-up it most likely meant when there
 * is exactly one, so that "yes" can run it.
 */
export function suggestionFor(
  text: string,
  options: readonly OptionRef[],
  refs?: RankRefs,
): { hint: string; intent?: Intent } | null {
  const t = normalise(text);
  const first = t.split(' ')[0] ?? '';
  const word = nearest(first, FOLLOW_UP_WORDS, 1)[0];
  if (word) {
    const fixed = [word, ...t.split(' ').slice(1)].join(' ');
    const intent = parseIntent(fixed, options, refs);
    const runs = intent && intent.kind !== 'invalid';
    return {
      hint: `Did you mean ${quoteValue(fixed)}?`,
      ...(runs ? { intent } : {}),
    };
  }
  const option = optionSuggestions(t, options);
  if (option.length === 1)
    return {
      hint: `Did you mean ${option[0]}? Ask "why ${option[0]}" or "why not ${option[0]}".`,
      intent: { kind: 'why', option: option[0]! },
    };
  if (option.length)
    return { hint: `Did you mean ${orList(option)}? Ask "why ${option[0]}" or "why not ${option[0]}".` };
  return null;
}

function optionIntent(
  phrase: string,
  options: readonly OptionRef[],
  refs: RankRefs | undefined,
  make: (id: string) => Intent,
): Intent {
  const found = matchOption(phrase, options, refs);
  if (!found) return unknownOption(phrase, options, make);
  if ('reason' in found) return { kind: 'invalid', reason: found.reason };
  return make(found.id);
}

function compareIntent(a: string, b: string, options: readonly OptionRef[], refs?: RankRefs): Intent {
  const ids: string[] = [];
  for (const phrase of [optionPhrase(a), optionPhrase(b)]) {
    const found = matchOption(phrase, options, refs);
    if (!found) return unknownOption(phrase, options);
    if ('reason' in found) return { kind: 'invalid', reason: found.reason };
    ids.push(found.id);
  }
  if (ids[0] === ids[1])
    return { kind: 'invalid', reason: 'those name the same option; name two different ones' };
  return { kind: 'compare', a: ids[0]!, b: ids[1]! };
}

function parseSlash(text: string, options: readonly OptionRef[], refs?: RankRefs): Intent {
  const [command = '', ...words] = text.slice(1).trim().split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const args = words.filter((w) => !w.startsWith('--'));
  const rest = args.join(' ');
  const option = (phrase: string) => matchOption(phrase, options, refs);
  const pick = (phrase: string, make: (id: string) => Intent) => optionIntent(phrase, options, refs, make);
  const name = command.toLowerCase();
  const unknownFlags = flags.filter((f) => !(name === 'scaffold' && f === '--force'));
  if (unknownFlags.length)
    return {
      kind: 'invalid',
      reason: `/${name} takes no ${unknownFlags.join(' ')}${name === 'scaffold' ? '; it knows --force' : ''}. It asks before overwriting anything.`,
    };
  switch (name) {
    case 'help':
    case 'h':
    case '?':
    case '':
      return { kind: 'help' };
    case 'why': {
      if (!rest) return { kind: 'why' };
      const not = /^not\s+(.+)$/.exec(rest);
      return not
        ? pick(not[1]!, (id) => ({ kind: 'why-not', option: id }))
        : pick(rest, (id) => ({ kind: 'why', option: id }));
    }
    case 'whynot':
      return rest
        ? pick(rest, (id) => ({ kind: 'why-not', option: id }))
        : { kind: 'invalid', reason: 'usage: /whynot OPTION' };
    case 'compare': {
      if (!rest || /^(the )?top (two|2)$/.test(rest)) return { kind: 'compare' };
      const parts = rest.split(/\s+(?:and|vs\.?|with|to)\s+|\s*,\s*/);
      if (parts.length === 2) return compareIntent(parts[0]!, parts[1]!, options, refs);
      if (args.length === 2) return compareIntent(args[0]!, args[1]!, options, refs);
      return {
        kind: 'invalid',
        reason: 'usage: /compare OPTION OPTION, e.g. /compare lambda ecs-fargate or /compare 1 3',
      };
    }
    case 'whatif':
    case 'what-if': {
      const change = parseChange(rest);
      if (!change)
        return {
          kind: 'invalid',
          reason: 'usage: /whatif ANSWER VALUE, e.g. /whatif traffic 10x or /whatif budget $300',
        };
      if ('reason' in change) return { kind: 'invalid', reason: change.reason };
      return { kind: 'what-if', change };
    }
    case 'keep':
      return { kind: 'keep' };
    case 'answers':
      return { kind: 'answers' };
    case 'cost': {
      if (!rest) return { kind: 'cost' };
      const found = option(rest);
      if (!found) return unknownOption(rest, options);
      return 'reason' in found
        ? { kind: 'invalid', reason: found.reason }
        : { kind: 'cost', option: found.id };
    }
    case 'cheapest':
      return { kind: 'cheapest' };
    case 'chart':
      return { kind: 'chart' };
    case 'ranking':
    case 'rank':
      return { kind: 'ranking' };
    case 'report':
      return args[0] ? { kind: 'report', file: args[0] } : { kind: 'report' };
    case 'scaffold': {
      const force = flags.includes('--force') ? { force: true } : {};
      if (args.length === 0) return { kind: 'scaffold', ...force };
      const found = option(args[0]!);
      if (found && 'id' in found)
        return args[1]
          ? { kind: 'scaffold', option: found.id, dir: args[1], ...force }
          : { kind: 'scaffold', option: found.id, ...force };
      if (args.length === 1) {
        const guesses = optionSuggestions(args[0]!, options);
        if (guesses.length)
          return {
            kind: 'invalid',
            reason: `${quoteValue(args[0]!)} is not an option; did you mean ${orList(guesses)}? (A folder name goes second: /scaffold OPTION DIR.)`,
          };
        return { kind: 'scaffold', dir: args[0]!, ...force };
      }
      return unknownOption(args[0]!, options);
    }
    case 'save':
      return args[0] ? { kind: 'save', file: args[0] } : { kind: 'save' };
    case 'back':
    case 'undo':
      return { kind: 'back' };
    case 'done':
    case 'skip':
      return { kind: 'done' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default: {
      const starts = COMMANDS.filter((c) => name && c.name.startsWith(name)).map((c) => c.name);
      const guess = starts.length ? starts.slice(0, 3) : nearest(name, COMMAND_WORDS, 2);
      return {
        kind: 'invalid',
        reason: `unknown command /${command}${guess.length ? `; did you mean ${orList(guess.map((g) => `/${g}`))}?` : ''} Type / to see the commands, or /help.`,
      };
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
