import type { Recommendation } from '../core/engine.js';
import { REQUIRED_KEYS, fieldLabel, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import { atWidth, robustnessLines, type Line } from './explain.js';
import { orList, type Intent, type OptionRef, type RankRefs } from './intents.js';
import { defaultOptionRefs } from './option-refs.js';
import { QUESTIONS, formatAnswer, questionFor, type Question } from './questions.js';
import { rankingLines } from './ranking-text.js';

/**
 * The conversation's state and the steps every part of it shares: saying something, logging a
 * turn, asking for a side effect, re-ranking, and moving the interview on. Pure.
 */

/**
 * The conversation as a pure reducer: the interview over every answers key, then follow-ups.
 * Side effects (writing files, quitting) are requested through `effects` and carried out by the
 * caller, which reports back with an `effect-result`. The ranking is recomputed on every change.
 */
export type Entry =
  | { id: number; kind: 'qa'; question: string; answer: string; note?: string }
  | { id: number; kind: 'user'; text: string }
  | { id: number; kind: 'reply'; lines: Line[] };

export type Effect =
  | { id: number; kind: 'save'; file: string; overwrite: boolean; draft: AnswerDraft }
  | { id: number; kind: 'report'; file: string; overwrite: boolean; draft: AnswerDraft }
  | { id: number; kind: 'scaffold'; option: string; dir: string; force: boolean; draft: AnswerDraft }
  | { id: number; kind: 'quit' };

/** An effect to run again once the person says yes (overwrite) or names another file or folder. */
export type Retry =
  Exclude<Effect, { kind: 'quit' }> extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never;

export interface Asked {
  key: AnswerKey;
  implied: boolean;
}

export interface Snapshot {
  draft: AnswerDraft;
  asked: Asked[];
  current: AnswerKey | null;
  label: string;
}

export interface State {
  draft: AnswerDraft;
  asked: Asked[];
  /** The question on screen; null once the interview is over. */
  current: AnswerKey | null;
  advisor: Advisor | null;
  loadError: string | null;
  recommendation: Recommendation | null;
  /** Why there is no ranking although the required answers are in (an answer the engine refused). */
  rankingError: string | null;
  transcript: Entry[];
  undo: Snapshot[];
  /** A file or folder already there, waiting for yes, no, or another name. */
  confirm: { prompt: string; retry: Retry } | null;
  /** Asked next, before the interview's own order: a field an ambiguous message left open. */
  askNext: AnswerKey | null;
  /** A default that replaces the field's own because the user's words rule that one out. */
  likely: { key: AnswerKey; value: string; why: string } | null;
  /** The last what-if, kept aside from the answers until "keep". */
  whatIf: { draft: AnswerDraft; label: string } | null;
  /** The follow-up a "did you mean …?" offered; "yes" next runs it, anything else drops it. */
  suggested: Intent | null;
  /** The answers as last saved (JSON), to know whether leaving loses any. */
  savedAs: string | null;
  effects: Effect[];
  nextId: number;
  width: number;
  color: boolean;
}

export function say(s: State, lines: Line[]): State {
  return {
    ...s,
    transcript: [...s.transcript, { id: s.nextId, kind: 'reply', lines }],
    nextId: s.nextId + 1,
  };
}

export function log(
  s: State,
  entry: Omit<Extract<Entry, { kind: 'qa' }>, 'id'> | Omit<Extract<Entry, { kind: 'user' }>, 'id'>,
): State {
  return { ...s, transcript: [...s.transcript, { ...entry, id: s.nextId } as Entry], nextId: s.nextId + 1 };
}

export function effect(
  s: State,
  e: Effect extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never,
): State {
  return { ...s, effects: [...s.effects, { ...e, id: s.nextId } as Effect], nextId: s.nextId + 1 };
}

export const hasRequired = (draft: AnswerDraft) => REQUIRED_KEYS.every((k) => draft[k] !== undefined);

/** Recomputes the ranking from the draft; an answer the engine refuses becomes `rankingError`. */
export function rerank(s: State): State {
  if (!s.advisor || !hasRequired(s.draft)) return { ...s, recommendation: null, rankingError: null };
  try {
    return { ...s, recommendation: s.advisor.advise(s.draft), rankingError: null };
  } catch (error) {
    return { ...s, recommendation: null, rankingError: errorText(error) };
  }
}

/** Said when the prices in use are not the answered region's (no bundled snapshot for it). */
export function regionNote(s: State): Line[] {
  const note = s.recommendation?.pricing.regionNote;
  return note ? [{ text: note, tone: 'warn' }] : [];
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: readonly string[] }).details ?? [];
  return [error.message, ...details].join('; ');
}

/** The question on screen, with its default replaced when the user's words ruled the usual one out. */
export function currentQuestion(s: State): Question | null {
  if (!s.current) return null;
  const q = questionFor(s.current);
  if (s.likely?.key !== s.current) return q;
  // Every value stays on offer ("none" too): the words made another one likelier, not certain.
  return {
    ...q,
    hint: `${q.choices ? q.choices.join(', ') : q.hint}; ${s.likely.why}`,
    defaultText: s.likely.value,
  };
}

/** Moves to the next question, filling in what the other answers imply on the way. */
export function advance(s: State): State {
  let state = s;
  if (s.askNext && !s.asked.some((a) => a.key === s.askNext)) {
    return rerank({ ...s, current: s.askNext, askNext: null });
  }
  if (s.askNext) state = { ...s, askNext: null };
  for (const q of QUESTIONS) {
    if (state.asked.some((a) => a.key === q.key)) continue;
    const implied = q.implied?.(state.draft);
    if (implied) {
      const draft = { ...state.draft };
      if (implied.value !== undefined) draft[q.key] = implied.value;
      state = log(
        { ...state, draft, asked: [...state.asked, { key: q.key, implied: true }] },
        {
          kind: 'qa',
          question: q.prompt,
          answer: implied.value === undefined ? 'skipped' : formatAnswer(q.key, implied.value),
          note: implied.why,
        },
      );
      continue;
    }
    return rerank({ ...state, current: q.key });
  }
  const finished = rerank({ ...state, current: null });
  return s.current !== null ? summarise(finished) : finished;
}

/** Said once, when the interview ends: the leader and what to ask next. */
export function summarise(s: State, opening = 'That is every question.'): State {
  const rec = s.recommendation;
  if (!rec) {
    return say(s, [
      {
        text: s.rankingError ?? `${opening} The ranking appears once the rules base has loaded.`,
      },
    ]);
  }
  const top = rec.ranking[0]!;
  if (!top.feasible) {
    return say(s, [
      { text: `${opening} No option can serve this workload with these answers.`, tone: 'bold' },
      ...nearestBlockers(rec),
      ...rankingLines(rec, s.width),
      {
        text: 'Try "what if ..." with one of the answers above, or /back to change the last one.',
        tone: 'dim',
      },
    ]);
  }
  return say(s, [
    { text: `${opening} ${top.name} leads with score ${top.score}.`, tone: 'bold' },
    ...rankingLines(rec, s.width),
    ...atWidth(s.width, () => robustnessLines(rec)),
    {
      text: 'Ask "why the top pick?", "compare the top two", "why not lambda?", "what if traffic is 10x", "cheapest", /chart, /save or /help.',
      tone: 'dim',
    },
  ]);
}

/** When nothing is feasible: the options with the fewest blockers, and what blocks them. */
function nearestBlockers(rec: Recommendation): Line[] {
  const fewest = Math.min(...rec.ranking.map((r) => r.blockers.length));
  const nearest = rec.ranking.filter((r) => r.blockers.length === fewest).slice(0, 3);
  return [
    { text: `Nearest (${fewest} blocker${fewest === 1 ? '' : 's'} each); change what these name:` },
    ...nearest.flatMap((r) =>
      r.blockers.map((b) => ({ text: `  ${r.option}: ${b.text}`, tone: 'warn' as const })),
    ),
  ];
}

export function optionRefs(s: State): OptionRef[] {
  return s.advisor?.options ?? defaultOptionRefs();
}

/** The ranking as follow-ups refer to it ("#2", "the cheapest feasible"). */
export function rankRefs(s: State): RankRefs | undefined {
  const rec = s.recommendation;
  if (!rec) return undefined;
  const cheapest = rec.ranking
    .filter((r) => r.feasible && r.monthlyCostUsd !== null)
    .sort((a, b) => a.monthlyCostUsd! - b.monthlyCostUsd!)[0];
  return { order: rec.ranking.map((r) => r.option), cheapest: cheapest?.option };
}

/** The required answers still missing, by their display names. */
export function missingText(draft: AnswerDraft): string {
  return orList(REQUIRED_KEYS.filter((k) => draft[k] === undefined).map(fieldLabel)).replace(
    / or ([^,]*)$/,
    ' and $1',
  );
}

/** Whether leaving now would lose answers: something given that no /save has written. */
export function unsaved(s: State): boolean {
  return Object.keys(s.draft).length > 0 && JSON.stringify(s.draft) !== s.savedAs;
}
