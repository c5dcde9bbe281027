import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { deriveWorkload, type Workload } from '../../src/core/workload.js';
import { costContext } from '../../src/costs/context.js';
import { servingsAfresh, servingsOf } from '../../src/costs/hardware.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

const knowledge = loadKnowledge();
const sizing = knowledge.sizing;
const ctx = costContext(knowledge, loadSnapshotPriceBook('us-east-1'));
const machines = [...new Set([...ctx.ec2, ...ctx.sagemaker.hosting].map((c) => c.machine))];
const workload = (answers: Record<string, unknown>): Workload =>
  deriveWorkload(parseAnswers(answers).answers, sizing);

/** Each machine's ways for `w` worked out afresh. */
function fresh(w: Workload): string {
  return JSON.stringify(machines.map((m) => servingsAfresh(m, w, sizing)));
}

/**
 * A machine's ways are reused from the workload served before when the two differ only in what
 * the ways do not depend on (the rate, the latency target, the budget): never otherwise.
 */
describe('the ways a machine serves a workload', () => {
  const base = {
    framework: 'pytorch',
    modelSizeMb: 800,
    gpu: 'optional',
    requestsPerSecond: 10,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 3000,
  };
  const changes: Record<string, unknown>[] = [
    { requestsPerSecond: 80 },
    { latencyP95Ms: 90 },
    { monthlyBudgetUsd: 10 },
    { modelSizeMb: 801 },
    { inferenceMs: 40 },
    { gpu: 'required' },
    { gpu: 'none' },
    { framework: 'onnx' },
    { framework: 'huggingface', modelSizeMb: 14000 },
    { framework: 'huggingface', modelSizeMb: 14000, gpu: 'required', inferenceMs: 900 },
    // An LLM's prompt and answer lengths (answer fields) set its time to first token and its rate.
    // (With a measured request time, the workload's own times stay put while the lengths move.)
    { framework: 'huggingface', modelSizeMb: 14000, gpu: 'required', inferenceMs: 900, inputTokens: 2000 },
    { framework: 'huggingface', modelSizeMb: 14000, gpu: 'required', inferenceMs: 900, outputTokens: 50 },
  ];

  it('are those of the workload asked for, whatever was served just before', () => {
    for (const before of changes) {
      for (const after of changes) {
        const first = workload({ ...base, ...before });
        const second = workload({ ...base, ...after });
        const expected = fresh(second);
        for (const m of machines) servingsOf(m, first, sizing);
        expect(
          JSON.stringify(machines.map((m) => servingsOf(m, second, sizing))),
          JSON.stringify([before, after]),
        ).toBe(expected);
      }
    }
  });
});

describe('an EC2 type and its SageMaker twin', () => {
  it('share one evaluation of the ways, which is what either would work out alone', () => {
    const w = workload({
      framework: 'pytorch',
      modelSizeMb: 900,
      gpu: 'optional',
      requestsPerSecond: 40,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 3000,
    });
    const ec2 = new Map(ctx.ec2.map((c) => [c.machine.name, c.machine]));
    let twins = 0;
    for (const { machine } of ctx.sagemaker.hosting) {
      const twin = ec2.get(machine.name.replace(/^ml\./, ''));
      if (!twin || twin.vcpu !== machine.vcpu || twin.memoryGiB !== machine.memoryGiB) continue;
      twins += 1;
      const ways = servingsOf(machine, w, sizing);
      expect(servingsOf(twin, w, sizing), twin.name).toBe(ways);
      expect(JSON.stringify(ways)).toBe(JSON.stringify(servingsAfresh(twin, w, sizing)));
    }
    expect(twins).toBeGreaterThan(10);
  });
});
