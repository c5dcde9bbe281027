import { REQUIRED_KEYS, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import {
  advance,
  effect,
  log,
  missingText,
  optionRefs,
  rankRefs,
  rerank,
  say,
  summarise,
  regionNote,
  currentQuestion,
  type State,
} from './conversation-core.js';
import type { Line } from './explain.js';
import { extractFacts } from './extract.js';
import { followUp, offer } from './follow-ups.js';
import { parseIntent, suggestFor, suggestionFor, yesOrNo } from './intents.js';
import { looksLikeQuestion, parseAnswerFor, parseChoice, perNightNote, SYNONYMS } from './parse-answer.js';
import { describeAnswer, formatAnswer, questionFor } from './questions.js';
import { cleanInput, MAX_LINE, safeLine } from './safe-text.js';
import { applyFacts } from './understand.js';
import { quoteValue } from '../core/sanitize.js';

/**
 * The conversation as a pure reducer: the interview over every answers key, then follow-ups
 * (follow-ups.ts). Every message is read for all the answers it gives (extract.ts), so a person
 * can describe the workload in a sentence and is asked only what remains. Side effects (writing
 * files, quitting) are requested through `effects` and carried out by the caller, which reports
 * back with an `effect-result`. The ranking is recomputed on every change.
 */
export {
  currentQuestion,
  hasRequired,
  optionRefs,
  unsaved,
  type Effect,
  type Entry,
  type Retry,
  type State,
} from './conversation-core.js';

export type Action =
  | { type: 'submit'; text: string }
  | { type: 'ready'; advisor: Advisor }
  | { type: 'load-failed'; message: string }
  | {
      type: 'effect-result';
      id: number;
      lines: Line[];
      confirm?: State['confirm'];
      saved?: AnswerDraft;
    }
  | { type: 'effects-taken'; ids: number[] }
  /** Ctrl+C: drops a pending y/N question (nothing is written) and a "did you mean" offer. */
  | { type: 'cancel' }
  | { type: 'resize'; width: number };

/** An answer found elsewhere (a notebook), shown with where it came from and not asked again. */
export interface Prefill {
  key: AnswerKey;
  value: string | number;
  note: string;
}

/** Terminals that report no size (some CI ones) are laid out at 80 columns; never below 40. */
export function usableWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(40, columns) : 80;
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
    askNext: null,
    likely: null,
    whatIf: null,
    suggested: null,
    savedAs: null,
    effects: [],
    nextId: 1,
    width: usableWidth(opts.width),
    color: opts.color ?? false,
  };
  if (opts.intro) base.transcript.push({ id: base.nextId++, kind: 'reply', lines: opts.intro });
  let state = base;
  // A notebook's findings first; an answers file given as well overrides them (as recommend does).
  for (const p of opts.prefill ?? []) {
    // The answers file wins over the notebook, as in `recommend --answers X --from-notebook NB`.
    if (opts.draft && opts.draft[p.key] !== undefined && opts.draft[p.key] !== p.value) continue;
    state = log(
      {
        ...state,
        draft: { ...state.draft, [p.key]: p.value },
        asked: [...state.asked, { key: p.key, implied: false }],
      },
      {
        kind: 'qa',
        question: questionFor(p.key).prompt,
        answer: formatAnswer(p.key, p.value),
        note: safeLine(p.note),
      },
    );
  }
  if (opts.draft) {
    const asked = [
      ...state.asked,
      ...(Object.keys(opts.draft) as AnswerKey[])
        .filter((key) => !state.asked.some((a) => a.key === key))
        .map((key) => ({ key, implied: false })),
    ];
    const s = { ...state, draft: { ...state.draft, ...opts.draft }, asked };
    s.savedAs = JSON.stringify(s.draft);
    const missing = REQUIRED_KEYS.filter((k) => s.draft[k] === undefined);
    const loaded = say(s, [
      { text: `Loaded the answers from ${safeLine(opts.from ?? 'the file')}.`, tone: 'bold' },
      ...(missing.length ? [{ text: `Still needed: ${missingText(s.draft)}.`, tone: 'warn' as const }] : []),
    ]);
    return missing.length ? advance(loaded) : loaded;
  }
  return advance(state);
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
    case 'effect-result': {
      const next = action.saved ? { ...s, savedAs: JSON.stringify(action.saved) } : s;
      return say(action.confirm ? { ...next, confirm: action.confirm } : next, action.lines);
    }
    case 'cancel':
      return cancel(s);
    case 'resize':
      return { ...s, width: usableWidth(action.width) };
    case 'submit':
      return submit(s, action.text);
  }
}

function submit(s: State, raw: string): State {
  const { text: cleaned, cut } = cleanInput(raw);
  const text = cleaned.trim();
  const warned = cut
    ? say(s, [
        {
          text: `That line was ${formatCount(cut + MAX_LINE)} characters; I read the first ${formatCount(MAX_LINE)}.`,
          tone: 'warn',
        },
      ])
    : s;
  if (warned.confirm) return confirmed(warned, text);
  if (warned.current !== null) return answerQuestion(warned, warned.current, text);
  if (!text) return warned;
  // A "did you mean …?" holds for one message: "yes" runs what it offered, "no" lets it go.
  const offered = warned.suggested;
  const next = log({ ...warned, suggested: null }, { kind: 'user', text });
  const reply = offered ? yesOrNo(text) : null;
  if (reply === 'yes') return followUp(next, offered!);
  if (reply === 'no') return say(next, [{ text: 'Then say it another way, or type /help.' }]);
  return freeText(next, text, null);
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Ctrl+C at a y/N question: the question goes, and nothing is written. */
function cancel(s: State): State {
  if (!s.confirm) return s.suggested ? { ...s, suggested: null } : s;
  const cleared = { ...s, suggested: null };
  const { retry } = s.confirm;
  const what = retry.kind === 'scaffold' ? retry.dir : retry.file;
  return say({ ...cleared, confirm: null }, [{ text: `Cancelled; nothing written, ${what} is unchanged.` }]);
}

/** The answer to "overwrite it? (y/N, or another name)". */
function confirmed(s: State, text: string): State {
  const { retry } = s.confirm!;
  // A command typed (or piped) at the question is a command, never a folder or file name: the
  // question is dropped and the command runs, so "/ranking" cannot become a folder at the root.
  if (text.startsWith('/')) {
    const what = retry.kind === 'scaffold' ? retry.dir : retry.file;
    return submit(say({ ...s, confirm: null }, [{ text: `Nothing written; ${what} is unchanged.` }]), text);
  }
  const next = log({ ...s, confirm: null }, { kind: 'user', text: text || '(no)' });
  const reply = yesOrNo(text);
  if (reply === 'yes') {
    if (retry.kind === 'scaffold') return effect(next, { ...retry, force: true });
    return effect(next, { ...retry, overwrite: true });
  }
  if (text && reply !== 'no' && !/\s/.test(text)) {
    if (retry.kind === 'scaffold') return effect(next, { ...retry, dir: text, force: false });
    return effect(next, { ...retry, file: text, overwrite: false });
  }
  const what = retry.kind === 'scaffold' ? retry.dir : retry.file;
  return say(next, [{ text: `Nothing written; ${what} is unchanged.` }]);
}

/** The whole message as the value of the question on screen: "sklearn", "20 rps", "2", "ml-recs". */
function strictAnswer(key: AnswerKey, text: string) {
  if (SYNONYMS[key]) {
    const t = text
      .toLowerCase()
      .replace(/[?!.,;]+$/g, '')
      .trim();
    const exact = Object.entries(SYNONYMS[key]).some(([v, words]) => v === t || words.includes(t));
    return exact || /^\d+$/.test(t) ? parseChoice(key, text) : null;
  }
  const parsed = parseAnswerFor(key, text);
  return parsed.ok ? parsed : null;
}

function answerQuestion(s: State, key: AnswerKey, text: string): State {
  const q = currentQuestion(s) ?? questionFor(key);
  if (text === '' && s.likely?.key === key) return record({ ...s, likely: null }, key, s.likely.value, '');
  if (text === '') {
    if (q.defaultText === undefined) {
      return say(s, [{ text: `This one has no default; I need an answer (${q.hint}).`, tone: 'warn' }]);
    }
    const state = log(
      { ...s, undo: [], asked: [...s.asked, { key, implied: false }] },
      { kind: 'qa', question: q.prompt, answer: q.defaultText, note: 'default' },
    );
    return advance(state);
  }
  if (text.startsWith('/')) {
    const intent = parseIntent(text, optionRefs(s), rankRefs(s));
    return followUp(log(s, { kind: 'user', text }), intent!);
  }
  const strict = strictAnswer(key, text);
  if (strict?.ok) return record(s, key, strict.value, text);
  return freeText(log(s, { kind: 'user', text }), text, key);
}

/** Records the answer to the question on screen and moves on. */
function record(s: State, key: AnswerKey, value: string | number | null, text: string): State {
  const q = questionFor(key);
  const draft = { ...s.draft, [key]: value };
  const { requestsPerSecond: average, peakRequestsPerSecond: peak } = draft;
  if (typeof average === 'number' && typeof peak === 'number' && peak < average)
    return say(log(s, { kind: 'user', text }), [
      {
        text: `Not taken: the peak (${formatAnswer('peakRequestsPerSecond', peak)}) is below the average (${formatAnswer('requestsPerSecond', average)}). Which is the peak?`,
        tone: 'warn',
      },
    ]);
  const next = rerank({ ...s, draft });
  if (next.rankingError && !s.rankingError) {
    return say(log(s, { kind: 'user', text }), [{ text: next.rankingError, tone: 'warn' }]);
  }
  const night =
    typeof value === 'number' && (key === 'requestsPerSecond' || key === 'peakRequestsPerSecond')
      ? perNightNote(text, value)
      : null;
  const state = log(
    { ...next, undo: [], asked: [...s.asked, { key, implied: false }] },
    {
      kind: 'qa',
      question: q.prompt,
      answer: formatAnswer(key, value),
      ...(night ? { note: night } : {}),
    },
  );
  const note = key === 'region' ? regionNote(next) : [];
  return advance(note.length ? say(state, note) : state);
}

/**
 * A message that is not simply the answer on screen: a follow-up ("why not lambda?"), answers in
 * a sentence ("30 rps with peaks of 200 at lunch"), a correction ("actually 100ms at p95"), or a
 * loose answer ("we use scikit-learn mostly"). `key` is the question on screen, if any.
 */
function freeText(s: State, text: string, key: AnswerKey | null): State {
  // A name keeps its case and loses its quotes: "project name is 'Recs API'".
  const name = /^(?:the )?project(?: name)?\s+(?:is|to|=|:|should be)\s+(.+)$/i.exec(text);
  if (name) {
    const value = name[1]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    return followUp(s, { kind: 'edit', change: { key: 'projectName', value } });
  }
  const intent = parseIntent(text, optionRefs(s), rankRefs(s));
  if (intent && intent.kind !== 'invalid' && intent.kind !== 'edit') return followUp(s, intent);
  const question = looksLikeQuestion(text);
  if (!question) {
    const found = extractFacts(text, key);
    if (found.facts.length || found.unclear.length) return applyFacts(s, found);
  }
  if (intent?.kind === 'edit') return followUp(s, intent);
  if (key && !question) {
    const loose = parseAnswerFor(key, text);
    if (loose.ok) return recordLoose(s, key, loose.value);
  }
  if (intent?.kind === 'invalid') return followUp(s, intent);
  if (key) {
    const reason = parseAnswerFor(key, text);
    const why = reason.ok ? '' : reason.reason;
    const hint = question ? suggestFor(text, optionRefs(s)) : null;
    return say(s, [
      {
        text: question
          ? `I cannot answer that here. ${hint ?? 'Ask once the ranking is up, or type /help.'} The question is still: ${questionFor(key).prompt}`
          : why,
        tone: 'warn',
      },
    ]);
  }
  const hint = suggestionFor(text, optionRefs(s), rankRefs(s));
  return offer(
    s,
    `I did not understand ${quoteValue(text)}.${hint ? ` ${hint.hint}` : ''} Type /help for what I can answer.`,
    hint?.intent,
  );
}

/** A loose answer to the question on screen, already logged as the user's words. */
function recordLoose(s: State, key: AnswerKey, value: string | number | null): State {
  const draft = { ...s.draft, [key]: value };
  const next = rerank({ ...s, draft });
  if (next.rankingError && !s.rankingError) return say(s, [{ text: next.rankingError, tone: 'warn' }]);
  const state = say({ ...next, undo: [], asked: [...s.asked, { key, implied: false }] }, [
    { text: `Understood: ${describeAnswer(key, value)}.`, tone: 'accent' },
  ]);
  return advance(state);
}
