import { describe, expect, it } from 'vitest';
import { createAdvisor } from '../../src/chat/advisor.js';
import { currentQuestion, initialState, reduce, type State } from '../../src/chat/conversation.js';

const advisor = createAdvisor();

function start(): State {
  return reduce(initialState(), { type: 'ready', advisor });
}
function type(state: State, ...texts: string[]): State {
  return texts.reduce((s, text) => reduce(s, { type: 'submit', text }), state);
}
function lastReply(state: State): string {
  const e = [...state.transcript].reverse().find((x) => x.kind === 'reply');
  return e && e.kind === 'reply' ? e.lines.map((l) => l.text).join('\n') : '';
}
const PLAIN = ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'];
const ranked = () => type(start(), ...PLAIN, '/done');

describe('what-if phrasings are always sandboxed', () => {
  for (const text of ['what if we need a GPU', 'and what if we need a GPU', 'ok so what if we need a gpu?']) {
    it(`"${text}" tries GPU required without changing the answers`, () => {
      const before = ranked();
      const s = type(before, text);
      expect(s.draft.gpu).toBe(before.draft.gpu);
      expect(s.whatIf?.draft.gpu).toBe('required');
      expect(lastReply(s)).toMatch(/What if: GPU/);
      expect(lastReply(s)).not.toMatch(/Understood/);
    });
  }
  it('an unreadable what-if changes nothing and says so', () => {
    const before = ranked();
    const s = type(before, 'and what if blah blah');
    expect(s.draft).toEqual(before.draft);
    expect(lastReply(s)).toMatch(/nothing was changed/);
  });
});

describe('a default never contradicts what the user said', () => {
  it('"we run Kubernetes" then Enter records eks, not none', () => {
    let s = type(start(), 'sklearn', 'we run Kubernetes');
    expect(s.current).toBe('kubernetes');
    const q = currentQuestion(s)!;
    expect(q.defaultText).toBe('eks');
    expect(q.choices).not.toContain('none');
    expect(q.hint).toMatch(/you said/);
    s = type(s, '');
    expect(s.draft.kubernetes).toBe('eks');
  });
});
