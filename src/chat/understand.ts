import type { AnswerDraft, AnswerKey } from './answer-keys.js';
import {
  advance,
  hasRequired,
  regionNote,
  rerank,
  say,
  type Snapshot,
  type State,
} from './conversation-core.js';
import { atWidth, diffRankings, type Line } from './explain.js';
import type { Extraction, Fact } from './extract.js';
import { describeAnswer, formatAnswer } from './questions.js';
import { fieldLabel } from './answer-keys.js';

/**
 * Applies what a message said (extract.ts) to the answers: new answers are echoed in one line of
 * what was understood, changed ones as before → after, and what could not be decided is asked.
 * During the interview the next question is then the first one still open; after it, what moved
 * in the ranking is shown.
 */
export function applyFacts(s: State, given: Extraction): State {
  const found = checkPeak(s.draft, withPeakTimes(s.draft, given));
  const draft: AnswerDraft = { ...s.draft };
  const understood: string[] = [];
  const changed: string[] = [];
  const asked = [...s.asked];
  for (const fact of found.facts) {
    const old = s.draft[fact.key];
    if (old === fact.value) continue;
    draft[fact.key] = fact.value;
    const answered = asked.some((a) => a.key === fact.key) && old !== undefined;
    if (answered)
      changed.push(
        `${fieldLabel(fact.key)} ${formatAnswer(fact.key, old)} → ${formatAnswer(fact.key, fact.value)}${fact.note ? ` (${fact.note})` : ''}`,
      );
    else understood.push(`${describeAnswer(fact.key, fact.value)}${fact.note ? ` (${fact.note})` : ''}`);
    if (!asked.some((a) => a.key === fact.key)) asked.push({ key: fact.key, implied: false });
  }
  const same = found.facts.filter((f) => s.draft[f.key] === f.value).map((f) => fieldLabel(f.key));
  const lines: Line[] = [];
  if (understood.length) lines.push({ text: `Understood: ${understood.join(' · ')}.`, tone: 'accent' });
  if (changed.length) lines.push({ text: `Changed: ${changed.join(' · ')}.`, tone: 'accent' });
  if (!understood.length && !changed.length && same.length)
    lines.push({ text: `That is what I have already (${same.join(', ')}).`, tone: 'dim' });
  for (const u of found.unclear) lines.push({ text: u.question, tone: 'warn' });
  const asking = found.unclear.find((u) => u.ask && draft[u.ask] === undefined);
  const askNext = asking?.ask ?? null;
  const likely = asking?.ask && asking.likely ? { key: asking.ask, ...asking.likely } : s.likely;

  if (!understood.length && !changed.length) {
    const next =
      askNext && s.current !== null
        ? advance({ ...s, askNext, likely })
        : { ...s, askNext: askNext ?? s.askNext, likely };
    return say(next, lines);
  }
  const before = s.recommendation;
  const snapshot: Snapshot = {
    draft: s.draft,
    asked: s.asked,
    current: s.current,
    label: `the answers before "${[...understood, ...changed].map(labelOf).join(', ')}"`,
  };
  const next = rerank({ ...s, draft, asked, undo: [...s.undo, snapshot], whatIf: null });
  if (next.rankingError && hasRequired(draft)) {
    return say(s, [{ text: `Not taken: ${next.rankingError}`, tone: 'warn' }]);
  }
  const region = found.facts.some((f) => f.key === 'region') ? regionNote(next) : [];
  const moved =
    before && next.recommendation && s.current === null
      ? atWidth(s.width, () => diffRankings(before, next.recommendation!))
      : [];
  const withLines = say({ ...next, askNext: askNext ?? next.askNext, likely }, [
    ...lines,
    ...region,
    ...moved,
  ]);
  // During the interview: on to the first question still open (or the one left unclear).
  return s.current !== null ? advance(withLines) : withLines;
}

/** "peaks of 4x": the peak from the average said with it, else the one answered; else a question. */
function withPeakTimes(draft: AnswerDraft, found: Extraction): Extraction {
  if (!found.peakTimes) return found;
  const { times, said } = found.peakTimes;
  const average = found.facts.find((f) => f.key === 'requestsPerSecond')?.value ?? draft.requestsPerSecond;
  if (typeof average !== 'number')
    return {
      ...found,
      unclear: [
        ...found.unclear,
        { question: `Peaks of ${times}x what? Tell me the average request rate too, e.g. "30 rps".` },
      ],
    };
  const peak: Fact = {
    key: 'peakRequestsPerSecond',
    value: Math.round(average * times * 1000) / 1000,
    said,
    note: `${times} × the average ${formatAnswer('requestsPerSecond', average)}`,
  };
  return { ...found, facts: [...found.facts, peak] };
}

/**
 * A peak below the average is a misreading or a slip: it is asked about, never taken. Checked on
 * the answers as they would be, so "actually avg is 80, peak 300" applies both at once.
 */
function checkPeak(draft: AnswerDraft, found: Extraction): Extraction {
  const value = (key: AnswerKey) => found.facts.find((f) => f.key === key)?.value ?? draft[key];
  const average = value('requestsPerSecond');
  const peak = value('peakRequestsPerSecond');
  if (typeof average !== 'number' || typeof peak !== 'number' || peak >= average) return found;
  const dropped = found.facts.some((f) => f.key === 'peakRequestsPerSecond')
    ? 'peakRequestsPerSecond'
    : 'requestsPerSecond';
  return {
    ...found,
    facts: found.facts.filter((f) => f.key !== dropped),
    unclear: [
      ...found.unclear,
      {
        question: `Not taken: the peak (${formatAnswer('peakRequestsPerSecond', peak)}) is below the average (${formatAnswer('requestsPerSecond', average)}). Which is the peak?`,
        ask: 'peakRequestsPerSecond',
      },
    ],
  };
}

function labelOf(text: string): string {
  return text.split(' ').slice(0, 2).join(' ');
}

export type { AnswerKey };
