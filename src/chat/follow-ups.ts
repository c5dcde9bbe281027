import type { Recommendation } from '../core/engine.js';
import { REQUIRED_KEYS, DEFAULTS, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import {
  advance,
  effect,
  hasRequired,
  regionNote,
  rerank,
  say,
  summarise,
  type Asked,
  type Snapshot,
  type State,
} from './conversation-core.js';
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
import { HELP_LINES, type Change, type Intent } from './intents.js';
import { QUESTIONS, formatAnswer } from './questions.js';
import { rankingLines } from './ranking-text.js';

/**
 * What the chat does with a follow-up: answers from the ranking and the rules base, answer edits
 * and what-ifs that re-rank and show what moved, /back, /done, and the side effects it asks for.
 */

export function needRanking(s: State): Line[] | null {
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

export function followUp(s: State, intent: Intent): State {
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

export function currentValue(s: State, key: AnswerKey): number | null {
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
export function change(s: State, c: Change, whatIf: boolean): State {
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

export function back(s: State): State {
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

export function done(s: State): State {
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
