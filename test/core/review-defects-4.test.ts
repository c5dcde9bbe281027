import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankingTable } from '../../src/cli/ranking-table.js';
import { budgetVerdictOf } from '../../src/core/budget-verdict.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import { FIELDS } from '../../src/core/answer-fields.js';
import { QUESTIONS } from '../../src/chat/questions.js';
import { runMain } from '../support/run-main.js';
import { budgetEffect } from '../../src/core/budget-fit.js';
import { entry, knowledge, run } from './support.js';

/** The defects of the fourth review (an ML platform engineer's 16 workloads), each on its workload. */

const llm7b: AnswersInput = {
  framework: 'huggingface',
  modelSizeMb: 14000,
  gpu: 'required',
  trafficPattern: 'steady',
  requestsPerSecond: 1,
  latencyP95Ms: 3000,
  monthlyBudgetUsd: 5000,
};

describe('F1: prompt and answer lengths are answers, not fixed assumptions', () => {
  it('the table of answer fields holds them, optional, and the answers file accepts them', () => {
    expect(FIELDS.inputTokens.fact).toBe('estimated');
    expect(FIELDS.outputTokens.fact).toBe('estimated');
    const parsed = parseAnswers({ ...llm7b, inputTokens: 300, outputTokens: 80 });
    expect(parsed.answers.outputTokens).toBe(80);
    expect(QUESTIONS.some((q) => q.key === 'outputTokens')).toBe(true);
  });

  it('not answered, they stay estimates in the workload; answered, they are not listed as estimated', () => {
    const assumed = run(llm7b).workload.estimates.map((e) => e.field);
    expect(assumed).toContain('outputTokens');
    expect(assumed).toContain('inputTokens');
    const answered = run({ ...llm7b, inputTokens: 300, outputTokens: 80 }).workload.estimates.map(
      (e) => e.field,
    );
    expect(answered).not.toContain('outputTokens');
    expect(answered).not.toContain('inputTokens');
  });

  it('a 7B model with short answers at modest traffic lands on one-GPU g5/g6-class instances', () => {
    const rec = run({ ...llm7b, inputTokens: 300, outputTokens: 80 });
    const rt = entry(rec, 'sagemaker-realtime');
    expect(rt.feasible).toBe(true);
    expect(rt.sizing!.instanceType).toMatch(/^ml\.(g5|g6|g6e)\./);
    expect(rt.monthlyCostUsd!).toBeLessThan(6000);
    // The sentence quotes the lengths it was sized on, as answered.
    expect(rt.sizing!.description).toMatch(/80 tokens a request, answered/);
  });

  it('the answer length moves the sizing (200 assumed tokens were fixed before)', () => {
    const short = entry(run({ ...llm7b, outputTokens: 50 }), 'sagemaker-realtime');
    const long = entry(run({ ...llm7b, outputTokens: 400 }), 'sagemaker-realtime');
    expect(short.monthlyCostUsd!).toBeLessThan(long.monthlyCostUsd!);
  });
});

describe('F2: multi-GPU instances serve an LLM split across their GPUs', () => {
  const llm13b: AnswersInput = {
    framework: 'huggingface',
    modelSizeMb: 26000,
    gpu: 'required',
    requestsPerSecond: 1,
    latencyP95Ms: 1500,
    monthlyBudgetUsd: 20000,
  };

  it('a 13B model at a 1.5 s p95 is feasible on a tensor-parallel A100 or H100 machine', () => {
    const rt = entry(run(llm13b), 'sagemaker-realtime');
    expect(rt.feasible, JSON.stringify(rt.blockers)).toBe(true);
    expect(rt.sizing!.instanceType).toMatch(/^ml\.p(4d|4de|5)\./);
    expect(rt.sizing!.latencyMs!).toBeLessThanOrEqual(1500);
    expect(rt.sizing!.description).toMatch(/split over \d GPUs \(tensor parallel\)/);
  });

  it('where nothing is fast enough, the blocker names the truly fastest machine, not g5.48xlarge', () => {
    const rt = entry(run({ ...llm13b, latencyP95Ms: 300 }), 'sagemaker-realtime');
    const blocker = rt.blockers.find((b) => b.limit === 'latency-target');
    expect(blocker?.text).toMatch(/ml\.p5\.48xlarge/);
  });
});

describe("F8: cost's flag mode bills the data sent out, with the ranking's function", () => {
  const answers = {
    framework: 'sklearn',
    requestsPerSecond: 5,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 2000,
  } as const;

  it('lambda from flags: the responses of its requests, priced as the ranking prices them', async () => {
    const rec = run(answers);
    const ranked = entry(rec, 'lambda').lineItems.find((l) => l.item.startsWith('Data transfer out'))!;
    const requests = rec.workload.monthlyRequests;
    const r = await runMain([
      'cost',
      'lambda',
      '--memory-mb',
      '1024',
      '--requests',
      String(requests),
      '--duration-ms',
      '10',
      '--json',
      '--pricing',
      'snapshot',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = (JSON.parse(r.stdout) as { lineItems: { item: string; quantity: number; usd: number }[] })
      .lineItems;
    const line = lines.find((l) => l.item.startsWith('Data transfer out'));
    expect(line?.quantity).toBeCloseTo(ranked.quantity, 6);
    expect(line?.usd).toBe(ranked.usd);
  });

  it('instance options take --data-out-gb and show the line even when none is given', async () => {
    const flags = ['sagemaker-realtime', '--instance-type', 'ml.m5.large', '--pricing', 'snapshot', '--json'];
    const given = await runMain(['cost', ...flags, '--data-out-gb', '500']);
    expect(given.code, given.stderr).toBe(0);
    const out = (JSON.parse(given.stdout) as { lineItems: { item: string; quantity: number }[] }).lineItems;
    expect(
      out.filter((l) => l.item.startsWith('Data transfer out')).reduce((s, l) => s + l.quantity, 0),
    ).toBe(500);
    const none = await runMain(['cost', ...flags]);
    expect(none.stdout).toMatch(/Data transfer out to the internet \(none given: --data-out-gb\)/);
  });
});

describe('F5: own hardware is a bonus only when the team owns it, and then is not charged', () => {
  const answers: AnswersInput = {
    framework: 'pytorch',
    modelSizeMb: 500,
    requestsPerSecond: 20,
    latencyP95Ms: 300,
    monthlyBudgetUsd: 3000,
    hosting: 'hybrid-ok',
    kubernetes: 'self-managed',
    teamOpsMaturity: 'high',
  };

  it('without owned servers: no "own hardware" or "own k8s" bonus, the servers are bought', () => {
    const rec = run(answers);
    for (const option of ['hybrid', 'on-prem'] as const) {
      const e = entry(rec, option);
      const rules = e.reasons.map((r) => r.rule);
      expect(rules).not.toContain('hybrid-allowed');
      expect(rules).not.toContain('self-managed-kubernetes-on-own-servers');
      expect(e.lineItems.some((l) => /amortised over/.test(l.item))).toBe(true);
    }
    expect(rec.ranking[0]!.option).not.toBe('hybrid');
  });

  it('with owned servers (existingServers: available): the bonus, and no purchase in the bill', () => {
    const owned = run({ ...answers, existingServers: 'available' });
    const bought = run(answers);
    const e = entry(owned, 'on-prem');
    expect(e.reasons.map((r) => r.rule)).toContain('self-managed-kubernetes-on-own-servers');
    expect(e.lineItems.some((l) => /owned already/.test(l.item))).toBe(true);
    expect(e.monthlyCostUsd!).toBeLessThan(entry(bought, 'on-prem').monthlyCostUsd!);
    expect(e.cost!.hardwareUpfrontUsd ?? 0).toBe(0);
  });
});

describe('F7: reasons quote numbers and speak only of the option beside them', () => {
  it("EKS's GPU reason speaks of EC2 GPU nodes, not own GPU servers", () => {
    const rec = run({
      framework: 'pytorch',
      modelSizeMb: 800,
      gpu: 'required',
      requestsPerSecond: 10,
      latencyP95Ms: 500,
      monthlyBudgetUsd: 5000,
    });
    for (const option of ['eks', 'tf-serving'] as const) {
      for (const r of entry(rec, option).reasons) expect(r.text, r.rule).not.toMatch(/own GPU servers/);
    }
    expect(entry(rec, 'on-prem').reasons.some((r) => /own GPU servers/.test(r.text))).toBe(true);
  });

  it('steady traffic: every reason about cold starts quotes a number', () => {
    const rec = run({
      framework: 'sklearn',
      modelSizeMb: 50,
      trafficPattern: 'steady',
      requestsPerSecond: 5,
      latencyP95Ms: 400,
      monthlyBudgetUsd: 1000,
    });
    for (const e of rec.ranking) {
      for (const r of e.reasons) {
        if (/cold start/i.test(r.text)) expect(r.text, `${e.option} ${r.rule}`).toMatch(/\d/);
      }
    }
  });
});

describe('F3: latency fit is continuous: no cliff at a round target', () => {
  const workloads: AnswersInput[] = [
    {
      framework: 'sklearn',
      modelSizeMb: 50,
      requestsPerSecond: 5,
      latencyP95Ms: 100,
      monthlyBudgetUsd: 1000,
    },
    {
      framework: 'pytorch',
      modelSizeMb: 300,
      trafficPattern: 'spiky',
      requestsPerSecond: 15,
      latencyP95Ms: 100,
      monthlyBudgetUsd: 2000,
    },
    {
      framework: 'xgboost',
      modelSizeMb: 20,
      requestsPerSecond: 40,
      latencyP95Ms: 1000,
      monthlyBudgetUsd: 800,
    },
  ];

  it('no step rule at 100 ms or 1,000 ms is left', () => {
    const rules = run(workloads[0]!).ranking.flatMap((e) => e.reasons.map((r) => r.rule));
    for (const gone of [
      'tight-latency-penalises-cold-starts',
      'moderate-latency-tolerates-some-cold-starts',
      'relaxed-latency-suits-serverless',
    ])
      expect(rules).not.toContain(gone);
  });

  it.each(workloads.map((w, i) => [i, w] as const))(
    'workload %i: a 1 ms nudge of the target never swaps the leader unless a hard limit is crossed',
    (_, answers) => {
      const target = answers.latencyP95Ms!;
      for (let t = target - 5; t <= target + 5; t++) {
        const a = run({ ...answers, latencyP95Ms: t });
        const b = run({ ...answers, latencyP95Ms: t + 1 });
        const feasible = (r: typeof a) =>
          r.ranking
            .filter((e) => e.feasible)
            .map((e) => `${e.option}:${e.sizing?.instanceType ?? ''}`)
            .sort()
            .join();
        // A hard limit crossed (an option turns feasible or not, or its sizing changes): skip.
        if (feasible(a) !== feasible(b)) continue;
        expect(b.ranking[0]!.option, `${t} -> ${t + 1} ms`).toBe(a.ranking[0]!.option);
      }
    },
  );

  it('thin headroom costs points in proportion, quoting the p95 and the target', () => {
    const rec = run({ ...workloads[0]!, latencyP95Ms: 30 });
    const notes = rec.ranking.flatMap((e) => e.reasons.filter((r) => r.rule === 'thin-latency-headroom'));
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n.text).toMatch(/about [\d.]+ ms at p95 against the 30 ms target: [\d.]+ ms of headroom/);
      expect(n.effect).toBeLessThan(0);
    }
  });
});

describe('F4: cost efficiency outweighs the budget line; thin headroom is marked down', () => {
  it('the budget factor is continuous: $140 across the budget line moves a few points, not 18', () => {
    const b = knowledge.sizing.costScoring.budget;
    // A $1,000 bill against budgets of $1,070 and $930 (the old rules: +3 and -15).
    const gap = budgetEffect(1000 / 1070, b)! - budgetEffect(1000 / 930, b)!;
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(2);
    // Nowhere steeper than cost efficiency: per doubling of the bill, fewer points than it gives.
    for (const r of [0.3, 0.6, 0.9, 1, 1.1, 2, 5]) {
      const drop = budgetEffect(r / Math.SQRT2, b)! - budgetEffect(r * Math.SQRT2, b)!;
      expect(drop, `at ${r}`).toBeLessThanOrEqual(knowledge.sizing.costScoring.pointsPerDoubling);
    }
    // Where the step rules sat, the rule is gone.
    const rules = run(llm7b).ranking.flatMap((e) => e.reasons.map((r) => r.rule));
    expect(rules).not.toContain('cost-within-budget');
    expect(rules).toContain('budget-fit');
  });

  it('between equally suitable options, the cheaper ranks first', () => {
    const rec = run({
      framework: 'sklearn',
      modelSizeMb: 50,
      requestsPerSecond: 5,
      latencyP95Ms: 400,
      monthlyBudgetUsd: 1000,
      teamOpsMaturity: 'low',
    });
    const feasible = rec.ranking.filter((e) => e.feasible);
    for (let i = 1; i < feasible.length; i++) {
      const [a, b] = [feasible[i - 1]!, feasible[i]!];
      const rulesOf = (e: typeof a) =>
        e.reasons
          .filter((r) => r.rule !== 'cost-efficiency' && r.rule !== 'budget-fit')
          .reduce((s, r) => s + r.effect, 0);
      if (Math.abs(rulesOf(a) - rulesOf(b)) < 0.5)
        expect(a.monthlyCostUsd!).toBeLessThanOrEqual(b.monthlyCostUsd!);
    }
  });

  it('ECS Fargate with under a millisecond of headroom loses points and says both numbers', () => {
    const rec = run({
      framework: 'sklearn',
      modelSizeMb: 50,
      requestsPerSecond: 50,
      latencyP95Ms: 16,
      monthlyBudgetUsd: 3000,
    });
    const fargate = entry(rec, 'ecs-fargate');
    const margin = fargate.sizing?.latencyMarginMs;
    if (fargate.feasible && margin !== null && margin !== undefined && margin < 16 * 0.2) {
      const note = fargate.reasons.find((r) => r.rule === 'thin-latency-headroom')!;
      expect(note.text).toContain(`against the 16 ms target`);
      expect(note.effect).toBeLessThan(-5);
    }
  });
});

describe('F6: a top-level signal when nothing feasible fits the budget', () => {
  const answers = { ...llm7b, monthlyBudgetUsd: 300 };

  it('recommend --json carries budget.anyFeasibleWithinBudget false, with the cheapest bill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-f6-'));
    const file = join(dir, 'a.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = await runMain(['recommend', '--answers', file, '--json', '--pricing', 'snapshot']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      budget: {
        anyFeasibleWithinBudget: boolean;
        cheapestFeasible: { billUsd: number } | null;
        text: string;
      };
      ranking: unknown[];
    };
    expect(doc.ranking).toHaveLength(10);
    expect(doc.budget.anyFeasibleWithinBudget).toBe(false);
    expect(doc.budget.cheapestFeasible!.billUsd).toBeGreaterThan(300);
    expect(doc.budget.text).toMatch(/^Nothing feasible fits the \$300 monthly budget/);
    const table = await runMain(['recommend', '--answers', file, '--pricing', 'snapshot']);
    expect(table.stdout).toMatch(/^Budget: Nothing feasible fits the \$300 monthly budget/m);
  });

  it('within budget, the signal says the pick fits and the table adds no line', async () => {
    const rec = run({ ...answers, monthlyBudgetUsd: 1_000_000 });
    const v = budgetVerdictOf(rec);
    expect(v.anyFeasibleWithinBudget).toBe(true);
    expect(v.topWithinBudget).toBe(true);
    expect(rankingTable(rec)).not.toMatch(/^Budget:/m);
  });
});
