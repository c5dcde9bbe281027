import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

const knowledge = loadKnowledge();
const book = loadSnapshotPriceBook('us-east-1');
const BASES = [
  { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 },
  {
    framework: 'xgboost',
    trafficPattern: 'batch',
    requestsPerSecond: 50,
    latencyP95Ms: null,
    monthlyBudgetUsd: 500,
  },
  {
    framework: 'pytorch',
    modelSizeMb: 2000,
    gpu: 'required',
    requestsPerSecond: 200,
    latencyP95Ms: 200,
    monthlyBudgetUsd: 10000,
  },
  {
    framework: 'pytorch',
    modelSizeMb: 800,
    gpu: 'optional',
    requestsPerSecond: 10,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 3000,
  },
  {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 1500,
    monthlyBudgetUsd: 8000,
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
    framework: 'tensorflow',
    trafficPattern: 'intermittent',
    requestsPerSecond: 0.5,
    latencyP95Ms: 1000,
    monthlyBudgetUsd: 100,
  },
  {
    framework: 'other',
    modelSizeMb: 300,
    requestsPerSecond: 1000,
    latencyP95Ms: 300,
    monthlyBudgetUsd: 20000,
    kubernetes: 'eks',
    hosting: 'on-prem-only',
  },
  // Lands on P-family instances, whose capacity caveat moves the score: both passes must carry it.
  {
    framework: 'huggingface',
    modelSizeMb: 140000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 20000,
    monthlyBudgetUsd: 100000,
  },
] as const;
// Each base with its rate, latency target and model size moved (deterministically).
const whatIfs = Array.from({ length: 160 }, (_, i) => {
  const b = BASES[i % BASES.length]!;
  const f = 2 ** (((i * 37) % 17) / 4 - 2);
  return parseAnswers({
    ...b,
    requestsPerSecond: Number((b.requestsPerSecond * f).toPrecision(4)),
    latencyP95Ms: b.latencyP95Ms === null ? null : Number((b.latencyP95Ms / Math.sqrt(f)).toPrecision(4)),
    modelSizeMb: Number(
      (('modelSizeMb' in b ? b.modelSizeMb : 100) * 2 ** (((i * 13) % 7) / 3 - 1)).toPrecision(4),
    ),
  });
});

/**
 * The ranking prices every option without its sentences (explain false) and writes them only for
 * an option that is read: both passes must give the same figures, or the table would show a bill
 * other than the one ranked.
 */
describe('the numbers pass and the explained cost', () => {
  it('give the same figures, line by line, for every option', () => {
    for (const parsed of whatIfs) {
      const w = deriveWorkload(parsed.answers, knowledge.sizing);
      for (const option of OPTION_IDS) {
        let numbers;
        let explained;
        try {
          numbers = estimateOptionCost(option, w, book, knowledge, false);
          explained = estimateOptionCost(option, w, book, knowledge, true);
        } catch {
          expect(() => estimateOptionCost(option, w, book, knowledge, true)).toThrow();
          continue;
        }
        const figures = (c: typeof numbers) => ({
          monthlyUsd: c.monthlyUsd,
          billUsd: c.billUsd,
          awsUsd: c.awsUsd,
          per1k: c.per1kInferencesUsd,
          lines: c.lineItems.map((l) => [l.quantity, l.unit, l.unitPriceUsd, l.usd]),
          blockers: c.blockers,
          notes: c.notes,
        });
        expect(figures(numbers), option).toEqual(figures(explained));
        expect(explained.assumptions.length).toBeGreaterThan(0);
      }
    }
  });

  const WRITTEN_LABELS: string[] = ['hybrid', 'on-prem', 'sagemaker-async', 'sagemaker-batch', 'ecs-fargate'];
  it('writes no assumption or configuration, nor labels from the figures, in the numbers pass', () => {
    let hybridPriced = 0;
    for (const parsed of whatIfs) {
      const w = deriveWorkload(parsed.answers, knowledge.sizing);
      for (const option of OPTION_IDS) {
        let numbers;
        try {
          numbers = estimateOptionCost(option, w, book, knowledge, false);
        } catch {
          continue;
        }
        if (option === 'hybrid' && numbers.lineItems.length > 0) hybridPriced += 1;
        // Labels written from the figures (a constant label costs nothing and may stay).
        if (WRITTEN_LABELS.includes(option))
          expect(
            numbers.lineItems.filter((l) => l.item !== '').map((l) => l.item),
            option,
          ).toEqual([]);
        expect(numbers.assumptions, option).toEqual([]);
        expect(numbers.summary ?? null, option).toBeNull();
      }
    }
    expect(hybridPriced).toBeGreaterThan(0);
  });

  it('a ranking read after other evaluations still explains its own workload', () => {
    const first = advise(whatIfs[0]!, knowledge, book, { robustness: false });
    // Other workloads reuse the machines' sizing scratch in between.
    for (const parsed of whatIfs.slice(1, 40)) advise(parsed, knowledge, book, { robustness: false });
    const late = JSON.parse(JSON.stringify(first.ranking)) as unknown[];
    const fresh = advise(parseAnswers({ ...whatIfs[0]!.answers }), knowledge, book, { robustness: false });
    expect(late).toEqual(JSON.parse(JSON.stringify(fresh.ranking)));
    for (const entry of first.ranking) {
      if (entry.cost) expect(entry.lineItems.every((l) => l.item.length > 0)).toBe(true);
      expect(entry.reasons.length).toBeGreaterThan(0);
    }
  });
});
