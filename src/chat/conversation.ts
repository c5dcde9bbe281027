import { REQUIRED_KEYS, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import {
  advance,
  effect,
  log,
  optionRefs,
  rerank,
  say,
  summarise,
  regionNote,
  type State,
} from './conversation-core.js';
import type { Line } from './explain.js';
import { followUp } from './follow-ups.js';
import { parseIntent } from './intents.js';
import { parseAnswerFor } from './parse-answer.js';
import { formatAnswer, questionFor } from './questions.js';

/**
 * The conversation as a pure reducer: the interview over every answers key, then follow-ups
 * (follow-ups.ts). Side effects (writing files, quitting) are requested through `effects` and
 * carried out by the caller, which reports back with an `effect-result`. The ranking is
 * recomputed on every change.
 */
export { hasRequired, optionRefs, type Effect, type Entry, type State } from './conversation-core.js';

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
