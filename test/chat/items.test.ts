import { describe, expect, it } from 'vitest';
import { createAdvisor } from '../../src/chat/advisor.js';
import { initialState, reduce, type State } from '../../src/chat/conversation.js';

/**
 * The conversation's answers to each defect of the chat as people used it (issue 13), at the
 * reducer: what is understood, what is asked next, what is said.
 */
const advisor = createAdvisor();
const start = (): State => reduce(initialState(), { type: 'ready', advisor });
const type = (state: State, ...texts: string[]) =>
  texts.reduce((s, text) => reduce(s, { type: 'submit', text }), state);
const replies = (s: State) =>
  s.transcript
    .flatMap((e) =>
      e.kind === 'reply' ? e.lines.map((l) => l.text) : e.kind === 'user' ? [`> ${e.text}`] : [],
    )
    .join('\n');
const SENTENCE =
  'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s';

describe('one message, every fact (item 1)', () => {
  it('fills what the sentence says, echoes it in one line, and asks only what remains', () => {
    const s = type(start(), SENTENCE);
    expect(s.draft).toEqual({
      framework: 'pytorch',
      modelSizeMb: 800,
      requestsPerSecond: 30,
      peakRequestsPerSecond: 200,
      latencyP95Ms: 150,
      monthlyBudgetUsd: 2000,
      kubernetes: 'none',
    });
    const echo = s.transcript.at(-1)!;
    expect(echo.kind === 'reply' && echo.lines[0]!.text).toBe(
      'Understood: Kubernetes none · framework pytorch · model size 800 MB · request rate 30 requests/s · peak rate 200 requests/s · p95 latency 150 ms · monthly budget $2,000/month.',
    );
    expect(s.current).toBe('gpu');
    expect(s.recommendation).not.toBeNull();
    // Enter through the rest: nothing said is asked again.
    const askedLater: string[] = [];
    let t = s;
    while (t.current !== null) {
      askedLater.push(t.current);
      t = type(t, '');
    }
    for (const key of Object.keys(s.draft)) expect(askedLater).not.toContain(key);
  });
});

describe('answers out of turn and corrections (item 2)', () => {
  it('takes "p95 under 100 ms" while the rate is asked, and keeps asking the rate', () => {
    const s = type(start(), 'sklearn', '', '', 'p95 under 100 ms');
    expect(s.draft.latencyP95Ms).toBe(100);
    expect(s.current).toBe('requestsPerSecond');
    expect(replies(s)).not.toMatch(/not a request rate/);
  });

  it('takes "actually we need 100ms at p95" as a correction, in the interview and after it', () => {
    const during = type(start(), SENTENCE, 'actually we need 100ms at p95');
    expect(during.draft.latencyP95Ms).toBe(100);
    expect(replies(during)).toContain('Changed: p95 latency 150 ms → 100 ms.');
    const after = type(start(), SENTENCE, '/done', 'actually we need 100ms at p95');
    expect(after.draft.latencyP95Ms).toBe(100);
    expect(replies(after)).toMatch(/Changed: p95 latency 150 ms → 100 ms\.\n.*(leads|New leader)/);
  });

  it('does not take a question typed at the project-name prompt as the name', () => {
    let s = type(start(), SENTENCE);
    while (s.current !== 'projectName') s = type(s, '');
    const asked = type(s, 'what does hybrid mean?');
    expect(asked.draft.projectName).toBeUndefined();
    expect(asked.current).toBe('projectName');
    expect(replies(asked)).toMatch(/Hybrid \(on-premises with cloud burst or failover\)/);
    const vague = type(s, 'how should we name it?');
    expect(vague.draft.projectName).toBeUndefined();
    expect(replies(vague)).toMatch(/cannot answer that here[\s\S]*A name for the project\?/);
    expect(type(asked, 'recs-api').draft.projectName).toBe('recs-api');
  });

  it('asks, rather than guesses, when a message is ambiguous', () => {
    const s = type(start(), 'sklearn', 'we run kubernetes');
    expect(s.draft.kubernetes).toBeUndefined();
    expect(s.current).toBe('kubernetes');
    expect(replies(s)).toContain('Which Kubernetes does the team run: EKS or self-managed?');
    const money = type(start(), 'sklearn', '2k a month');
    expect(money.draft.monthlyBudgetUsd).toBeUndefined();
    expect(replies(money)).toMatch(/What is "2k a month": a request rate, a latency, a budget or a size\?/);
  });
});

describe('follow-ups by rank and "did you mean" (item 6)', () => {
  const ranked = () => type(start(), SENTENCE, '/done');
  it('understands the top two, #3, the top pick, 1 and 2, the cheapest feasible', () => {
    const s = ranked();
    const [first, second, third] = s.recommendation!.ranking;
    expect(replies(type(s, 'compare the top two'))).toMatch(
      new RegExp(`${first!.option}\\s+${second!.option}`),
    );
    expect(replies(type(s, 'compare 1 and 2'))).toMatch(new RegExp(`${first!.option}\\s+${second!.option}`));
    expect(replies(type(s, '#3'))).toContain(`${third!.name}: #3 of 10`);
    expect(replies(type(s, 'why the top pick?'))).toContain(`${first!.name}: #1 of 10`);
    expect(replies(type(s, 'why #2'))).toContain(`${second!.name}: #2 of 10`);
    expect(replies(type(s, 'the cheapest feasible'))).toMatch(/Cheapest that works:/);
  });

  it('suggests option names and commands for typos', () => {
    const s = ranked();
    expect(replies(type(s, 'why not sagmaker'))).toMatch(
      /I do not know an option called "sagmaker"\. Did you mean sagemaker-realtime, sagemaker-serverless, sagemaker-async or sagemaker-batch\?/,
    );
    expect(replies(type(s, 'why not lamda'))).toMatch(/Did you mean lambda\?/);
    expect(replies(type(s, '/scafold'))).toMatch(/did you mean \/scaffold\?/);
    expect(replies(type(s, 'cheapst'))).toMatch(/Did you mean "cheapest"\?/);
  });
});

describe('display names (item 9) and hostile input (issue 14: 6, 7, 10)', () => {
  it('never shows a raw field name in a reply', () => {
    const s = type(
      start(),
      'sklearn',
      'why not lambda',
      '/done',
      SENTENCE,
      '/done',
      'budget is $300',
      'what if traffic is 10x',
      '/answers',
    );
    expect(replies(s)).not.toMatch(
      /requestsPerSecond|monthlyBudgetUsd|latencyP95Ms|modelSizeMb|trafficPattern/,
    );
    expect(replies(s)).toMatch(/Changed: monthly budget/);
  });

  it('cuts a 200 KB line at once and says so', () => {
    const began = Date.now();
    const s = type(start(), `sklearn ${'x'.repeat(200_000)}`);
    expect(Date.now() - began).toBeLessThan(2000);
    expect(replies(s)).toMatch(/That line was 200,008 characters; I read the first 2,000\./);
  });

  it('keeps BEL, backspace and escape sequences out of the transcript', () => {
    const s = type(start(), 'sk\u0007le\u0008arn \u001B]0;pwned\u0007\u001B[31mwhy\u001B[0m');
    const text = JSON.stringify(s.transcript);
    expect(text).not.toMatch(/\\u00(0[0-8]|1[0-9a-f]|7f)/i);
  });

  it('merges the notebook under the answers file, as recommend does', () => {
    const s = initialState({
      draft: { framework: 'xgboost', requestsPerSecond: 5, latencyP95Ms: 100, monthlyBudgetUsd: 200 },
      prefill: [
        { key: 'framework', value: 'sklearn', note: 'from the notebook' },
        { key: 'modelSizeMb', value: 12, note: 'from the notebook, cell 3' },
      ],
    });
    expect(s.draft).toMatchObject({ framework: 'xgboost', modelSizeMb: 12 });
    expect(JSON.stringify(s.transcript)).toContain('from the notebook, cell 3');
  });
});

describe('/chart colours (item 8)', () => {
  it('gives each option its own colour, and none without colour', () => {
    const draft = 'sklearn 20 rps, 250 ms, $800 a month';
    const chart = (color: boolean) => {
      const s = type(reduce(initialState({ color }), { type: 'ready', advisor }), draft, '/done', '/chart');
      const reply = s.transcript.at(-1)!;
      return reply.kind === 'reply' ? reply.lines : [];
    };
    const coloured = new Set(
      chart(true).flatMap((l) => (l.segments ?? []).map((x) => x.color).filter(Boolean)),
    );
    expect([...coloured].sort()).toEqual(['cyan', 'magenta', 'yellow']);
    expect(chart(false).some((l) => l.segments)).toBe(false);
  });
});
