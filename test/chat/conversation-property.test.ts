import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_KEYS } from '../../src/core/answers.js';
import { createAdvisor } from '../../src/chat/advisor.js';
import { hasRequired, initialState, reduce, type State } from '../../src/chat/conversation.js';
import { parseIntent } from '../../src/chat/intents.js';
import { optionRefsFrom } from '../../src/chat/option-refs.js';

const advisor = createAdvisor();

const FRAGMENTS = [
  'sklearn',
  'pytorch',
  'keras',
  'hf',
  'cobol',
  '',
  '',
  '',
  'no',
  'yes',
  'maybe',
  'spiky',
  'batch',
  '20 rps',
  '3M a month',
  '0',
  '-3',
  '1e9 rps',
  '250 ms',
  'none',
  '2 s',
  '$800 per month',
  '$0',
  '$1e12',
  '14 GB',
  '0 MB',
  'eu-central-1',
  'mars',
  'why not lambda?',
  'why?',
  'why teleport?',
  'compare lambda and eks',
  'lambda vs lambda',
  'what if traffic is 10x',
  'what if traffic is 0x',
  'what if the budget is $300',
  'what if latency doubles',
  'budget is $5',
  'gpu is required',
  'region is us-east-1',
  'cheapest',
  '/cost',
  '/cost eks',
  '/why',
  '/compare',
  '/back',
  '/back',
  '/done',
  '/ranking',
  '/help',
  '/whatif peak 3x',
  '/frobnicate',
  'asdf',
  'y',
  'n',
  '/save',
  '🚀 机器学习',
  'x'.repeat(300),
];

/** Every state the reducer reaches keeps these, whatever was typed. */
function invariants(s: State): void {
  expect(s.current === null || ANSWER_KEYS.includes(s.current)).toBe(true);
  const ids = s.transcript.map((e) => e.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);
  if (s.recommendation) {
    expect(hasRequired(s.draft)).toBe(true);
    expect(s.recommendation.ranking).toHaveLength(10);
  }
  if (hasRequired(s.draft) && !s.rankingError) expect(s.recommendation).not.toBeNull();
  for (const e of s.transcript) {
    if (e.kind === 'reply') for (const line of e.lines) expect(typeof line.text).toBe('string');
  }
}

describe('the conversation under any input', () => {
  it('never throws, and keeps its invariants', () => {
    let reachedRanking = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }),
        (ranked, inputs) => {
          let s = reduce(initialState(), { type: 'ready', advisor });
          // Half the runs start from a ranking, so the follow-ups have something to work on.
          const prefix = ranked ? ['sklearn', '', '', '20 rps', '', '250 ms', '$800'] : [];
          for (const text of [...prefix, ...inputs]) {
            s = reduce(s, { type: 'submit', text });
            // Effects are requested, never carried out by the reducer.
            s = reduce(s, { type: 'effects-taken', ids: s.effects.map((e) => e.id) });
            invariants(s);
          }
          if (ranked) reachedRanking++;
        },
      ),
      { numRuns: 150 },
    );
    expect(reachedRanking).toBeGreaterThan(20);
  });

  it('never reads a plain number with a unit as a follow-up', () => {
    const options = optionRefsFrom(advisor.knowledge);
    const units = ['rps', 'requests per second', 'per minute', 'a month', 'ms', 's', 'MB', 'GB', 'KB', ''];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(...units),
        fc.boolean(),
        (n, unit, dollar) => {
          const text = `${dollar ? '$' : ''}${n.toFixed(2)} ${unit}`.trim();
          expect(parseIntent(text, options)).toBeNull();
        },
      ),
    );
  });
});
