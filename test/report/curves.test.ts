import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { OPTION_IDS, type OptionId } from '../../src/core/options.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { costCurves, scaledWorkload, CHART_MULTIPLES } from '../../src/report/curves.js';

const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');

function workloadOf(raw: Record<string, unknown>) {
  return advise(parseAnswers(raw), knowledge, prices).workload;
}
const costAt = (option: OptionId, w: ReturnType<typeof workloadOf>, m: number) =>
  estimateOptionCost(option, scaledWorkload(w, m, knowledge.sizing), prices, knowledge).monthlyUsd;

describe('cost against traffic', () => {
  const w = workloadOf({
    framework: 'sklearn',
    requestsPerSecond: 20,
    latencyP95Ms: 250,
    monthlyBudgetUsd: 800,
  });

  it('at 1x equals the cost the ranking shows, and scales the request rate', () => {
    const curves = costCurves(['lambda', 'ecs-fargate'], w, knowledge, prices);
    const one = CHART_MULTIPLES.indexOf(1);
    expect(curves.curves[0]!.usd[one]).toBe(estimateOptionCost('lambda', w, prices, knowledge).monthlyUsd);
    expect(scaledWorkload(w, 4, knowledge.sizing).answers.requestsPerSecond).toBe(80);
    // Lambda bills per request: twice the traffic costs more (people's time is a fixed line).
    expect(curves.curves[0]!.usd[CHART_MULTIPLES.indexOf(2)]!).toBeGreaterThan(curves.curves[0]!.usd[one]!);
  });

  it('finds where per-request billing and always-on capacity cross, on the right side of it', () => {
    // Per-request billing is cheaper at low traffic and dearer at high: some rate crosses.
    const found = [2, 20, 200]
      .flatMap((rps) => {
        const wl = workloadOf({
          framework: 'sklearn',
          requestsPerSecond: rps,
          latencyP95Ms: 250,
          monthlyBudgetUsd: 800,
        });
        return [
          ['lambda', 'ecs-fargate'],
          ['lambda', 'sagemaker-realtime'],
        ].map(([a, b]) => ({
          rps,
          wl,
          curves: costCurves([a as OptionId, b as OptionId], wl, knowledge, prices),
        }));
      })
      .find((c) => c.curves.breakEvens.length > 0);
    expect(found).toBeDefined();
    const { rps, wl, curves } = found!;
    for (const b of curves.breakEvens) {
      expect(costAt(b.cheaperBelow, wl, b.multiple * 0.97)).toBeLessThanOrEqual(
        costAt(b.cheaperAbove, wl, b.multiple * 0.97),
      );
      expect(costAt(b.cheaperAbove, wl, b.multiple * 1.03)).toBeLessThanOrEqual(
        costAt(b.cheaperBelow, wl, b.multiple * 1.03),
      );
      expect(b.requestsPerSecond).toBeCloseTo(rps * b.multiple, 1);
    }
    expect(curves.breakEvens[0]!.cheaperBelow).toBe('lambda');
  });

  it('property: whenever the cheaper of two options differs at both ends of the range, a break-even is reported', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sklearn', 'xgboost', 'onnx', 'pytorch'),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(
          ...OPTION_IDS.filter((o) => !['on-prem', 'hybrid', 'sagemaker-batch', 'tf-serving'].includes(o)),
        ),
        fc.constantFrom(
          ...OPTION_IDS.filter((o) => !['on-prem', 'hybrid', 'sagemaker-batch', 'tf-serving'].includes(o)),
        ),
        (framework, rps, a, b) => {
          fc.pre(a !== b);
          const wl = workloadOf({
            framework,
            requestsPerSecond: rps,
            latencyP95Ms: 500,
            monthlyBudgetUsd: 1000,
          });
          const curves = costCurves([a, b], wl, knowledge, prices);
          const lo = costAt(a, wl, 0.1) - costAt(b, wl, 0.1);
          const hi = costAt(a, wl, 10) - costAt(b, wl, 10);
          if (lo !== 0 && hi !== 0 && Math.sign(lo) !== Math.sign(hi)) {
            expect(curves.breakEvens.length).toBeGreaterThan(0);
          }
          for (const be of curves.breakEvens) {
            expect(be.multiple).toBeGreaterThanOrEqual(0.1);
            expect(be.multiple).toBeLessThanOrEqual(10);
          }
        },
      ),
      { numRuns: 25, seed: 6 },
    );
  });
});

describe('more traffic never costs less', () => {
  // A PyTorch model at 200 requests/s on Fargate: at 0.75x a 1-vCPU x86 fleet, at 1x a Graviton
  // one. The sizing stopped at the first candidate dearer than its best fleet, but Fargate's
  // candidates came x86 first, not cheapest first, so Graviton was only tried once the fleet
  // grew: the curve fell from $1,709 to $1,541 as traffic rose.
  it('Fargate for a small PyTorch model around 200 requests/s', () => {
    const wl = workloadOf({
      framework: 'pytorch',
      modelSizeMb: 50,
      requestsPerSecond: 200,
      latencyP95Ms: 250,
      monthlyBudgetUsd: 1000,
    });
    const usd = costCurves(['ecs-fargate'], wl, knowledge, prices).curves[0]!.usd;
    expect(usd.every((v) => v !== null)).toBe(true);
    for (let i = 1; i < usd.length; i++)
      expect(usd[i]!, `at ${CHART_MULTIPLES[i]}x`).toBeGreaterThanOrEqual(usd[i - 1]!);
  });

  it('property: every option priced on the chart grows or holds with traffic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sklearn', 'xgboost', 'onnx', 'pytorch', 'huggingface'),
        fc.constantFrom(5, 50, 400, 3000),
        fc.constantFrom('steady', 'spiky', 'intermittent', 'batch'),
        fc.constantFrom(0.5, 2, 20, 40, 200, 900),
        (framework, modelSizeMb, trafficPattern, requestsPerSecond) => {
          const wl = workloadOf({
            framework,
            modelSizeMb,
            trafficPattern,
            requestsPerSecond,
            latencyP95Ms: 1000,
            monthlyBudgetUsd: 1000,
          });
          const options = OPTION_IDS.filter((o) => !['on-prem', 'hybrid'].includes(o));
          for (const curve of costCurves(options, wl, knowledge, prices).curves) {
            const usd = curve.usd;
            for (let i = 1; i < usd.length; i++) {
              if (usd[i] === null || usd[i - 1] === null) continue;
              expect(usd[i]!, `${curve.option} at ${CHART_MULTIPLES[i]}x`).toBeGreaterThanOrEqual(
                usd[i - 1]! - 1e-6,
              );
            }
          }
        },
      ),
      { numRuns: 15, seed: 16 },
    );
  }, 120_000);
});
