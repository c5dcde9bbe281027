import { describe, expect, it } from 'vitest';
import { lastReply, start, type } from './support.js';
import { currentQuestion, reduce } from '../../src/chat/conversation.js';
import { headline } from '../../src/chat/ranking-text.js';

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
    // "none" stays on offer: the words make EKS likelier, not certain (the lead's review).
    expect(q.choices).toContain('none');
    expect(q.hint).toMatch(/you said/);
    s = type(s, '');
    expect(s.draft.kubernetes).toBe('eks');
  });
});

describe('when nothing is feasible', () => {
  it('says no option can serve it, names the nearest blockers, and ranks none first', () => {
    let s = type(start(), 'sklearn', '', '', '20 requests per second', '', '1 ms', '$800 per month');
    while (s.current !== null) s = type(s, '');
    expect(s.recommendation!.ranking.every((r) => !r.feasible)).toBe(true);
    const text = lastReply(s);
    expect(text).toMatch(/No option can serve this workload/);
    expect(text).not.toMatch(/leads with score/);
    expect(text).toMatch(/Nearest/);
    expect(text).not.toMatch(/^\s*1\s/m);
  });
});

describe('/ranking at 80 columns', () => {
  it('wraps every reason whole instead of cutting it', () => {
    const s = type(ranked(), '/ranking');
    const rec = s.recommendation!;
    const text = lastReply(s);
    expect(text).not.toMatch(/…/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const flat = text.replace(/\s+/g, ' ');
    for (const r of rec.ranking) expect(flat).toContain(headline(r).replace(/\s+/g, ' '));
  });
});

describe('a command at an overwrite question cancels it and runs', () => {
  it('"/ranking" at "(y/N, or type another folder)" is not taken as the folder', () => {
    const s = ranked();
    const retry = {
      kind: 'scaffold' as const,
      option: 'lambda' as const,
      dir: 'victim',
      force: false,
      draft: s.draft,
    };
    const asked = reduce(s, {
      type: 'effect-result',
      id: 1,
      lines: [],
      confirm: { prompt: 'victim is not empty. Write into it? (y/N, or type another folder)', retry },
    });
    const after = type(asked, '/ranking');
    expect(after.confirm).toBeNull();
    expect(after.effects.some((e) => e.kind === 'scaffold' && e.dir === '/ranking')).toBe(false);
    expect(
      after.transcript
        .map((e) => (e.kind === 'reply' ? e.lines.map((l) => l.text).join(' ') : ''))
        .join('\n'),
    ).toMatch(/Nothing written; victim is unchanged/);
  });
});
