import { describe, expect, it } from 'vitest';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { entry, knowledge, run } from './support.js';

/** The defects of the third expert review of the engine, each on the workload it was seen on. */

const llm7b: AnswersInput = {
  framework: 'huggingface',
  modelSizeMb: 14500,
  gpu: 'required',
  trafficPattern: 'steady',
  requestsPerSecond: 2,
  peakRequestsPerSecond: 6,
  payloadKb: 8,
  inferenceMs: 1500,
  latencyP95Ms: 4000,
  monthlyBudgetUsd: 5000,
  teamOpsMaturity: 'medium',
};

const intermittent: AnswersInput = {
  framework: 'sklearn',
  modelSizeMb: 30,
  gpu: 'none',
  trafficPattern: 'intermittent',
  requestsPerSecond: 0.02,
  payloadKb: 1,
  inferenceMs: 30,
  latencyP95Ms: 2000,
  monthlyBudgetUsd: 100,
  teamOpsMaturity: 'low',
};

describe('R1: asynchronous inference behind a p95 target keeps the availability minimum', () => {
  it('an interactive LLM on async runs at least as many instances as real-time does', () => {
    const rec = run(llm7b);
    const a = entry(rec, 'sagemaker-async');
    const rt = entry(rec, 'sagemaker-realtime');
    expect(a.sizing!.minCount).toBeGreaterThanOrEqual(2);
    expect(a.sizing!.count).toBeGreaterThanOrEqual(2);
    // Not cheaper than real-time only by running a single instance.
    expect(a.monthlyCostUsd!).toBeGreaterThanOrEqual(rt.monthlyCostUsd! * 0.95);
  });

  it('batch traffic on async still scales to zero', () => {
    const rec = run({ ...intermittent, trafficPattern: 'batch', latencyP95Ms: 60000 });
    expect(entry(rec, 'sagemaker-async').sizing!.minCount).toBe(0);
  });

  it('"tolerates an occasional cold start" and "scaling from zero over the target" never fire together', () => {
    for (const answers of [intermittent, { ...intermittent, trafficPattern: 'spiky' as const }]) {
      const rules = entry(run(answers), 'sagemaker-async').reasons.map((r) => r.rule);
      const both =
        rules.includes('relaxed-latency-suits-serverless') && rules.includes('cold-start-over-target');
      expect(both, rules.join(', ')).toBe(false);
    }
  });
});

describe('R2: an existing EKS cluster keeps the NAT data line', () => {
  it('only the NAT gateway hours are sunk; the image pulls through it are billed', () => {
    const base: AnswersInput = {
      framework: 'pytorch',
      modelSizeMb: 500,
      requestsPerSecond: 30,
      peakRequestsPerSecond: 90,
      latencyP95Ms: 150,
      monthlyBudgetUsd: 3000,
    };
    const items = (kubernetes: 'eks' | 'none') =>
      entry(run({ ...base, kubernetes }), 'eks').cost!.lineItems.map((l) => l.item);
    const existing = items('eks');
    expect(existing.some((i) => /^NAT gateway data/.test(i))).toBe(true);
    expect(existing.some((i) => /^NAT gateway \(1 x/.test(i))).toBe(false);
    expect(items('none').some((i) => /^NAT gateway \(1 x/.test(i))).toBe(true);
  });
});

describe('R3: EKS pods fit the nodes, surge included', () => {
  const eksOnly = (answers: AnswersInput) => entry(run({ ...answers, kubernetes: 'eks' }), 'eks');
  const cases: AnswersInput[] = [
    {
      framework: 'sklearn',
      modelSizeMb: 50,
      requestsPerSecond: 2,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 1000,
    },
    {
      framework: 'pytorch',
      modelSizeMb: 500,
      requestsPerSecond: 30,
      peakRequestsPerSecond: 90,
      latencyP95Ms: 150,
      monthlyBudgetUsd: 3000,
    },
  ];

  it('the autoscaler never allows more pods than the nodes at the peak hold', () => {
    for (const answers of cases) {
      const s = eksOnly(answers).cost!.sizing as Record<string, string | number>;
      expect(Number(s['maxPods'])).toBeLessThanOrEqual(Number(s['maxNodes']) * Number(s['podsPerNode']));
      expect(Number(s['maxPods'])).toBeGreaterThan(Number(s['minPods']));
    }
  });

  it('a full fleet prices the node the rolling update surges onto', () => {
    const e = eksOnly(cases[0]!);
    const s = e.cost!.sizing as Record<string, string | number>;
    expect(Number(s['maxNodes'])).toBeGreaterThan(Number(s['averageNodes']));
    expect(e.cost!.lineItems.some((l) => /surge node/.test(l.item) && l.usd > 0)).toBe(true);
  });

  it("the node's pods leave the kubelet's reservation and the daemon sets' requests free", () => {
    const k8s = knowledge.sizing.kubernetes;
    for (const answers of cases) {
      const e = eksOnly(answers);
      const s = e.cost!.sizing as Record<string, string | number>;
      const vcpu = machineVcpu(String(e.cost!.sizing.nodeType));
      const reserved =
        60 + (vcpu > 1 ? 10 : 0) + 5 * Math.min(2, Math.max(0, vcpu - 2)) + 2.5 * Math.max(0, vcpu - 4);
      expect(Number(s['podCpuMillicores']) * Number(s['podsPerNode'])).toBeLessThanOrEqual(
        vcpu * 1000 - reserved - k8s.daemonSetMillicores,
      );
    }
  });
});

function machineVcpu(name: string): number {
  const m = knowledge.instances.find((i) => i.name === name);
  return m!.vcpu;
}

describe('R4: the time at the peak is bounded by the average rate', () => {
  it("a queue's month of instance-hours carries no more peak than the average rate holds", () => {
    const answers: AnswersInput = {
      framework: 'pytorch',
      modelSizeMb: 2000,
      gpu: 'required',
      trafficPattern: 'intermittent',
      requestsPerSecond: 0.01,
      peakRequestsPerSecond: 2,
      payloadKb: 51200,
      inferenceMs: 20000,
      // An hour: the queue absorbs a start from zero, so no availability floor hides the count.
      latencyP95Ms: 3600000,
      monthlyBudgetUsd: 3000,
    };
    const w = deriveWorkload(parseAnswers(answers).answers, knowledge.sizing);
    const s = entry(run(answers), 'sagemaker-async').sizing!;
    const active = w.answers.requestsPerSecond / w.activeShare;
    const initial = Math.max(1, Math.ceil(active / (s.count > 0 ? capacity(s.description) : 1) - 1e-9));
    // The peak's extra machines for at most the share of the active time the average rate allows.
    // The queue may serve the peak with fewer machines for longer (the peak and the drain after
    // it), but never with more work than serving it as it arrives: bound by that fleet.
    const peakMax = Math.max(initial, Math.ceil(2 / capacity(s.description) - 1e-9));
    const bound = w.activeShare * (initial + (peakMax - initial) * Math.min(0.1, active / 2));
    expect(s.count).toBeLessThanOrEqual(bound + 0.01);
  });
});

function capacity(description: string): number {
  return Number(/([\d.]+) requests\/s per instance/.exec(description)![1]);
}
