import type { Workload } from './workload.js';

/**
 * The facts rules and limits may test: every answer, the derived workload, and per option its
 * modelled cost. Knowledge files name facts by these keys; `knowledge check` rejects others.
 */
export const FACT_NAMES = [
  // answers
  'framework',
  'modelSizeMb',
  'gpu',
  'trafficPattern',
  'requestsPerSecond',
  'payloadKb',
  'latencyP95Ms',
  'monthlyBudgetUsd',
  'region',
  'hosting',
  'kubernetes',
  'teamOpsMaturity',
  // derived from the answers (estimated when not answered)
  'peakRequestsPerSecond',
  'inferenceMs',
  'memoryNeededMb',
  'peakConcurrency',
  'monthlyRequests',
  'payloadMb',
  'offline',
  // per option
  'monthlyCostUsd',
  'costToBudget',
] as const;

export type FactName = (typeof FACT_NAMES)[number];
export type FactValue = string | number | boolean | null;
export type Facts = Record<FactName, FactValue>;

export function workloadFacts(w: Workload): Omit<Facts, 'monthlyCostUsd' | 'costToBudget'> {
  const a = w.answers;
  return {
    framework: a.framework,
    modelSizeMb: a.modelSizeMb,
    gpu: a.gpu,
    trafficPattern: a.trafficPattern,
    requestsPerSecond: a.requestsPerSecond,
    payloadKb: a.payloadKb,
    latencyP95Ms: a.latencyP95Ms,
    monthlyBudgetUsd: a.monthlyBudgetUsd,
    region: a.region,
    hosting: a.hosting,
    kubernetes: a.kubernetes,
    teamOpsMaturity: a.teamOpsMaturity,
    peakRequestsPerSecond: w.peakRequestsPerSecond,
    inferenceMs: w.inferenceMs,
    memoryNeededMb: w.memoryNeededMb,
    peakConcurrency: w.peakConcurrency,
    monthlyRequests: w.monthlyRequests,
    payloadMb: Math.round((a.payloadKb / 1024) * 1000) / 1000,
    offline: a.latencyP95Ms === null,
  };
}

export function optionFacts(
  base: Omit<Facts, 'monthlyCostUsd' | 'costToBudget'>,
  monthlyCostUsd: number | null,
): Facts {
  const budget = Number(base.monthlyBudgetUsd);
  const costToBudget =
    monthlyCostUsd === null ? null : budget > 0 ? monthlyCostUsd / budget : monthlyCostUsd > 0 ? Infinity : 0;
  return { ...base, monthlyCostUsd, costToBudget };
}
