import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import type { OptionId } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

/**
 * Scenarios where an ML platform engineer's pick is clear. Each names the expected winner and
 * the options that must be blocked; together they cover every option as a winner or a blocked
 * choice at least once.
 */
interface Scenario {
  name: string;
  answers: AnswersInput;
  winner: OptionId;
  blocked?: OptionId[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a small scikit-learn model called now and then by an internal tool, low-ops team',
    answers: {
      framework: 'sklearn',
      modelSizeMb: 20,
      trafficPattern: 'intermittent',
      requestsPerSecond: 0.5,
      latencyP95Ms: 1000,
      monthlyBudgetUsd: 50,
      teamOpsMaturity: 'low',
    },
    winner: 'lambda',
    blocked: ['on-prem', 'hybrid', 'tf-serving'],
  },
  {
    name: 'a PyTorch vision model on a GPU at a steady 40 requests/s with a 100 ms target',
    answers: {
      framework: 'pytorch',
      modelSizeMb: 1500,
      gpu: 'required',
      trafficPattern: 'steady',
      requestsPerSecond: 40,
      latencyP95Ms: 100,
      monthlyBudgetUsd: 3000,
    },
    winner: 'sagemaker-realtime',
    blocked: ['lambda', 'sagemaker-serverless', 'ecs-fargate', 'tf-serving'],
  },
  {
    name: 'nightly scoring of a customer table with XGBoost',
    answers: {
      framework: 'xgboost',
      trafficPattern: 'batch',
      requestsPerSecond: 50,
      latencyP95Ms: null,
      monthlyBudgetUsd: 500,
    },
    winner: 'sagemaker-batch',
  },
  {
    name: 'video clips of 50 MB analysed in about two minutes each, results picked up later',
    answers: {
      framework: 'pytorch',
      modelSizeMb: 3000,
      gpu: 'required',
      trafficPattern: 'intermittent',
      requestsPerSecond: 0.05,
      payloadKb: 51200,
      inferenceMs: 120000,
      latencyP95Ms: 600000,
      monthlyBudgetUsd: 2000,
    },
    winner: 'sagemaker-async',
    blocked: ['lambda', 'sagemaker-serverless', 'sagemaker-realtime', 'ecs-fargate'],
  },
  {
    name: 'a platform team that already runs EKS and must stay portable across clouds',
    answers: {
      framework: 'onnx',
      trafficPattern: 'steady',
      requestsPerSecond: 200,
      latencyP95Ms: 50,
      monthlyBudgetUsd: 4000,
      hosting: 'multi-cloud',
      kubernetes: 'eks',
      teamOpsMaturity: 'high',
    },
    winner: 'eks',
    blocked: ['on-prem', 'hybrid', 'tf-serving'],
  },
  {
    name: 'a TensorFlow SavedModel at a steady 150 requests/s, an experienced team without Kubernetes',
    answers: {
      framework: 'tensorflow',
      modelSizeMb: 400,
      trafficPattern: 'steady',
      requestsPerSecond: 150,
      // Measured: the estimate for a 400 MB model on one core (85 ms) cannot meet 50 ms on CPU.
      inferenceMs: 15,
      latencyP95Ms: 50,
      monthlyBudgetUsd: 1500,
      hosting: 'multi-cloud',
      teamOpsMaturity: 'high',
    },
    winner: 'tf-serving',
  },
  {
    name: 'a hospital whose data may not leave its own servers',
    answers: {
      framework: 'pytorch',
      gpu: 'required',
      trafficPattern: 'steady',
      requestsPerSecond: 10,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 5000,
      hosting: 'on-prem-only',
      kubernetes: 'self-managed',
      teamOpsMaturity: 'high',
    },
    winner: 'on-prem',
    blocked: [
      'sagemaker-realtime',
      'sagemaker-serverless',
      'sagemaker-async',
      'sagemaker-batch',
      'lambda',
      'ecs-fargate',
      'eks',
      'tf-serving',
      'hybrid',
    ],
  },
  {
    // A GPU model at a steady, high base load: own GPU servers amortised over three years beat
    // cloud GPU hours, and the cloud takes the spikes. (The earlier version, a small sklearn model
    // at 30 requests/s, is served for a fraction of two environments' people's time by Lambda.)
    name: 'own Kubernetes on-premises, a GPU model at a high base load, cloud allowed for the bursts',
    answers: {
      framework: 'pytorch',
      modelSizeMb: 1500,
      gpu: 'required',
      trafficPattern: 'spiky',
      requestsPerSecond: 400,
      latencyP95Ms: 200,
      monthlyBudgetUsd: 3000,
      hosting: 'hybrid-ok',
      kubernetes: 'self-managed',
      teamOpsMaturity: 'high',
      // Own Kubernetes on-premises runs on servers the team owns: said now, as the own-hardware
      // bonus needs it (without it, the servers are bought new and earn no bonus).
      existingServers: 'available',
    },
    winner: 'hybrid',
  },
  {
    name: 'a steady API of a scikit-learn model, a team that runs containers but wants no lock-in to SageMaker',
    answers: {
      framework: 'sklearn',
      modelSizeMb: 300,
      trafficPattern: 'steady',
      requestsPerSecond: 60,
      latencyP95Ms: 100,
      monthlyBudgetUsd: 600,
      hosting: 'multi-cloud',
      teamOpsMaturity: 'medium',
    },
    winner: 'ecs-fargate',
  },
  {
    name: 'a small Hugging Face classifier with bursty, low traffic and a relaxed latency target',
    answers: {
      framework: 'huggingface',
      modelSizeMb: 500,
      trafficPattern: 'intermittent',
      requestsPerSecond: 1,
      latencyP95Ms: 2000,
      monthlyBudgetUsd: 200,
      teamOpsMaturity: 'low',
    },
    // Cold starts of about 15 s on idle-prone traffic break a 2 s target: Lambda with provisioned
    // concurrency meets it; Serverless Inference without a priced provisioned concurrency is
    // marked down (it was the pick before cold starts were modelled).
    winner: 'lambda',
  },
  {
    name: 'a 14 GB language model that needs a GPU, served to a product at a steady rate',
    answers: {
      framework: 'huggingface',
      modelSizeMb: 14000,
      gpu: 'required',
      trafficPattern: 'steady',
      requestsPerSecond: 5,
      latencyP95Ms: 1500,
      monthlyBudgetUsd: 4000,
      teamOpsMaturity: 'medium',
    },
    winner: 'sagemaker-realtime',
    blocked: ['lambda', 'sagemaker-serverless', 'ecs-fargate', 'tf-serving', 'sagemaker-batch'],
  },
  {
    name: 'a few uploads an hour of 8 MB scans, scored in a second, results not needed at once',
    answers: {
      framework: 'tensorflow',
      trafficPattern: 'intermittent',
      requestsPerSecond: 0.01,
      payloadKb: 8192,
      latencyP95Ms: 30000,
      monthlyBudgetUsd: 1000,
      teamOpsMaturity: 'low',
    },
    winner: 'sagemaker-async',
    blocked: ['lambda', 'sagemaker-serverless', 'sagemaker-realtime'],
  },
];

describe('scenarios: the pick an ML platform engineer would make', () => {
  const knowledge = loadKnowledge();
  const prices = loadSnapshotPriceBook('us-east-1');

  for (const scenario of SCENARIOS) {
    it(`${scenario.name} -> ${scenario.winner}`, () => {
      const rec = advise(parseAnswers(scenario.answers), knowledge, prices);
      const summary = rec.ranking.map((r) => `${r.option}:${r.feasible ? r.score : 'x'}`).join(' ');
      expect(rec.ranking[0]!.option, summary).toBe(scenario.winner);
      expect(rec.ranking[0]!.feasible).toBe(true);
      for (const option of scenario.blocked ?? []) {
        const entry = rec.ranking.find((r) => r.option === option)!;
        expect(entry.feasible, `${option} should be blocked`).toBe(false);
        expect(entry.blockers.length).toBeGreaterThan(0);
      }
    });
  }

  it('cover every option as a winner or a blocked choice', () => {
    const covered = new Set(SCENARIOS.flatMap((s) => [s.winner, ...(s.blocked ?? [])]));
    expect([...covered].sort()).toEqual([...knowledge.options.map((o) => o.id)].sort());
  });
});
