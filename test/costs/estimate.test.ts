import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDefaults,
  FRAMEWORKS,
  GPU_NEEDS,
  TRAFFIC_PATTERNS,
  type AnswersInput,
} from '../../src/core/answers.js';
import { OPTION_IDS, type OptionId } from '../../src/core/options.js';
import { deriveWorkload, type Workload } from '../../src/core/workload.js';
import { costFunction, estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { MapPriceBook } from '../../src/pricing/book.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { UnknownPriceError, type PriceBook } from '../../src/pricing/types.js';

const knowledge = loadKnowledge();
const book = loadSnapshotPriceBook('us-east-1');
const estimate = (option: OptionId, w: Workload, b: PriceBook = book) =>
  estimateOptionCost(option, w, b, knowledge);

function workload(input: Partial<AnswersInput>): Workload {
  const answers: AnswersInput = {
    framework: 'sklearn',
    requestsPerSecond: 5,
    latencyP95Ms: 200,
    monthlyBudgetUsd: 500,
    ...input,
  };
  return deriveWorkload(applyDefaults(answers).answers, knowledge.sizing);
}

function without(base: PriceBook, drop: (key: string) => boolean): PriceBook {
  return new MapPriceBook(
    base.info,
    base
      .keys()
      .filter((k) => !drop(k))
      .map((k) => base.get(k)),
    base.assumptionKeys().map((k) => base.assumption(k)),
  );
}

describe('estimateOptionCost', () => {
  it('prices all ten options; the monthly figure is the sum of the line items', () => {
    const w = workload({});
    for (const option of OPTION_IDS) {
      const cost = estimate(option, w, book);
      expect(cost.option).toBe(option);
      expect(cost.lineItems.length).toBeGreaterThan(0);
      const sum = Math.round(cost.lineItems.reduce((s, l) => s + l.usd, 0) * 100) / 100;
      expect(cost.monthlyUsd, option).toBe(sum);
      expect(cost.monthlyUsd, option).toBeGreaterThan(0);
      expect(cost.per1kInferencesUsd, option).toBeCloseTo((cost.monthlyUsd / w.monthlyRequests) * 1000, 6);
      expect(cost.assumptions.length, option).toBeGreaterThan(1);
      expect(Object.keys(cost.sizing).length, option).toBeGreaterThan(0);
    }
  });

  it('sizes a small sklearn model on small instances, two across zones, running all month', () => {
    const cost = estimate('sagemaker-realtime', workload({}), book);
    // One instance carries the load; an interactive endpoint keeps two for availability
    // (knowledge/sizing.yaml availability).
    const two = knowledge.sizing.availability.minInstances;
    expect(cost.sizing).toMatchObject({ initialInstances: two, maxInstances: two, averageInstances: two });
    // The cheapest CPU type of the catalogue that holds it (ml.c5.large since the full catalogue).
    expect(cost.summary!.hardware).toBe('cpu');
    const price = book.get(`sagemaker.hosting.${cost.sizing.instanceType}`).usd;
    expect(price).toBeLessThanOrEqual(0.115);
    expect(cost.lineItems[0]).toMatchObject({ quantity: two * 730, unitPriceUsd: price });
  });

  it('puts a GPU model on a GPU instance, and scales out for the peak with 70% headroom', () => {
    const w = workload({
      framework: 'pytorch',
      gpu: 'required',
      modelSizeMb: 1000,
      requestsPerSecond: 40,
      peakRequestsPerSecond: 160,
    });
    const cost = estimate('sagemaker-realtime', w, book);
    expect(String(cost.sizing.instanceType)).toMatch(/^ml\.(g|inf)/);
    expect(cost.summary!.accelerator).not.toBeNull();
    // Capacity per instance is the accelerator's throughput (batched when the target allows) at 70%.
    const perInstance = Number(cost.sizing.requestsPerSecondPerInstance);
    // Never fewer than the instances kept for availability across zones.
    const least = knowledge.sizing.availability.minInstances;
    expect(cost.sizing.initialInstances).toBe(Math.max(least, Math.ceil(40 / perInstance - 1e-3)));
    expect(cost.sizing.maxInstances).toBe(Math.max(least, Math.ceil(160 / perInstance - 1e-3)));
    expect(estimate('tf-serving', w, book).sizing.instanceType).toMatch(/^g/);
  });

  it('chooses a bigger instance when the model does not fit a small one', () => {
    // A relaxed target: on CPU this model takes under a second a request. (Not a transformers
    // model: from 2 GB those are sized as generative LLMs, by tokens.)
    const w = workload({ framework: 'other', modelSizeMb: 6000, latencyP95Ms: 5000 });
    expect(w.memoryNeededMb).toBeGreaterThan(7 * 1024);
    const cost = estimate('sagemaker-realtime', w, book);
    expect(cost.sizing.instanceType).toBe('ml.m5.xlarge');
  });

  it('scale-to-zero options bill only the active share of the month', () => {
    // Results fetched later (a 15-minute target absorbs a start from zero): a p95 target shorter
    // than that start keeps the availability floor on async too (review-defects-3 R1).
    const w = workload({
      framework: 'xgboost',
      trafficPattern: 'intermittent',
      requestsPerSecond: 0.1,
      latencyP95Ms: 900000,
    });
    expect(w.activeShare).toBeLessThan(1);
    const realtime = estimate('sagemaker-realtime', w, book);
    const asyncCost = estimate('sagemaker-async', w, book);
    const batch = estimate('sagemaker-batch', w, book);
    expect(asyncCost.sizing.averageInstances).toBeCloseTo(w.activeShare, 3);
    // The instance-hours (people's time is the same either way).
    expect(asyncCost.lineItems[0]!.usd).toBeLessThan(realtime.lineItems[0]!.usd / 2);
    // Batch transform bills the hours its jobs take to score the month's records: twice the
    // volume, twice the hours (not a fixed share of the month).
    const twice = estimate('sagemaker-batch', workload({ ...w.answers, requestsPerSecond: 0.2 }), book);
    expect(batch.lineItems[0]!.quantity).toBeLessThan(730 * w.activeShare);
    expect(twice.lineItems[0]!.quantity / batch.lineItems[0]!.quantity).toBeCloseTo(2, 2);
  });

  it('Lambda gets at least 1,769 MB (one vCPU) and the inference time as duration, without the free tier', () => {
    const w = workload({});
    const cost = estimate('lambda', w, book);
    expect(cost.sizing).toMatchObject({
      memoryMb: 1769,
      durationMs: Math.ceil(w.inferenceMs),
      requestsPerMonth: w.monthlyRequests,
    });
    expect(cost.lineItems[0]).toMatchObject({ quantity: w.monthlyRequests });
  });

  it('serverless memory is the smallest allowed size that holds the model', () => {
    const cost = estimate(
      'sagemaker-serverless',
      workload({ framework: 'pytorch', modelSizeMb: 1000, latencyP95Ms: 1000 }),
      book,
    );
    expect(cost.sizing.memoryMb).toBe(3072); // 700 + 1.5 x 1000 = 2,200 MB
  });

  it('EKS adds the control plane to the nodes; on-prem and hybrid use the stated assumptions', () => {
    const w = workload({});
    const eks = estimate('eks', w, book);
    expect(eks.lineItems[0]).toMatchObject({ quantity: 730, unitPriceUsd: 0.1, usd: 73 });
    const tf = estimate('tf-serving', w, book);
    // The same kind of EC2 fleet as nodes; EKS may take Graviton, TF Serving may not.
    expect(eks.lineItems[1]!.usd).toBeLessThanOrEqual(tf.lineItems[0]!.usd);
    const onPrem = estimate('on-prem', w, book);
    expect(onPrem.lineItems.every((l) => l.item.includes('(assumption'))).toBe(true);
    expect(onPrem.sizing.servers).toBe(2);
    const hybrid = estimate(
      'hybrid',
      workload({ trafficPattern: 'spiky', requestsPerSecond: 2000, peakRequestsPerSecond: 50000 }),
      book,
    );
    expect(hybrid.lineItems.some((l) => l.item.startsWith('Cloud side: vCPU') && l.usd > 0)).toBe(true);
  });

  it('a missing price is an UnknownPriceError, never a $0 line', () => {
    const noLambda = without(book, (k) => k === 'lambda.requests');
    expect(() => estimate('lambda', workload({}), noLambda)).toThrow(UnknownPriceError);
    // No instance priced at all: no bill, and a blocker that says so (not a $0 line).
    const noSageMaker = without(book, (k) => k.startsWith('sagemaker.hosting.'));
    const unpriced = estimate('sagemaker-realtime', workload({}), noSageMaker);
    expect(unpriced.lineItems).toEqual([]);
    expect(unpriced.blockers![0]!.text).toMatch(/priced/);
    const noEks = without(book, (k) => k === 'eks.cluster-hour');
    expect(() => estimate('eks', workload({}), noEks)).toThrow(/eks\.cluster-hour/);
  });

  it('per1kInferencesUsd is null without traffic', () => {
    const cost = estimate('tf-serving', workload({ requestsPerSecond: 0 }), book);
    expect(cost.per1kInferencesUsd).toBeNull();
    expect(cost.monthlyUsd).toBeGreaterThan(0);
  });

  it('costFunction binds a book for the engine', () => {
    const costFor = costFunction(book, knowledge);
    const w = workload({});
    expect(costFor('lambda', w)).toEqual(estimate('lambda', w, book));
  });
});

describe('estimateOptionCost properties', () => {
  const answers = fc.record({
    framework: fc.constantFrom(...FRAMEWORKS),
    gpu: fc.constantFrom(...GPU_NEEDS),
    trafficPattern: fc.constantFrom(...TRAFFIC_PATTERNS),
    modelSizeMb: fc.double({ min: 1, max: 20000, noNaN: true }),
    requestsPerSecond: fc.double({ min: 0, max: 5000, noNaN: true }),
    payloadKb: fc.double({ min: 0.1, max: 5000, noNaN: true }),
    inferenceMs: fc.option(fc.double({ min: 0.01, max: 1e7, noNaN: true }), { nil: undefined }),
    peakRequestsPerSecond: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
  });

  it('every option gives finite, non-negative line items that add up, for any answers', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...OPTION_IDS), (a, option) => {
        const w = workload({ ...a, latencyP95Ms: 500, monthlyBudgetUsd: 100 });
        const cost = estimate(option, w, book);
        expect(Number.isFinite(cost.monthlyUsd)).toBe(true);
        for (const value of Object.values(cost.sizing)) {
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
        for (const l of cost.lineItems) {
          expect(Number.isFinite(l.usd) && l.usd >= 0).toBe(true);
          expect(Number.isFinite(l.quantity) && l.quantity >= 0).toBe(true);
          expect(l.unitPriceUsd).toBeGreaterThan(0);
        }
        const sum = Math.round(cost.lineItems.reduce((s, l) => s + l.usd, 0) * 100) / 100;
        expect(cost.monthlyUsd).toBe(sum);
      }),
      { numRuns: 300 },
    );
  });

  it('more traffic never costs less: hybrid whose extra base server once saved the burst', () => {
    // Found by the property below (seed 954952): the peak held, a higher usual rate added a base
    // server that carried the whole peak, and the bill lost the cloud's burst and a Direct
    // Connect port ($4,471.60 -> $4,377.59).
    const a = {
      framework: 'pytorch',
      gpu: 'none',
      trafficPattern: 'steady',
      modelSizeMb: 1,
      payloadKb: 5.61816244035267,
      inferenceMs: 0.755,
      peakRequestsPerSecond: 49503.17187499993,
      latencyP95Ms: 500,
      monthlyBudgetUsd: 100,
    } as const;
    const rate = 3728.4172251872205;
    const low = estimate('hybrid', workload({ ...a, requestsPerSecond: rate }));
    const high = estimate('hybrid', workload({ ...a, requestsPerSecond: rate * 7.905146462925698 }));
    expect(high.monthlyUsd).toBeGreaterThanOrEqual(low.monthlyUsd);
  });

  it('more traffic never costs less', () => {
    fc.assert(
      fc.property(
        answers,
        fc.constantFrom(...OPTION_IDS),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (a, option, factor) => {
          const low = estimate(option, workload({ ...a, latencyP95Ms: 500, monthlyBudgetUsd: 100 }), book);
          const high = estimate(
            option,
            workload({
              ...a,
              requestsPerSecond: a.requestsPerSecond * factor,
              latencyP95Ms: 500,
              monthlyBudgetUsd: 100,
            }),
            book,
          );
          expect(high.monthlyUsd).toBeGreaterThanOrEqual(low.monthlyUsd - 0.011 * low.lineItems.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
