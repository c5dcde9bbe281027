import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import type { OptionId } from '../../src/core/options.js';
import { knowledge, prices } from '../core/support.js';

/** The LLM sizing review (an ML platform engineer's): each defect on its workload. */

const advice = (answers: AnswersInput) => advise(parseAnswers(answers), knowledge, prices, { robustness: false });
const row = (answers: AnswersInput, option: OptionId) => advice(answers).ranking.find((r) => r.option === option)!;
const sizing = knowledge.sizing;

const batch70b: AnswersInput = {
  framework: 'huggingface',
  modelSizeMb: 140000,
  gpu: 'required',
  trafficPattern: 'batch',
  requestsPerSecond: 1.25,
  latencyP95Ms: null,
  monthlyBudgetUsd: 20000,
  inputTokens: 1500,
  outputTokens: 300,
};

describe('1: offline LLM work is sized at the best throughput per dollar, whatever the rate', () => {
  it('Batch Transform at 1.25 req/s costs no more than at 1.5 req/s', () => {
    // Before: $9,254 at 1.25 (6.53 records/s per instance, concurrency 64) against $9,056 at 1.5
    // (8.01, concurrency 128): the way was chosen by a fleet's whole-instance count, where both
    // needed two instances, and the first (lowest concurrency) won; a job pays per record.
    const low = row(batch70b, 'sagemaker-batch');
    const high = row({ ...batch70b, requestsPerSecond: 1.5 }, 'sagemaker-batch');
    expect(low.monthlyCostUsd!).toBeLessThan(high.monthlyCostUsd!);
    expect(low.cost!.summary!.description).toMatch(/8\.01 a second per instance/);
  });

  it('property: for batch LLM workloads more requests never cost less, on every batch-capable option', () => {
    const options: OptionId[] = ['sagemaker-batch', 'sagemaker-async', 'sagemaker-realtime', 'eks', 'tf-serving'];
    fc.assert(
      fc.property(
        fc.constantFrom(14000, 60000, 140000),
        fc.constantFrom(300, 1500),
        fc.constantFrom(80, 300),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        (modelSizeMb, inputTokens, outputTokens, rate, factor) => {
          const base = { ...batch70b, modelSizeMb, inputTokens, outputTokens };
          const low = advice({ ...base, requestsPerSecond: Number(rate.toPrecision(4)) });
          const high = advice({ ...base, requestsPerSecond: Number((rate * factor).toPrecision(4)) });
          for (const option of options) {
            const a = low.ranking.find((r) => r.option === option)!.monthlyCostUsd;
            const b = high.ranking.find((r) => r.option === option)!.monthlyCostUsd;
            if (a === null || b === null) continue;
            expect(a, `${option} ${modelSizeMb} MB at ${rate} and x${factor}`).toBeLessThanOrEqual(b + 0.01);
          }
        },
      ),
      // The reviewer's pair first (1.25 and 1.5 req/s of the 70B), then drawn ones.
      { numRuns: 40, seed: 7, examples: [[140000, 1500, 300, 1.25, 1.2]] },
    );
  });
});

describe('2: the concurrency grid finds the largest batch that meets the target', () => {
  it('a 7B at a 10 s target with 1000/300 tokens runs more than 8 in flight on fewer instances', () => {
    // Before: 2 to 5 x ml.g6e.xlarge at concurrency 8, $6,729 a month; 12 in flight meets 10 s.
    const rt = row(
      {
        framework: 'huggingface',
        modelSizeMb: 14000,
        gpu: 'required',
        trafficPattern: 'steady',
        requestsPerSecond: 2,
        latencyP95Ms: 10000,
        monthlyBudgetUsd: 5000,
        inputTokens: 1000,
        outputTokens: 300,
      },
      'sagemaker-realtime',
    );
    const batchOf = Number(/continuous batching of (\d+) per copy/.exec(rt.cost!.summary!.description)![1]);
    expect(batchOf).toBeGreaterThan(8);
    expect(rt.cost!.summary!.latencyMs!).toBeLessThanOrEqual(10000);
    expect(rt.monthlyCostUsd!).toBeLessThan(5000);
  });

  it('the grid holds midpoints between the powers of two', () => {
    expect(sizing.llm.concurrencies).toEqual(expect.arrayContaining([12, 16, 24, 48, 96]));
  });
});
