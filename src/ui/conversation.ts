import type { Recommendation } from '../core/engine.js';
import { REQUIRED_KEYS, DEFAULTS, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import { costChart } from './cost-chart.js';
import {
  atWidth,
  cheapest,
  compare,
  costBreakdown,
  diffRankings,
  why,
  whyNot,
  type Line,
} from './explain.js';
import { HELP_LINES, parseIntent, type Change, type Intent, type OptionRef } from './intents.js';
import { parseAnswerFor } from './parse-answer.js';
import { QUESTIONS, formatAnswer, questionFor } from './questions.js';
import { rankingLines } from './ranking-text.js';
import { defaultOptionRefs } from './option-refs.js';

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
  | { id: number; kind: 'report'; file: string; draft: AnswerDraft }
  | { id: number; kind: 'scaffold'; option: string; dir: string; draft: AnswerDraft }
  | { id: number; kind: 'quit' };

interface Asked {
  key: AnswerKey;
  implied: boolean;
}

interface Snapshot {
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
  /** A file /save found already there, waiting for yes or no. */
  confirm: { file: string } | null;
  effects: Effect[];
  nextId: number;
  width: number;
  color: boolean;
}

export type Action =
  | { type: 'submit'; text: string }
  | { type: 'ready'; advisor: Advisor }
  | { type: 'load-failed'; message: string }
  | { type: 'effect-result'; id: number; lines: Line[]; exists?: string }
  | { type: 'effects-taken'; ids: number[] }
  | { type: 'resize'; width: number };

/** An answer found elsewhere (a notebook), shown with where it came from and not asked again. */
export interface Prefill {
  key: AnswerKey;
  value: string | number;
  note: string;
}

export function initialState(
  opts: {
    /** Said before anything else (the interactive chat's greeting). */
    intro?: Line[];
    draft?: AnswerDraft;
    from?: string;
    prefill?: Prefill[];
    width?: number;
    color?: boolean;
  } = {},
): State {
  const base: State = {
    draft: {},
    asked: [],
    current: null,
    advisor: null,
    loadError: null,
    recommendation: null,
    rankingError: null,
    transcript: [],
    undo: [],
    confirm: null,
    effects: [],
    nextId: 1,
    width: opts.width ?? 80,
    color: opts.color ?? false,
  };
  if (opts.intro) base.transcript.push({ id: base.nextId++, kind: 'reply', lines: opts.intro });
  if (opts.draft) {
    const asked = (Object.keys(opts.draft) as AnswerKey[]).map((key) => ({ key, implied: false }));
    const s = { ...base, draft: { ...opts.draft }, asked };
    const missing = REQUIRED_KEYS.filter((k) => s.draft[k] === undefined);
    const loaded = say(s, [
      { text: `Loaded the answers from ${opts.from ?? 'the file'}.`, tone: 'bold' },
      ...(missing.length ? [{ text: `Still needed: ${missing.join(', ')}.`, tone: 'warn' as const }] : []),
    ]);
    return missing.length ? advance(loaded) : loaded;
  }
  let state = base;
  for (const p of opts.prefill ?? []) {
    state = log(
      {
        ...state,
        draft: { ...state.draft, [p.key]: p.value },
        asked: [...state.asked, { key: p.key, implied: false }],
      },
      { kind: 'qa', question: questionFor(p.key).prompt, answer: formatAnswer(p.key, p.value), note: p.note },
    );
  }
  return advance(state);
}

function say(s: State, lines: Line[]): State {
  return {
    ...s,
    transcript: [...s.transcript, { id: s.nextId, kind: 'reply', lines }],
    nextId: s.nextId + 1,
  };
}

function log(
  s: State,
  entry: Omit<Extract<Entry, { kind: 'qa' }>, 'id'> | Omit<Extract<Entry, { kind: 'user' }>, 'id'>,
): State {
  return { ...s, transcript: [...s.transcript, { ...entry, id: s.nextId } as Entry], nextId: s.nextId + 1 };
}

function effect(
  s: State,
  e: Effect extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never,
): State {
  return { ...s, effects: [...s.effects, { ...e, id: s.nextId } as Effect], nextId: s.nextId + 1 };
}

export const hasRequired = (draft: AnswerDraft) => REQUIRED_KEYS.every((k) => draft[k] !== undefined);

/** Recomputes the ranking from the draft; an answer the engine refuses becomes `rankingError`. */
function rerank(s: State): State {
  if (!s.advisor || !hasRequired(s.draft)) return { ...s, recommendation: null, rankingError: null };
  try {
    return { ...s, recommendation: s.advisor.advise(s.draft), rankingError: null };
  } catch (error) {
    return { ...s, recommendation: null, rankingError: errorText(error) };
  }
}

/** Said when the prices in use are not the answered region's (no bundled snapshot for it). */
function regionNote(s: State): Line[] {
  const rec = s.recommendation;
  const region = s.draft.region;
  if (!rec || typeof region !== 'string' || rec.pricing.region === region) return [];
  return [
    {
      text: `There are no ${rec.pricing.source} prices for ${region} here; the costs use ${rec.pricing.region} prices (start with --pricing live for ${region}).`,
      tone: 'warn',
    },
  ];
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: readonly string[] }).details ?? [];
  return [error.message, ...details].join('; ');
}

/** Moves to the next question, filling in what the other answers imply on the way. */
function advance(s: State): State {
  let state = s;
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
function summarise(s: State, opening = 'That is every question.'): State {
  const rec = s.recommendation;
  if (!rec) {
    return say(s, [
      {
        text: s.rankingError ?? `${opening} The ranking appears once the rules base has loaded.`,
      },
    ]);
  }
  const top = rec.ranking[0]!;
  return say(s, [
    { text: `${opening} ${top.name} leads with score ${top.score}.`, tone: 'bold' },
    {
      text: 'Ask "why not lambda?", "compare X and Y", "what if traffic is 10x", "cheapest", /chart or /help.',
      tone: 'dim',
    },
  ]);
}

export function optionRefs(s: State): OptionRef[] {
  return s.advisor?.options ?? defaultOptionRefs();
}

export function reduce(s: State, action: Action): State {
  switch (action.type) {
    case 'ready': {
      const warned = action.advisor.warnings?.length
        ? say(
            s,
            action.advisor.warnings.map((text) => ({ text: `warning: ${text}`, tone: 'warn' as const })),
          )
        : s;
      const ready = rerank({ ...warned, advisor: action.advisor, loadError: null });
      return ready.current === null && s.current === null && !s.recommendation && s.transcript.length
        ? summarise(ready, 'The ranking is ready.')
        : ready;
    }
    case 'load-failed':
      return say({ ...s, loadError: action.message }, [
        { text: `Could not load the rules base or prices: ${action.message}`, tone: 'bad' },
      ]);
    case 'effects-taken':
      return { ...s, effects: s.effects.filter((e) => !action.ids.includes(e.id)) };
    case 'effect-result':
      if (action.exists) {
        return say({ ...s, confirm: { file: action.exists } }, action.lines);
      }
      return say(s, action.lines);
    case 'resize':
      return { ...s, width: action.width };
    case 'submit':
      return submit(s, action.text);
  }
}

function submit(s: State, raw: string): State {
  const text = raw.trim();
  if (s.confirm) {
    const file = s.confirm.file;
    const next = log({ ...s, confirm: null }, { kind: 'user', text: text || '(no)' });
    if (/^y(es)?$/i.test(text)) return effect(next, { kind: 'save', file, overwrite: true, draft: s.draft });
    return say(next, [{ text: `Not saved; ${file} is unchanged.` }]);
  }
  if (s.current !== null) return answerQuestion(s, s.current, text);
  if (!text) return s;
  const intent = parseIntent(text, optionRefs(s));
  const logged = log(s, { kind: 'user', text });
  if (!intent) {
    return say(logged, [
      { text: `I did not understand "${text}". Type /help for what I can answer.`, tone: 'warn' },
    ]);
  }
  return followUp(logged, intent);
}

function answerQuestion(s: State, key: AnswerKey, text: string): State {
  const q = questionFor(key);
  if (text === '') {
    if (q.defaultText === undefined) {
      return say(s, [{ text: `This one has no default; I need an answer (${q.hint}).`, tone: 'warn' }]);
    }
    const state = log(
      { ...s, undo: [], asked: [...s.asked, { key, implied: false }] },
      {
        kind: 'qa',
        question: q.prompt,
        answer: q.defaultText,
        note: 'default',
      },
    );
    return advance(state);
  }
  // A follow-up or command typed in the middle of the interview is honoured; the question stays.
  const intent =
    text.startsWith('/') || !parseAnswerFor(key, text).ok ? parseIntent(text, optionRefs(s)) : null;
  if (intent && intent.kind !== 'invalid') return followUp(log(s, { kind: 'user', text }), intent);
  const parsed = parseAnswerFor(key, text);
  if (!parsed.ok) {
    const reason = intent?.kind === 'invalid' && text.startsWith('/') ? intent.reason : parsed.reason;
    return say(log(s, { kind: 'user', text }), [{ text: reason, tone: 'warn' }]);
  }
  const draft = { ...s.draft, [key]: parsed.value };
  const next = rerank({ ...s, draft });
  if (next.rankingError && !s.rankingError) {
    return say(log(s, { kind: 'user', text }), [{ text: next.rankingError, tone: 'warn' }]);
  }
  const state = log(
    { ...next, undo: [], asked: [...s.asked, { key, implied: false }] },
    {
      kind: 'qa',
      question: q.prompt,
      answer: formatAnswer(key, parsed.value),
    },
  );
  const note = key === 'region' ? regionNote(next) : [];
  return advance(note.length ? say(state, note) : state);
}

function needRanking(s: State): Line[] | null {
  if (s.recommendation) return null;
  if (s.rankingError) return [{ text: `There is no ranking: ${s.rankingError}`, tone: 'warn' }];
  if (!hasRequired(s.draft)) {
    const missing = REQUIRED_KEYS.filter((k) => s.draft[k] === undefined);
    return [{ text: `The ranking needs ${missing.join(', ')} first.`, tone: 'warn' }];
  }
  return [
    {
      text: s.loadError
        ? `The rules base did not load: ${s.loadError}`
        : 'The rules base and prices are still loading.',
      tone: 'warn',
    },
  ];
}

function followUp(s: State, intent: Intent): State {
  const rec = s.recommendation;
  const withRanking = (make: (r: Recommendation, advisor: Advisor) => Line[]): State => {
    const missing = needRanking(s);
    return missing
      ? say(s, missing)
      : say(
          s,
          atWidth(s.width, () => make(rec!, s.advisor!)),
        );
  };
  switch (intent.kind) {
    case 'invalid':
      return say(s, [{ text: intent.reason, tone: 'warn' }]);
    case 'help':
      return say(
        s,
        HELP_LINES.map((text, i) => ({ text, ...(i === 0 ? { tone: 'bold' as const } : {}) })),
      );
    case 'why':
      return withRanking((r, a) => why(r, a.knowledge, intent.option));
    case 'why-not':
      return withRanking((r, a) => whyNot(r, a.knowledge, intent.option));
    case 'compare':
      return withRanking((r, a) => {
        const first = intent.a ?? r.ranking[0]!.option;
        const second = intent.b ?? r.ranking.find((x) => x.option !== first)!.option;
        return compare(r, a.knowledge, first, second, s.width);
      });
    case 'cheapest':
      return withRanking((r) => cheapest(r));
    case 'cost':
      return withRanking((r) => costBreakdown(r, intent.option));
    case 'chart':
      return withRanking((r, a) => costChart(r, a.curves(s.draft), { width: s.width, color: s.color }));
    case 'ranking':
      return withRanking((r) => rankingLines(r, s.width));
    case 'edit':
    case 'what-if':
      return change(s, intent.change, intent.kind === 'what-if');
    case 'back':
      return back(s);
    case 'done':
      return done(s);
    case 'quit':
      return effect(say(s, [{ text: 'Bye.' }]), { kind: 'quit' });
    case 'save': {
      const file = intent.file ?? 'answers.yaml';
      if (!/\.(ya?ml|json)$/i.test(file))
        return say(s, [{ text: `${file}: use a .yaml, .yml or .json name`, tone: 'warn' }]);
      return effect(s, { kind: 'save', file, overwrite: false, draft: s.draft });
    }
    case 'report': {
      const missing = needRanking(s);
      if (missing) return say(s, missing);
      return effect(s, { kind: 'report', file: intent.file ?? 'RECOMMENDATION.md', draft: s.draft });
    }
    case 'scaffold': {
      const missing = needRanking(s);
      if (missing) return say(s, missing);
      const option = intent.option ?? rec!.ranking[0]!.option;
      const name = String(s.draft.projectName ?? DEFAULTS.projectName);
      const dir = intent.dir ?? `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}-${option}`;
      return effect(s, { kind: 'scaffold', option, dir, draft: s.draft });
    }
  }
}

function currentValue(s: State, key: AnswerKey): number | null {
  const given = s.draft[key];
  if (typeof given === 'number') return given;
  if (given === null) return null;
  const fallback = DEFAULTS[key];
  if (typeof fallback === 'number') return fallback;
  const w = s.recommendation?.workload;
  if (key === 'peakRequestsPerSecond' && w) return w.peakRequestsPerSecond;
  if (key === 'inferenceMs' && w) return w.inferenceMs;
  return null;
}

/** An answer edit or a what-if: one answer changes, the ranking is recomputed, and what moved is shown. */
function change(s: State, c: Change, whatIf: boolean): State {
  let value: string | number | null;
  if ('multiply' in c) {
    const now = currentValue(s, c.key);
    if (now === null)
      return say(s, [
        { text: `${c.key} has no number to multiply yet; give its new value instead.`, tone: 'warn' },
      ]);
    value = Math.round(now * c.multiply * 1000) / 1000;
  } else {
    value = c.value;
  }
  const before = s.recommendation;
  const old = s.draft[c.key];
  const draft: AnswerDraft = { ...s.draft, [c.key]: value };
  // Scaling the traffic scales an answered peak with it.
  if ('multiply' in c && c.key === 'requestsPerSecond' && typeof s.draft.peakRequestsPerSecond === 'number') {
    draft.peakRequestsPerSecond = Math.round(s.draft.peakRequestsPerSecond * c.multiply * 1000) / 1000;
  }
  const asked = s.asked.some((a) => a.key === c.key) ? s.asked : [...s.asked, { key: c.key, implied: false }];
  const snapshot: Snapshot = {
    draft: s.draft,
    asked: s.asked,
    current: s.current,
    label: `${c.key} back to ${formatAnswer(c.key, old)}`,
  };
  const next = rerank({ ...s, draft, asked, undo: [...s.undo, snapshot] });
  if (next.rankingError && hasRequired(draft)) {
    return say(s, [{ text: `Not changed: ${next.rankingError}`, tone: 'warn' }]);
  }
  const head: Line = {
    text: `${whatIf ? 'What if' : 'Changed'}: ${c.key} ${formatAnswer(c.key, old)} → ${formatAnswer(c.key, value)}${whatIf ? ' (applied; /back undoes it)' : ''}`,
    tone: 'accent',
  };
  const moved =
    before && next.recommendation ? atWidth(s.width, () => diffRankings(before, next.recommendation!)) : [];
  // Answering a question by editing it moves the interview on.
  const advanced = next.current === c.key ? advance(next) : next;
  return say(advanced, [head, ...(c.key === 'region' ? regionNote(next) : []), ...moved]);
}

function back(s: State): State {
  // The last change is undone first; answering a question commits the changes before it.
  if (s.undo.length) {
    const last = s.undo[s.undo.length - 1]!;
    const before = s.recommendation;
    const restored = rerank({
      ...s,
      draft: last.draft,
      asked: last.asked,
      current: last.current,
      undo: s.undo.slice(0, -1),
    });
    const moved =
      before && restored.recommendation
        ? atWidth(s.width, () => diffRankings(before, restored.recommendation!))
        : [];
    return say(restored, [{ text: `Undone: ${last.label}.`, tone: 'accent' }, ...moved]);
  }
  const asked = [...s.asked];
  const draft = { ...s.draft };
  let popped: Asked | undefined;
  while ((popped = asked.pop())) {
    delete draft[popped.key];
    if (!popped.implied) break;
  }
  if (!popped) return say(s, [{ text: 'This is the first question; there is nothing to go back to.' }]);
  return rerank({ ...s, draft, asked, current: popped.key });
}

function done(s: State): State {
  if (s.current === null) return say(s, [{ text: 'The interview is already over; ask away.' }]);
  const missing = REQUIRED_KEYS.filter((k) => s.draft[k] === undefined);
  if (missing.length)
    return say(s, [{ text: `I still need ${missing.join(', ')}: they have no default.`, tone: 'warn' }]);
  const rest = QUESTIONS.filter((q) => !s.asked.some((a) => a.key === q.key)).map((q) => ({
    key: q.key,
    implied: true,
  }));
  return summarise(rerank({ ...s, asked: [...s.asked, ...rest], current: null }));
}
