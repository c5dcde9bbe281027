import { describe, expect, it } from 'vitest';
import { parseAnswers, type Answers } from '../../src/core/answers.js';
import { costTable, rankOptions, recommend, type CostFor } from '../../src/core/engine.js';
import { OPTION_IDS, type OptionId } from '../../src/core/options.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

// An option a limit on the workload alone blocks (batch transform for live traffic, on-prem for a
// cloud-only team, TF Serving for a scikit-learn model) ranks below every feasible option whatever
// it costs. The ranking leaves it unpriced until its bill, blockers or reasons are read, and lists
// the infeasible options in the contract's order, so that what they cost moves nothing.
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');

const WORKLOADS: Record<string, Partial<Answers>> = {
  'a scikit-learn model in the cloud': {
    framework: 'sklearn',
    requestsPerSecond: 20,
    latencyP95Ms: 250,
    monthlyBudgetUsd: 800,
  },
  // Fargate and Lambda are blocked (no GPU) and cannot be sized either: their cost is an error.
  'a 14 GB model that needs a GPU': {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 1500,
    monthlyBudgetUsd: 8000,
  },
  'nightly batch scoring on premises': {
    framework: 'xgboost',
    trafficPattern: 'batch',
    requestsPerSecond: 50,
    latencyP95Ms: null,
    monthlyBudgetUsd: 500,
    hosting: 'on-prem-only',
  },
  'interactive TensorFlow, hybrid allowed': {
    framework: 'tensorflow',
    trafficPattern: 'spiky',
    requestsPerSecond: 100,
    latencyP95Ms: 100,
    monthlyBudgetUsd: 2000,
    hosting: 'hybrid-ok',
  },
};

/** A pricing function of its own (the engine's cache is per function) that counts what it prices. */
function counting(): { costFor: CostFor; priced: OptionId[]; explained: OptionId[] } {
  const priced: OptionId[] = [];
  const explained: OptionId[] = [];
  const costFor: CostFor = (option, workload, explain) => {
    (explain ? explained : priced).push(option);
    return estimateOptionCost(option, workload, prices, knowledge, explain);
  };
  return { costFor, priced, explained };
}

const evaluate = (answers: Partial<Answers>, costFor: CostFor) =>
  recommend(parseAnswers(answers), knowledge, prices.info, costFor, { robustness: false });

describe('an option blocked by the workload alone', () => {
  for (const [name, answers] of Object.entries(WORKLOADS)) {
    it(`is not priced until read, and reads as if priced at once: ${name}`, () => {
      const { costFor, priced, explained } = counting();
      const rec = evaluate(answers, costFor);
      const blocked = rec.ranking.filter((r) => !r.feasible).map((r) => r.option);
      const open = OPTION_IDS.filter((o) => !priced.includes(o));
      // The order, feasibility and scores, and the top option's bill, price no blocked option.
      expect(rec.ranking.map((r) => [r.option, r.feasible, r.score])).toHaveLength(10);
      void rec.ranking[0]!.monthlyCostUsd;
      expect(open.length).toBeGreaterThan(0);
      for (const option of open) expect(blocked).toContain(option);
      // A blocked option's bill alone (all a chat's what-if reads) is its figures, not explained.
      for (const entry of rec.ranking) void entry.monthlyCostUsd;
      for (const option of open) {
        expect(
          priced.filter((o) => o === option),
          option,
        ).toHaveLength(1);
        expect(explained, option).not.toContain(option);
      }

      // Every field, read any way, is what a ranking of costs priced at once gives.
      const workload = deriveWorkload(rec.workload.answers, knowledge.sizing);
      const eager = rankOptions(workload, knowledge, costTable(workload, counting().costFor, true));
      const plain = (entry: object) => JSON.parse(JSON.stringify({ ...entry, rank: undefined })) as unknown;
      for (const entry of rec.ranking) {
        const expected = eager.find((e) => e.option === entry.option)!;
        expect(plain(entry), entry.option).toEqual(plain(expected));
        expect('costError' in entry, entry.option).toBe('costError' in expected);
      }
      // Each blocked option was priced once, when first read, and explained once when it has a bill
      // (lines to show), as any option is.
      for (const option of open) {
        const billed = rec.ranking.find((r) => r.option === option)!.monthlyCostUsd !== null;
        expect(
          priced.filter((o) => o === option),
          option,
        ).toHaveLength(1);
        expect(
          explained.filter((o) => o === option),
          option,
        ).toHaveLength(billed ? 1 : 0);
      }
    });
  }

  it('has its costError there only when it cannot be priced, whichever way that is asked', () => {
    const answers = WORKLOADS['a 14 GB model that needs a GPU']!;
    const find = (option: OptionId) =>
      evaluate(answers, counting().costFor).ranking.find((r) => r.option === option)!;
    // Fargate has no GPU (a limit on the workload) and nothing it offers holds the model.
    expect('costError' in find('ecs-fargate')).toBe(true);
    expect(Object.keys(find('ecs-fargate'))).toContain('costError');
    expect(find('ecs-fargate').costError).toMatch(/no configuration/);
    expect(find('ecs-fargate').monthlyCostUsd).toBeNull();
    // Batch transform is blocked for live traffic, and is priced all the same.
    expect('costError' in find('sagemaker-batch')).toBe(false);
    expect(Object.keys(find('sagemaker-batch'))).not.toContain('costError');
    expect(find('sagemaker-batch').costError).toBeUndefined();
    expect(find('sagemaker-batch').monthlyCostUsd).toBeGreaterThan(0);
    expect(Object.isFrozen(Object.freeze(find('sagemaker-batch')))).toBe(true);
  });
});

describe('the infeasible options of a ranking', () => {
  it('follow the feasible ones in the contract order, whatever they cost', () => {
    for (const [name, answers] of Object.entries(WORKLOADS)) {
      const ranking = evaluate(answers, counting().costFor).ranking;
      const infeasible = ranking.filter((r) => !r.feasible).map((r) => r.option);
      expect(
        ranking.slice(ranking.length - infeasible.length).every((r) => !r.feasible),
        name,
      ).toBe(true);
      expect(infeasible, name).toEqual(OPTION_IDS.filter((o) => infeasible.includes(o)));
    }
  });
});
