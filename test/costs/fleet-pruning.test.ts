import { describe, expect, it } from 'vitest';
import { distinctWhatIfs, WORKLOADS } from '../../scripts/bench/advice.mjs';
import { parseAnswers } from '../../src/core/answers.js';
import type { OptionId } from '../../src/core/options.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { costContext } from '../../src/costs/context.js';
import { cheapestFleet, NOTHING_PER_PEAK } from '../../src/costs/fleet.js';
import { natUsdPerPeakMachine } from '../../src/costs/network.js';
import { fargateCandidates } from '../../src/costs/options/ecs-fargate.js';
import { serverFleet } from '../../src/costs/options/on-prem-common.js';
import { cheapestPerRecord } from '../../src/costs/options/sagemaker-batch.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

const knowledge = loadKnowledge();
const ctx = costContext(knowledge, loadSnapshotPriceBook('us-east-1'));
const sizing = knowledge.sizing;

/**
 * The fleet search stops at the first candidate whose fewest machines (one, or the availability
 * floor) cost more than the best fleet found: it must pick what trying every candidate picks.
 */
describe('the fleet search stopping early', () => {
  it('picks the fleet, or gives the blockers, that trying every candidate gives', () => {
    let found = 0;
    for (const raw of distinctWhatIfs(400, 5)) {
      const w = deriveWorkload(parseAnswers(raw).answers, sizing);
      const cpu = natUsdPerPeakMachine(w, ctx, false);
      const gpu = natUsdPerPeakMachine(w, ctx, true);
      const searches: [
        OptionId,
        readonly { machine: (typeof ctx.ec2)[number]['machine']; usdPerHour: number }[],
        number,
      ][] = [
        ['sagemaker-realtime', ctx.sagemaker.hosting, 1],
        ['sagemaker-async', ctx.sagemaker.async, 0],
        ['eks', ctx.ec2, 1],
        ['tf-serving', ctx.ec2X86Gpu, 1],
        ['hybrid', ctx.ec2, 1],
        [
          'ecs-fargate',
          fargateCandidates(w, ctx, ['x86_64', 'arm64']).sort((a, b) => a.usdPerHour - b.usdPerHour),
          1,
        ],
      ];
      for (const [option, candidates, idleMin] of searches) {
        for (const perPeak of [NOTHING_PER_PEAK, { cpu, accelerated: gpu }]) {
          const target = w.answers.latencyP95Ms;
          const pruned = cheapestFleet(option, candidates, w, sizing, idleMin, target, perPeak);
          const every = cheapestFleet(option, candidates, w, sizing, idleMin, target, perPeak, false);
          expect(pruned, `${option} ${JSON.stringify(raw)}`).toEqual(every);
          if (pruned.fleet) found += 1;
        }
      }
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('picks, for batch transform, the instance type that trying every one picks', () => {
    let found = 0;
    for (const raw of [...distinctWhatIfs(600, 9), ...WORKLOADS]) {
      const w = deriveWorkload(parseAnswers(raw).answers, sizing);
      const pruned = cheapestPerRecord(ctx.sagemaker.batch, w, sizing);
      const every = cheapestPerRecord(ctx.sagemaker.batch, w, sizing, false);
      expect(pruned.candidate?.spec.name, JSON.stringify(raw)).toBe(every.candidate?.spec.name);
      expect(pruned.serving).toEqual(every.serving);
      if (pruned.candidate) found += 1;
    }
    expect(found).toBeGreaterThan(400);
  });
});

/**
 * An LLM's ways on one machine come in runs of rising concurrency (Servings.run): the fleet
 * searches bisect a run, and on-prem prices only the last way of a run that meets the target. Both
 * must pick what pricing every way picks, across targets from impossible to loose.
 */
describe('the fleet searches over runs of LLM ways', () => {
  const llms: Record<string, unknown>[] = [];
  for (const modelSizeMb of [900, 4000, 14000, 30000, 70000, 140000])
    for (const latencyP95Ms of [80, 400, 1500, 4000, 12000, null])
      for (const requestsPerSecond of [0.3, 4, 60])
        llms.push({
          framework: 'huggingface',
          gpu: 'required',
          modelSizeMb,
          latencyP95Ms,
          requestsPerSecond,
          trafficPattern: latencyP95Ms === null ? 'batch' : 'spiky',
          hosting: 'hybrid-ok',
          outputTokens: requestsPerSecond > 10 ? 64 : 400,
          monthlyBudgetUsd: 20000,
        });

  it('picks what trying every way picks, on every cloud fleet', () => {
    let bisected = 0;
    for (const raw of llms) {
      const w = deriveWorkload(parseAnswers(raw).answers, sizing);
      for (const [option, candidates] of [
        ['sagemaker-realtime', ctx.sagemaker.hosting],
        ['sagemaker-async', ctx.sagemaker.async],
        ['eks', ctx.ec2],
        ['tf-serving', ctx.ec2X86Gpu],
      ] as const) {
        const gpu = natUsdPerPeakMachine(w, ctx, true);
        const perPeak = { cpu: 0, accelerated: gpu };
        const target = w.answers.latencyP95Ms;
        const pruned = cheapestFleet(option, candidates, w, sizing, 1, target, perPeak);
        const every = cheapestFleet(option, candidates, w, sizing, 1, target, perPeak, false);
        expect(pruned, `${option} ${JSON.stringify(raw)}`).toEqual(every);
        if (pruned.fleet?.serving.generation && pruned.fleet.serving.generation.concurrency > 1)
          bisected += 1;
      }
    }
    expect(bisected).toBeGreaterThan(50);
  });

  it('picks what pricing every way picks, on own servers', () => {
    let found = 0;
    for (const raw of llms) {
      const w = deriveWorkload(parseAnswers(raw).answers, sizing);
      for (const rate of [w.answers.requestsPerSecond, w.peakRequestsPerSecond]) {
        const pruned = serverFleet('on-prem', rate, 1, w, ctx);
        const every = serverFleet('on-prem', rate, 1, w, ctx, false);
        expect(pruned, JSON.stringify(raw)).toEqual(every);
        if (pruned.fleet) found += 1;
      }
    }
    expect(found).toBeGreaterThan(100);
  });
});
