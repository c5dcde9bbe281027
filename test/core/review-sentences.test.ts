import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

// An ML platform engineer's review (2026-12-03) of the sentences beside the figures: "1 x 1 x L4
// server" (a count before a server kind named by its count), "a xgboost model", and latency
// figures left unformatted ("1293460 ms").
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');
const WORKLOADS: AnswersInput[] = [
  {
    framework: 'pytorch',
    modelSizeMb: 2000,
    gpu: 'required',
    requestsPerSecond: 40,
    latencyP95Ms: 200,
    monthlyBudgetUsd: 9000,
    hosting: 'hybrid-ok',
  },
  {
    framework: 'pytorch',
    modelSizeMb: 800,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 3000,
    hosting: 'on-prem-only',
  },
  { framework: 'xgboost', requestsPerSecond: 10, latencyP95Ms: 300, monthlyBudgetUsd: 500 },
  { framework: 'onnx', requestsPerSecond: 10, latencyP95Ms: 300, monthlyBudgetUsd: 500 },
  // A request far slower than the target: every option's latency blocker quotes big figures.
  {
    framework: 'sklearn',
    requestsPerSecond: 1,
    inferenceMs: 1_293_460,
    latencyP95Ms: 20_000,
    monthlyBudgetUsd: 500,
    hosting: 'hybrid-ok',
  },
];

/** Every sentence of a recommendation a reader sees beside an option. */
function sentences(answers: AnswersInput): string[] {
  const out: string[] = [];
  for (const r of advise(parseAnswers(answers), knowledge, prices, { robustness: false }).ranking) {
    out.push(...r.blockers.map((b) => b.text), ...r.reasons.map((x) => x.text), r.costReason);
    if (r.sizing) out.push(r.sizing.description);
    if (r.cost) out.push(...r.cost.assumptions, ...r.cost.lineItems.map((l) => l.item));
  }
  return out;
}

describe('the sentences beside each option', () => {
  it('name a server kind once, give a framework its article, and format big figures', () => {
    let read = 0;
    for (const answers of WORKLOADS) {
      for (const text of sentences(answers)) {
        read += 1;
        expect(text, JSON.stringify(answers)).not.toMatch(/\b\d+ x \d+ x /);
        expect(text).not.toMatch(/\ba (xgboost|onnx)\b/);
        expect(text).not.toMatch(/\d{5,}(\.\d+)? ms/);
      }
    }
    expect(read).toBeGreaterThan(100);
  });
});
