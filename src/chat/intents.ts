import { ANSWER_KEYS, FIELDS, type AnswerKey } from '../core/answer-fields.js';
import { normalise, parseAnswerFor, SYNONYMS } from './parse-answer.js';

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

export type Change = { key: AnswerKey; value: string | number | null } | { key: AnswerKey; multiply: number };

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
  | { kind: 'scaffold'; option?: string; dir?: string }
  | { kind: 'save'; file?: string }
  | { kind: 'back' }
  | { kind: 'done' }
  | { kind: 'quit' }
  /** Understood as a follow-up, but something in it is wrong: say what. */
  | { kind: 'invalid'; reason: string };

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
  'Ask in plain words or use a command:',
  '  why not lambda?        why an option ranks where it does (also: why ecs-fargate?)',
  '  compare lambda and eks side by side (/compare A B)',
  '  what if traffic is 10x re-rank with one answer changed (/whatif budget $300)',
  '  budget is $300         change an answer (any question: "latency is 100 ms")',
  '  cheapest               the cheapest option that works',
  '  /cost [option]         the modelled bill, line by line',
  '  /chart                 monthly cost against traffic for the leading options',
  '  /ranking               show the ranking again',
  '  /report [file]         write the recommendation report (Markdown)',
  '  /scaffold [option] [dir]  generate the starter repo',
  '  /save [file]           save the answers (YAML or JSON by extension)',
  '  /back                  the previous question, or undo the last change',
  '  /done                  skip the remaining questions (defaults apply)',
  '  /quit                  leave (Ctrl+C works too)',
];

/** Finds the option a phrase names: id, name or alias, loosely; null if none, a reason if several. */
export function matchOption(
  text: string,
  options: readonly OptionRef[],
): { id: string } | { reason: string } | null {
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
    return { reason: `"${text.trim()}" could be ${[...best.ids].join(' or ')}; which one?` };
  return null;
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
  return { key: field.key, value: parsed.value };
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

function readMultiplier(text: string): number | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const m =
    /^(?:x\s*)?(\d*\.?\d+)\s*(?:x|times|fold|times as much|times more)(?: as much| more| higher| bigger)?$/.exec(
      t,
    ) ?? /^x\s*(\d*\.?\d+)$/.exec(t);
  if (m) return Number(m[1]);
  if (/^(doubles?|doubled|twice( as much)?)$/.test(t)) return 2;
  if (/^(triples?|tripled)$/.test(t)) return 3;
  if (/^(halves|halved|half|is halved)$/.test(t)) return 0.5;
  const pct = /^(up|down) (\d*\.?\d+)\s*%$/.exec(t);
  if (pct) return pct[1] === 'up' ? 1 + Number(pct[2]) / 100 : 1 - Number(pct[2]) / 100;
  return null;
}

/** Parses one line of follow-up. Null when it is not a follow-up at all (maybe a plain answer). */
export function parseIntent(input: string, options: readonly OptionRef[]): Intent | null {
  const text = input.trim();
  if (text.startsWith('/')) return parseSlash(text, options);
  const t = normalise(text);
  let m: RegExpExecArray | null;

  if (/^(help|\?|what can i (ask|do|say))$/.test(t)) return { kind: 'help' };
  if (/^(quit|exit|bye|q)$/.test(t)) return { kind: 'quit' };
  if (
    /^(cheapest|whats the cheapest|which is cheapest|what is the cheapest|cheapest option|the cheapest one)( one| option)?$/.test(
      t,
    )
  )
    return { kind: 'cheapest' };
  if (/^(show |draw )?(the )?(chart|cost chart|cost vs traffic|cost against traffic|cost curve)$/.test(t))
    return { kind: 'chart' };
  if (/^(show |the )?(the )?ranking$/.test(t)) return { kind: 'ranking' };

  if ((m = /^why (?:not|isnt|is not|no|wouldnt|dont you pick|not pick|not use)\s+(.+)$/.exec(t))) {
    return optionIntent(m[1]!, options, (option) => ({ kind: 'why-not', option }));
  }
  if ((m = /^why(?: is| did you pick| pick| choose| recommend| would)?\s*(.*)$/.exec(t))) {
    const rest = m[1]!
      .replace(/\b(it|that|this|one|first|on top|the best|best|recommended|ranked first|winning|win)\b/g, '')
      .trim();
    if (!rest) return { kind: 'why' };
    return optionIntent(rest, options, (option) => ({ kind: 'why', option }));
  }
  if (
    (m = /^(?:compare|diff|difference between)\s+(.+?)\s+(?:and|with|to|vs\.?|versus)\s+(.+)$/.exec(t)) ??
    (m = /^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/.exec(t))
  ) {
    return compareIntent(m[1]!, m[2]!, options);
  }
  if (/^compare$/.test(t)) return { kind: 'compare' };
  if ((m = /^(?:how much (?:is|does|would)|what does|cost of|price of)\s+(.+?)(?:\s+cost)?$/.exec(t))) {
    const found = matchOption(m[1]!, options);
    if (found && 'id' in found) return { kind: 'cost', option: found.id };
  }
  if ((m = /^what if\s+(.+)$/.exec(t))) {
    const phrase = m[1]!.replace(/^(we |it |they )?(had|have|use|used|run|ran|went|was|were|is)\s+/, '');
    const change = parseChange(phrase) ?? choiceChange(phrase);
    if (!change)
      return {
        kind: 'invalid',
        reason: `I can change one answer at a time, e.g. "what if traffic is 10x" or "what if the budget is $300"`,
      };
    if ('reason' in change) return { kind: 'invalid', reason: change.reason };
    return { kind: 'what-if', change };
  }
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

function optionIntent(phrase: string, options: readonly OptionRef[], make: (id: string) => Intent): Intent {
  const found = matchOption(phrase, options);
  if (!found)
    return {
      kind: 'invalid',
      reason: `I do not know an option called "${phrase}"; options: ${options.map((o) => o.id).join(', ')}`,
    };
  if ('reason' in found) return { kind: 'invalid', reason: found.reason };
  return make(found.id);
}

function compareIntent(a: string, b: string, options: readonly OptionRef[]): Intent {
  const ids: string[] = [];
  for (const phrase of [a, b]) {
    const found = matchOption(phrase, options);
    if (!found)
      return {
        kind: 'invalid',
        reason: `I do not know an option called "${phrase}"; options: ${options.map((o) => o.id).join(', ')}`,
      };
    if ('reason' in found) return { kind: 'invalid', reason: found.reason };
    ids.push(found.id);
  }
  if (ids[0] === ids[1])
    return { kind: 'invalid', reason: 'those name the same option; name two different ones' };
  return { kind: 'compare', a: ids[0]!, b: ids[1]! };
}

function parseSlash(text: string, options: readonly OptionRef[]): Intent {
  const [command = '', ...args] = text.slice(1).trim().split(/\s+/);
  const rest = args.join(' ');
  const option = (phrase: string) => matchOption(phrase, options);
  switch (command.toLowerCase()) {
    case 'help':
    case 'h':
    case '?':
      return { kind: 'help' };
    case 'why': {
      if (!rest) return { kind: 'why' };
      const not = /^not\s+(.+)$/.exec(rest);
      return not
        ? optionIntent(not[1]!, options, (id) => ({ kind: 'why-not', option: id }))
        : optionIntent(rest, options, (id) => ({ kind: 'why', option: id }));
    }
    case 'whynot':
      return rest
        ? optionIntent(rest, options, (id) => ({ kind: 'why-not', option: id }))
        : { kind: 'invalid', reason: 'usage: /whynot OPTION' };
    case 'compare': {
      if (!rest) return { kind: 'compare' };
      const parts = rest.split(/\s+(?:and|vs\.?|with|to)\s+|\s*,\s*/);
      if (parts.length === 2) return compareIntent(parts[0]!, parts[1]!, options);
      if (args.length === 2) return compareIntent(args[0]!, args[1]!, options);
      return { kind: 'invalid', reason: 'usage: /compare OPTION OPTION, e.g. /compare lambda ecs-fargate' };
    }
    case 'whatif':
    case 'what-if': {
      const change = parseChange(rest);
      if (!change)
        return {
          kind: 'invalid',
          reason: 'usage: /whatif FIELD VALUE, e.g. /whatif traffic 10x or /whatif budget $300',
        };
      if ('reason' in change) return { kind: 'invalid', reason: change.reason };
      return { kind: 'what-if', change };
    }
    case 'cost': {
      if (!rest) return { kind: 'cost' };
      const found = option(rest);
      if (!found) return { kind: 'invalid', reason: `I do not know an option called "${rest}"` };
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
      if (args.length === 0) return { kind: 'scaffold' };
      const found = option(args[0]!);
      if (found && 'id' in found)
        return args[1]
          ? { kind: 'scaffold', option: found.id, dir: args[1] }
          : { kind: 'scaffold', option: found.id };
      if (args.length === 1) return { kind: 'scaffold', dir: args[0]! };
      return {
        kind: 'invalid',
        reason: `I do not know an option called "${args[0]}"; usage: /scaffold [option] [dir]`,
      };
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
    default:
      return { kind: 'invalid', reason: `unknown command /${command}; type /help for the list` };
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
