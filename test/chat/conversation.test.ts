import { describe, expect, it } from 'vitest';
import { costCurves } from '../../src/report/curves.js';
import { createAdvisor } from '../../src/chat/advisor.js';
import { initialState, reduce, type State } from '../../src/chat/conversation.js';

const advisor = createAdvisor();

function start(): State {
  return reduce(initialState(), { type: 'ready', advisor });
}
function type(state: State, ...texts: string[]): State {
  return texts.reduce((s, text) => reduce(s, { type: 'submit', text }), state);
}
function replies(state: State): string {
  return state.transcript.flatMap((e) => (e.kind === 'reply' ? e.lines.map((l) => l.text) : [])).join('\n');
}
const PLAIN = ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'];

describe('the interview', () => {
  it('reaches a priced ranking from plain answers in under 15 turns', () => {
    let s = start();
    let turns = 0;
    for (const text of PLAIN) {
      s = type(s, text);
      turns++;
    }
    expect(s.recommendation).not.toBeNull();
    while (s.current !== null) {
      s = type(s, '');
      turns++;
    }
    expect(turns).toBeLessThan(15);
    expect(s.recommendation!.ranking).toHaveLength(10);
    expect(s.recommendation!.ranking.every((r) => r.monthlyCostUsd! > 0)).toBe(true);
    expect(s.draft).toEqual({
      framework: 'sklearn',
      requestsPerSecond: 20,
      latencyP95Ms: 250,
      monthlyBudgetUsd: 800,
      gpu: 'none',
    });
    expect(replies(s)).toMatch(/That is every question\. .* leads with score \d+/);
  });

  it('skips what the answers imply: no GPU question for sklearn, no peak or latency for batch', () => {
    const s = type(start(), 'sklearn', '', '');
    expect(s.current).toBe('requestsPerSecond');
    expect(s.transcript.find((e) => e.kind === 'qa' && e.note === 'sklearn models run on CPUs')).toBeTruthy();
    const batch = type(start(), 'pytorch', '', 'no', 'batch', '10 rps');
    expect(batch.current).toBe('monthlyBudgetUsd');
    expect(batch.draft.latencyP95Ms).toBeNull();
  });

  it('gives a reason for a bad answer and asks the same question again', () => {
    const s = type(start(), 'sklearn', '', '', 'lots of them');
    expect(s.current).toBe('requestsPerSecond');
    expect(replies(s)).toMatch(/not a request rate/);
    const required = type(s, '');
    expect(required.current).toBe('requestsPerSecond');
    expect(replies(required)).toMatch(/no default/);
  });

  it('goes back a question with /back, over implied ones', () => {
    const s = type(start(), 'sklearn', '', '', '/back');
    expect(s.current).toBe('trafficPattern');
    const again = type(s, '/back', '/back');
    expect(again.current).toBe('framework');
    expect(again.draft).toEqual({});
  });

  it('takes an answer edit in the middle of the interview without losing the question', () => {
    const s = type(start(), 'sklearn', 'budget is $300');
    expect(s.draft.monthlyBudgetUsd).toBe(300);
    expect(s.current).toBe('modelSizeMb');
    const later = type(s, '', '', '20 rps', '', '250ms');
    expect(later.current).toBe('hosting');
  });

  it('answers follow-ups asked before the ranking exists with what is missing', () => {
    const s = type(start(), 'sklearn', 'why not lambda?');
    expect(replies(s)).toMatch(/needs the request rate, p95 latency and monthly budget first/);
    expect(s.current).toBe('modelSizeMb');
  });

  it('/done skips the rest once the required answers are in', () => {
    expect(replies(type(start(), 'sklearn', '/done'))).toMatch(/still need the request rate/);
    const s = type(start(), ...PLAIN, '/done');
    expect(s.current).toBeNull();
    expect(s.recommendation).not.toBeNull();
  });
});

describe('follow-ups after the ranking', () => {
  const ranked = () => type(start(), ...PLAIN, '/done');

  it('answers "why not lambda?" from the rules', () => {
    const s = type(ranked(), 'why not lambda?');
    const text = replies(s);
    const lambda = s.recommendation!.ranking.find((r) => r.option === 'lambda')!;
    expect(text).toContain(`AWS Lambda ranks #${lambda.rank}`);
    for (const reason of lambda.reasons.filter((r) => r.effect < 0)) {
      expect(text.replace(/\s+/g, ' ')).toContain(reason.text.slice(0, 40));
    }
  });

  it('a what-if is a sandbox: it shows what would move, changes nothing, and "keep" applies it', () => {
    const before = ranked();
    const after = type(before, 'what if traffic is 10x');
    expect(after.draft.requestsPerSecond).toBe(20);
    expect(after.recommendation).toEqual(before.recommendation);
    expect(replies(after)).toMatch(/What if: request rate 20 requests\/s → 200 requests\/s/);
    expect(replies(after)).toMatch(/\$\d+ → \$\d+/);
    const kept = type(after, 'keep');
    expect(kept.draft.requestsPerSecond).toBe(200);
    expect(replies(kept)).toMatch(/Kept: request rate 20 requests\/s → 200 requests\/s/);
    const undone = type(kept, '/back');
    expect(undone.draft.requestsPerSecond).toBe(20);
    expect(undone.recommendation!.ranking.map((r) => r.monthlyCostUsd)).toEqual(
      before.recommendation!.ranking.map((r) => r.monthlyCostUsd),
    );
  });

  it('what-ifs never stack: a GPU what-if after a traffic what-if starts from the answers', () => {
    const s = type(ranked(), 'what if traffic is 10x', 'what if gpu is required');
    expect(s.whatIf!.draft).toMatchObject({ requestsPerSecond: 20, gpu: 'required' });
    expect(replies(s)).toMatch(/earlier what-ifs are not included/);
  });

  it('an answer edit that blocks options moves them down', () => {
    const s = type(ranked(), 'gpu is required');
    const lambda = s.recommendation!.ranking.find((r) => r.option === 'lambda')!;
    expect(lambda.feasible).toBe(false);
    expect(replies(s)).toMatch(/lambda .*now blocked/);
  });

  it('compares two options side by side with their documented trade-offs', () => {
    const text = replies(type(ranked(), 'compare lambda and fargate'));
    expect(text).toMatch(/lambda\s+ecs-fargate/);
    expect(text).toMatch(/Operations:/);
  });

  it('answers cheapest, /cost, /chart, /why, /ranking and /help', () => {
    const s = ranked();
    expect(replies(type(s, 'cheapest'))).toMatch(/Cheapest that works: .*\$\d/);
    expect(replies(type(s, '/cost lambda'))).toMatch(/AWS Lambda: \$[\d.]+\/month .*snapshot prices/);
    const chart = replies(type(s, '/chart'));
    expect(chart).toMatch(/Monthly cost against traffic/);
    expect(chart).toMatch(/break-even|No break-even/);
    expect(replies(type(s, '/why'))).toMatch(/#1 of 10/);
    expect(replies(type(s, '/ranking'))).toMatch(/Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1/);
    expect(replies(type(s, '/help'))).toMatch(/why not lambda\?/);
    expect(replies(type(s, 'gibberish'))).toMatch(/did not understand/);
  });

  it('marks the same break-even points as the report', () => {
    const s = ranked();
    const text = replies(type(s, '/chart'));
    const top = s
      .recommendation!.ranking.filter((r) => r.feasible)
      .slice(0, 3)
      .map((r) => r.option);
    const report = costCurves(
      top,
      s.recommendation!.workload,
      advisor.knowledge,
      advisor.prices('us-east-1'),
    );
    if (report.breakEvens.length === 0) expect(text).toContain('No break-even in this range');
    for (const b of report.breakEvens) {
      expect(text).toContain(`${b.cheaperBelow} is cheaper below, ${b.cheaperAbove} above`);
    }
    expect(text.match(/\^ break-even/g) ?? []).toHaveLength(report.breakEvens.length);
  });

  it('asks before /save overwrites, and writes nothing itself', () => {
    const s = type(ranked(), '/save out.yaml');
    expect(s.effects).toEqual([
      expect.objectContaining({ kind: 'save', file: 'out.yaml', overwrite: false }),
    ]);
    const retry = { kind: 'save' as const, file: 'out.yaml', overwrite: false, draft: s.draft };
    const asked = reduce(s, {
      type: 'effect-result',
      id: s.effects[0]!.id,
      lines: [{ text: 'out.yaml exists. Overwrite it?' }],
      confirm: { prompt: 'out.yaml exists. Overwrite it? (y/N, or type another file name)', retry },
    });
    expect(asked.confirm?.retry).toEqual(retry);
    const no = type(asked, 'n');
    expect(no.confirm).toBeNull();
    expect(replies(no)).toMatch(/Nothing written; out.yaml is unchanged/);
    const yes = type(asked, 'yes');
    expect(yes.effects.at(-1)).toMatchObject({ kind: 'save', overwrite: true });
    const other = type(asked, 'other.json');
    expect(other.effects.at(-1)).toMatchObject({ kind: 'save', file: 'other.json', overwrite: false });
    expect(replies(type(ranked(), '/save out.txt'))).toMatch(/use a .yaml, .yml or .json name/);
  });

  it('refuses an edit the engine rejects and keeps the old answer', () => {
    const s = type(ranked(), 'latency is 0 ms');
    expect(s.draft.latencyP95Ms).toBe(250);
    expect(replies(s)).toMatch(/a duration must be more than 0/);
  });

  it('says so when a region has no prices of its own and prices with us-east-1', () => {
    const s = type(ranked(), 'region is sa-east-1');
    expect(s.draft.region).toBe('sa-east-1');
    expect(s.recommendation!.pricing.priceRegion).toBe('us-east-1');
    expect(replies(s)).toMatch(/No prices for sa-east-1 here: every cost uses us-east-1 prices/);
  });

  it('opens on the ranking with preloaded answers', () => {
    const s = reduce(
      initialState({
        draft: { framework: 'xgboost', requestsPerSecond: 5, latencyP95Ms: 100, monthlyBudgetUsd: 200 },
        from: 'a.yaml',
      }),
      { type: 'ready', advisor },
    );
    expect(s.current).toBeNull();
    expect(s.recommendation).not.toBeNull();
    expect(replies(s)).toMatch(/Loaded the answers from a.yaml/);
  });
});
