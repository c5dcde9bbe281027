// Types for advice.mjs, which the numbers-pass test imports its workloads from.

/** One workload of the benchmark's mix: answers as a user would write them. */
export interface BenchWorkload {
  readonly framework: string;
  readonly requestsPerSecond: number;
  readonly latencyP95Ms: number | null;
  readonly monthlyBudgetUsd: number;
  readonly trafficPattern?: string;
  readonly modelSizeMb?: number;
  readonly gpu?: string;
  readonly hosting?: string;
  readonly kubernetes?: string;
}

export const name: string;
export const WORKLOADS: readonly BenchWorkload[];
export function distinctWhatIfs(count: number, seed?: number): Record<string, unknown>[];
export function run(options?: { iterations?: number }): Promise<{ ok: boolean; lines: string[] }>;
