import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

// An ML platform engineer's review (2026-12-03): thresholds were rounded to the nearest 3
// significant digits, so a quoted threshold could sit on the answered side of the change (a cost
// cliff quoted at 5,170 ms that begins at 5,172 ms; the sentence said 5,175). Each threshold is
// now rounded away from the answered value, and the cliff's sentence quotes the threshold.
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');
const WORKLOADS: AnswersInput[] = [
  // The reviewer's 7B model.
  {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    requestsPerSecond: 2,
    latencyP95Ms: 8000,
    monthlyBudgetUsd: 10000,
  },
  { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 },
  {
    framework: 'pytorch',
    modelSizeMb: 1500,
    gpu: 'required',
    requestsPerSecond: 50,
    latencyP95Ms: 100,
    monthlyBudgetUsd: 5000,
  },
  {
    framework: 'onnx',
    trafficPattern: 'spiky',
    requestsPerSecond: 100,
    latencyP95Ms: 100,
    monthlyBudgetUsd: 2000,
    hosting: 'hybrid-ok',
  },
  {
    framework: 'xgboost',
    modelSizeMb: 300,
    requestsPerSecond: 1000,
    latencyP95Ms: 300,
    monthlyBudgetUsd: 20000,
    kubernetes: 'eks',
  },
  // A re-check's case: eks leads only in a narrow window of model sizes (about 235,500 to
  // 236,000 MB); rounded to 3 digits the threshold landed where nothing is feasible.
  {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    trafficPattern: 'spiky',
    requestsPerSecond: 2,
    latencyP95Ms: 3000,
    monthlyBudgetUsd: 6000,
  },
];
const run = (answers: AnswersInput) => advise(parseAnswers(answers), knowledge, prices);

describe('a threshold at which the pick changes', () => {
  it('is past the change: at the quoted value the option it names leads', () => {
    let checked = 0;
    for (const answers of WORKLOADS) {
      const rec = run(answers);
      for (const r of rec.robustness) {
        if (r.threshold === null) continue;
        checked += 1;
        const top = run({ ...answers, [r.input]: r.threshold }).ranking[0]!;
        const leads = top.feasible ? top.option : null;
        const why = `${JSON.stringify(answers)} ${r.input} ${r.direction} ${r.threshold}`;
        expect(leads, why).not.toBe(rec.ranking[0]!.option);
        expect(leads, why).toBe(r.newTop);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe("a cliff in the pick's bill", () => {
  it('is past the cliff at the quoted target, and its sentence quotes that target', () => {
    let checked = 0;
    for (const answers of WORKLOADS) {
      const rec = run(answers);
      const pick = rec.ranking[0]!.option;
      for (const cliff of rec.costCliffs ?? []) {
        checked += 1;
        const at = run({ ...answers, latencyP95Ms: cliff.threshold }).ranking.find((r) => r.option === pick)!;
        const usd = at.feasible ? at.monthlyCostUsd : null;
        const why = `${JSON.stringify(answers)} ${cliff.direction} ${cliff.threshold}`;
        if (cliff.toUsd === null) expect(usd, why).toBeNull();
        else expect(Math.abs(usd! - cliff.fromUsd), why).toBeGreaterThan(cliff.fromUsd * 0.25);
        expect(cliff.text, why).toContain(`${cliff.direction} ${cliff.threshold.toLocaleString('en-US')} ms`);
      }
    }
    expect(checked).toBeGreaterThan(2);
  });
});
