import { describe, expect, it } from 'vitest';
import { advisor, lastReply, start, type } from './support.js';
import { currentQuestion, reduce, type State } from '../../src/chat/conversation.js';
import { entryText } from '../../src/chat/line-mode.js';
import { FIELDS } from '../../src/core/answer-fields.js';

/** What an impatient engineering lead typed that the chat did not handle (issue 13, second pass). */
const SENTENCE =
  'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s';
const ranked = () => type(start(), SENTENCE, '/done');

describe('follow-ups about one option, in any of the table phrasings', () => {
  const cases: [string, (s: State) => string][] = [
    ['what about lambda', () => 'lambda'],
    ['and how about ecs fargate?', () => 'ecs-fargate'],
    ['tell me more about the cheapest', (s) => cheapestOf(s)],
    ['tell me about #2', (s) => s.recommendation!.ranking[1]!.option],
    ['can you tell me a bit more about the top pick', (s) => s.recommendation!.ranking[0]!.option],
    ['more on the third one', (s) => s.recommendation!.ranking[2]!.option],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" explains the option it names`, () => {
      const before = ranked();
      const s = type(before, text);
      const option = expected(before);
      const name = advisor.options.find((o) => o.id === option)!.name;
      expect(lastReply(s)).toMatch(new RegExp(`^${escape(name)}.*#\\d+ of 10`));
      expect(lastReply(s)).not.toMatch(/did not understand/);
      expect(s.draft).toEqual(before.draft);
    });
  }

  it('"how about 10x traffic" and "what about traffic doubling" are what-ifs, not options', () => {
    const before = ranked();
    for (const text of ['how about 10x traffic', 'what about traffic doubling']) {
      const s = type(before, text);
      expect(lastReply(s)).toMatch(/^What if: request rate 30 requests\/s → (300|60) requests\/s/);
      expect(s.draft).toEqual(before.draft);
    }
  });
});

describe('fresh phrasings of the issue items', () => {
  it('a second one-sentence workload fills every answer it gives, the peak after "avg spiking to"', () => {
    const s = type(
      start(),
      'its a torch model ~1.2GB, 15 rps avg spiking to 90, p99 120ms, 3k/mo budget, we have our own k8s',
    );
    expect(s.draft).toMatchObject({
      framework: 'pytorch',
      requestsPerSecond: 15,
      peakRequestsPerSecond: 90,
      latencyP95Ms: 120,
      monthlyBudgetUsd: 3000,
      kubernetes: 'self-managed',
    });
    expect(s.draft.modelSizeMb).toBeGreaterThan(1000);
    expect(lastReply(s)).not.toMatch(/two values/);
  });
  it('"which one is cheapest?" and "whats cheapest" name the cheapest option that works', () => {
    for (const text of ['which one is cheapest?', 'whats cheapest', 'which option is the cheapest'])
      expect(lastReply(type(ranked(), text))).toMatch(/^Cheapest that works: /);
  });
  it('a question typed at the project name is not taken as the name', () => {
    let s = type(start(), SENTENCE);
    while (s.current !== 'projectName') s = type(s, '');
    const asked = type(s, 'how much would lambda cost?');
    expect(asked.draft.projectName).toBeUndefined();
  });
});

describe('"yes" after a "did you mean"', () => {
  it('runs the follow-up the typo most likely meant: y, yes, yeah', () => {
    // Fargate is the top pick for these answers since latency fit is scored from each option's
    // margins (Lambda's 11 s start from zero against the 150 ms target costs it points), so "why
    // not" asks about Lambda, which ranks below it.
    for (const yes of ['y', 'yes', 'Yeah.']) {
      const asked = type(ranked(), 'why not lamda');
      expect(lastReply(asked)).toMatch(/Did you mean lambda\? \(y runs it\)/);
      const s = type(asked, yes);
      expect(lastReply(s)).toMatch(/^AWS Lambda ranks #[2-9]/);
    }
  });

  it('works for a mistyped option alone and a mistyped follow-up word', () => {
    expect(lastReply(type(ranked(), 'sagmaker serverles', 'yes'))).toMatch(/^SageMaker Serverless Inference/);
    expect(lastReply(type(ranked(), 'cheapst', 'y'))).toMatch(/^Cheapest that works: /);
  });

  it('holds for one message only, and "no" drops it', () => {
    const other = type(ranked(), 'why not lamda', '/answers', 'yes');
    expect(lastReply(other)).toMatch(/did not understand "yes"/);
    const no = type(ranked(), 'why not lamda', 'no');
    expect(lastReply(no)).toMatch(/another way/);
  });

  it('during the interview "yes" still answers the question on screen', () => {
    const s = type(start(), 'pytorch', '', 'why not lamda', 'yes');
    expect(s.draft.gpu).toBe('required');
  });
});

describe('what-ifs and changes show the value a default stands for', () => {
  it('"what if we need a GPU" reads GPU none (default) → required', () => {
    const s = type(ranked(), 'what if we need a GPU');
    expect(lastReply(s)).toMatch(/^What if: GPU none \(default\) → required/);
    expect(lastReply(s)).not.toMatch(/GPU \(default\)/);
  });
  it('so does /whatif on other defaulted answers', () => {
    expect(lastReply(type(ranked(), '/whatif pattern spiky'))).toMatch(
      /^What if: traffic pattern steady \(default\) → spiky/,
    );
    expect(lastReply(type(ranked(), '/whatif payload 20 KB'))).toMatch(
      /^What if: payload size 10 KB \(default\) → 20 KB/,
    );
  });
});

describe('long pastes are quoted cut, with their length', () => {
  const paste = `lorem ipsum ${'dolor sit amet '.repeat(120)}`.trim();
  it('in a reply', () => {
    const s = type(ranked(), paste);
    const reply = lastReply(s);
    expect(reply).toMatch(/did not understand "lorem ipsum dolor.*\.\.\." \(1,?\d{3} characters\)/);
    expect(reply.length).toBeLessThan(400);
  });
  it('in the echo of the line', () => {
    const s = type(ranked(), paste);
    const echo = [...s.transcript].reverse().find((e) => e.kind === 'user')!;
    const [line] = entryText(echo);
    expect(line).toMatch(/^> "lorem ipsum.*\.\.\." \(\d{4} characters\)$/);
    expect(line!.length).toBeLessThan(260);
  });
  it('in a file name with the wrong extension', () => {
    const reply = lastReply(type(ranked(), `/save ${'n'.repeat(500)}.txt`));
    expect(reply).toMatch(/^"n+\.\.\." \(504 characters\): use a \.yaml, \.yml or \.json name$/);
  });
  it('in an answer that cannot be read', () => {
    const s = type(start(), 'sklearn', '', '', `x${'y'.repeat(900)}`);
    expect(lastReply(s)).toMatch(/"xy+\.\.\." \(901 characters\)/);
  });
});

describe('the GPU question', () => {
  it('offers the values the choice list shows, with the natural words, all from the table', () => {
    const s = type(start(), 'pytorch', '');
    const q = currentQuestion(s)!;
    expect(q.key).toBe('gpu');
    for (const value of FIELDS.gpu.values) expect(q.hint).toContain(value);
    expect(q.hint).toBe('none (no, not needed), optional (nice to have, maybe) or required (yes, must)');
    expect(q.choices).toEqual(FIELDS.gpu.values);
  });
  const words: [string, string][] = [
    ['no', 'none'],
    ['none', 'none'],
    ['not needed', 'none'],
    ["don't need one", 'none'],
    ['we do not need it', 'none'],
    ['yes', 'required'],
    ['required', 'required'],
    ['must', 'required'],
    ['we need one', 'required'],
    ['optional', 'optional'],
    ['nice to have', 'optional'],
    ['a GPU would be nice to have', 'optional'],
  ];
  for (const [word, value] of words) {
    it(`"${word}" is ${value}`, () => {
      const s = type(start(), 'pytorch', '', word);
      expect(s.draft.gpu).toBe(value);
      expect(s.current).toBe('trafficPattern');
    });
  }
});

describe('a latency target at another percentile is never read silently as p95', () => {
  for (const text of ['p99 50ms', 'p99 under 50 ms', '50ms at p99', '99th percentile 50 ms']) {
    it(`"${text}" says it treats p99 as p95 and that this is looser`, () => {
      const s = type(start(), 'sklearn', '', '', '20 rps', '', text);
      expect(s.draft.latencyP95Ms).toBe(50);
      expect(lastReply(s)).toMatch(
        /I use p95 targets; treating p99 50 ms as p95 50 ms, which is looser: the slowest 1% of requests are not held to it/,
      );
    });
  }
  it('as a change and as a what-if after the interview', () => {
    expect(lastReply(type(ranked(), 'actually p99 is 80ms'))).toMatch(/treating p99 80 ms as p95 80 ms/);
    expect(lastReply(type(ranked(), 'what if p99 is 40 ms'))).toMatch(/treating p99 40 ms as p95 40 ms/);
  });
  it('a p50 target is read as p95, which is stricter, and says so', () => {
    expect(lastReply(type(ranked(), 'latency is 100ms at p50'))).toMatch(
      /p50 100 ms as p95 100 ms, which is stricter/,
    );
  });
  it('p95 itself carries no note', () => {
    expect(lastReply(type(ranked(), 'p95 is 100 ms'))).not.toMatch(/I use p95 targets/);
  });
});

describe('Ctrl+C at a y/N question (the cancel action)', () => {
  it('drops the question and writes nothing', () => {
    const asking: State = {
      ...ranked(),
      confirm: {
        prompt: 'answers.yaml exists. Overwrite it? (y/N, or type another file name)',
        retry: { kind: 'save', file: 'answers.yaml', overwrite: false, draft: {} },
      },
    };
    const s = reduce(asking, { type: 'cancel' });
    expect(s.confirm).toBeNull();
    expect(s.effects).toEqual([]);
    expect(lastReply(s)).toMatch(/Cancelled; nothing written, answers.yaml is unchanged/);
    // The next line is a follow-up again, not a file name.
    expect(type(s, 'y').effects).toEqual([]);
  });
});

function cheapestOf(s: State): string {
  return s
    .recommendation!.ranking.filter((r) => r.feasible && r.monthlyCostUsd !== null)
    .sort((a, b) => a.monthlyCostUsd! - b.monthlyCostUsd!)[0]!.option;
}
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
