import type { Recommendation } from '../core/engine.js';
import { ANSWER_KEYS } from '../core/answer-fields.js';
import { DEFAULTS, fieldLabel, type AnswerDraft, type AnswerKey } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import {
  advance,
  effect,
  errorText,
  hasRequired,
  missingText,
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
import { QUESTIONS, describeAnswer, formatAnswer } from './questions.js';
import { rankingLines } from './ranking-text.js';
import { quoteValue } from '../core/sanitize.js';

/**
 * What the chat does with a follow-up: answers from the ranking and the rules base, answer edits
 * and what-ifs that re-rank and show what moved, /back, /done, and the side effects it asks for.
 */

export function needRanking(s: State): Line[] | null {
  if (s.recommendation) return null;
  if (s.rankingError) return [{ text: `There is no ranking: ${s.rankingError}`, tone: 'warn' }];
  if (!hasRequired(s.draft)) {
    return [{ text: `The ranking needs the ${missingText(s.draft)} first.`, tone: 'warn' }];
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
      // A suggestion is offered only after the interview: during it, "yes" answers the question.
      return offer(s, intent.reason, intent.suggestion);
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
      return change(s, intent.change);
    case 'what-if':
      return whatIf(s, intent.change);
    case 'keep':
      return keep(s);
    case 'answers':
      return say(s, answersLines(s));
    case 'back':
      return back(s);
    case 'done':
      return done(s);
    case 'quit':
      return effect(say(s, [{ text: 'Bye.' }]), { kind: 'quit' });
    case 'save': {
      const file = intent.file ?? 'answers.yaml';
      if (!/\.(ya?ml|json)$/i.test(file))
        return say(s, [{ text: `${quoteValue(file)}: use a .yaml, .yml or .json name`, tone: 'warn' }]);
      return effect(s, { kind: 'save', file, overwrite: false, draft: s.draft });
    }
    case 'report': {
      const missing = needRanking(s);
      if (missing) return say(s, missing);
      return effect(s, {
        kind: 'report',
        file: intent.file ?? 'RECOMMENDATION.md',
        overwrite: false,
        draft: s.draft,
      });
    }
    case 'scaffold': {
      const missing = needRanking(s);
      if (missing) return say(s, missing);
      const option = intent.option ?? rec!.ranking[0]!.option;
      const name = String(s.draft.projectName ?? DEFAULTS.projectName);
      const dir = intent.dir ?? `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}-${option}`;
      return effect(s, { kind: 'scaffold', option, dir, force: intent.force ?? false, draft: s.draft });
    }
  }
}

/**
 * Says what was not understood and keeps the follow-up it most likely meant, which "yes" then
 * runs. Only after the interview: during it, "yes" answers the question on screen.
 */
export function offer(s: State, text: string, suggestion: Intent | undefined): State {
  const kept = s.current === null && !s.confirm ? (suggestion ?? null) : null;
  return say({ ...s, suggested: kept }, [{ text: kept ? `${text} (y runs it)` : text, tone: 'warn' }]);
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

/**
 * What a field holds now, as a person reads it: the answer, else the default or the estimate the
 * ranking uses, said so ("none (default)"), never a bare "(default)" that hides the value.
 */
export function valueNow(s: State, key: AnswerKey): string {
  const given = s.draft[key];
  if (given !== undefined) return formatAnswer(key, given);
  const fallback = DEFAULTS[key];
  if (fallback !== undefined) return `${formatAnswer(key, fallback)} (default)`;
  const estimated = currentValue(s, key);
  return estimated === null ? 'not given' : `${formatAnswer(key, estimated)} (estimated)`;
}

/** The new value a change asks for, or why it cannot be applied. */
function resolveChange(s: State, c: Change): { value: string | number | null } | { reason: string } {
  if (!('multiply' in c)) return { value: c.value };
  const now = currentValue(s, c.key);
  if (now === null)
    return { reason: `The ${fieldLabel(c.key)} has no number to multiply yet; give its new value instead.` };
  return { value: Math.round(now * c.multiply * 1000) / 1000 };
}

function changedDraft(s: State, c: Change, value: string | number | null): AnswerDraft {
  const draft: AnswerDraft = { ...s.draft, [c.key]: value };
  // Scaling the traffic scales an answered peak with it.
  if ('multiply' in c && c.key === 'requestsPerSecond' && typeof s.draft.peakRequestsPerSecond === 'number') {
    draft.peakRequestsPerSecond = Math.round(s.draft.peakRequestsPerSecond * c.multiply * 1000) / 1000;
  }
  return draft;
}

/** An answer edit: one answer changes, the ranking is recomputed, and what moved is shown. */
export function change(s: State, c: Change): State {
  const resolved = resolveChange(s, c);
  if ('reason' in resolved) return say(s, [{ text: resolved.reason, tone: 'warn' }]);
  const value = resolved.value;
  const before = s.recommendation;
  const draft = changedDraft(s, c, value);
  const asked = s.asked.some((a) => a.key === c.key) ? s.asked : [...s.asked, { key: c.key, implied: false }];
  const snapshot: Snapshot = {
    draft: s.draft,
    asked: s.asked,
    current: s.current,
    label: `${fieldLabel(c.key)} back to ${valueNow(s, c.key)}`,
  };
  const next = rerank({ ...s, draft, asked, undo: [...s.undo, snapshot], whatIf: null });
  if (next.rankingError && hasRequired(draft)) {
    return say(s, [{ text: `Not changed: ${next.rankingError}`, tone: 'warn' }]);
  }
  const head: Line = {
    text: `Changed: ${fieldLabel(c.key)} ${valueNow(s, c.key)} → ${formatAnswer(c.key, value)}`,
    tone: 'accent',
  };
  const moved =
    before && next.recommendation ? atWidth(s.width, () => diffRankings(before, next.recommendation!)) : [];
  // Answering a question by editing it moves the interview on.
  const advanced = next.current === c.key ? advance(next) : next;
  return say(advanced, [head, ...noteLines(c), ...(c.key === 'region' ? regionNote(next) : []), ...moved]);
}

/** How a change's words were read, when that is not what they said (p99 read as p95). */
function noteLines(c: Change): Line[] {
  return c.note ? [{ text: `  ${c.note}.`, tone: 'warn' }] : [];
}

/**
 * A what-if is a sandbox: it starts from the answers (never from an earlier what-if), shows what
 * would move, and changes nothing until "keep".
 */
export function whatIf(s: State, c: Change): State {
  const missing = needRanking(s);
  if (missing) return say(s, missing);
  const resolved = resolveChange(s, c);
  if ('reason' in resolved) return say(s, [{ text: resolved.reason, tone: 'warn' }]);
  const draft = changedDraft(s, c, resolved.value);
  const label = `${fieldLabel(c.key)} ${valueNow(s, c.key)} → ${formatAnswer(c.key, resolved.value)}`;
  let after;
  try {
    after = s.advisor!.advise(draft);
  } catch (error) {
    return say(s, [{ text: `Cannot try that: ${errorText(error)}`, tone: 'warn' }]);
  }
  return say({ ...s, whatIf: { draft, label } }, [
    { text: `What if: ${label}`, tone: 'accent' },
    ...noteLines(c),
    {
      text: '  Tried from your answers alone (earlier what-ifs are not included); nothing changed. "keep" applies it.',
      tone: 'dim',
    },
    ...atWidth(s.width, () => diffRankings(s.recommendation!, after)),
  ]);
}

/** "keep": the last what-if becomes the answers. */
function keep(s: State): State {
  if (!s.whatIf) return say(s, [{ text: 'There is no what-if to keep; try "what if traffic is 10x".' }]);
  const before = s.recommendation;
  const keys = ANSWER_KEYS.filter((k) => s.whatIf!.draft[k] !== s.draft[k]);
  const asked = [
    ...s.asked,
    ...keys.filter((k) => !s.asked.some((a) => a.key === k)).map((key) => ({ key, implied: false })),
  ];
  const snapshot: Snapshot = {
    draft: s.draft,
    asked: s.asked,
    current: s.current,
    label: `the answers before "${s.whatIf.label}"`,
  };
  const next = rerank({ ...s, draft: s.whatIf.draft, asked, undo: [...s.undo, snapshot], whatIf: null });
  const moved =
    before && next.recommendation ? atWidth(s.width, () => diffRankings(before, next.recommendation!)) : [];
  return say(next, [{ text: `Kept: ${s.whatIf.label}. /back undoes it.`, tone: 'accent' }, ...moved]);
}

/** What has been answered, by display name, and what is still open. */
function answersLines(s: State): Line[] {
  const given = ANSWER_KEYS.filter((k) => s.draft[k] !== undefined);
  const lines: Line[] = given.length
    ? [
        { text: 'Your answers:', tone: 'bold' },
        ...given.map((k) => ({ text: `  ${describeAnswer(k, s.draft[k])}` })),
      ]
    : [{ text: 'No answers yet.' }];
  if (!hasRequired(s.draft)) lines.push({ text: `Still needed: the ${missingText(s.draft)}.`, tone: 'warn' });
  return lines;
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
  if (!hasRequired(s.draft))
    return say(s, [
      { text: `I still need the ${missingText(s.draft)}: they have no default.`, tone: 'warn' },
    ]);
  const rest = QUESTIONS.filter((q) => !s.asked.some((a) => a.key === q.key)).map((q) => ({
    key: q.key,
    implied: true,
  }));
  return summarise(rerank({ ...s, asked: [...s.asked, ...rest], current: null }));
}
