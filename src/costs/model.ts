import { headroomFit } from './latency-fit.js';
import { formatNumber, plural } from '../core/format.js';
import type { OptionId } from '../core/options.js';
import { coldStartSeconds as coldStartOf, type Workload } from '../core/workload.js';
import type { SavingsPlanId, Sizing } from '../knowledge/schema.js';
import type { CostContext } from './context.js';
import { activeRate, peakShare, round, type Fleet } from './fleet.js';
import { tensorParallelOf, tokenCalibration } from './hardware.js';
import type { LineItem, OptionSizing, SizingBlocker, SizingNote } from './types.js';

/**
 * What one option's cost model gives back: the bill, the configuration, and what the sizing found
 * (hard limits broken, score effects with their numbers). Each option's model lives in
 * src/costs/options/<option>.ts; src/costs/registry.ts holds them.
 */
export interface Priced {
  lineItems: LineItem[];
  /** Null when no configuration fits (then `blockers` says why and the bill is empty). */
  summary: OptionSizing | null;
  sizing: Record<string, string | number>;
  assumptions: string[];
  blockers: SizingBlocker[];
  notes: SizingNote[];
  /** USD of the lines that are people's time (not part of the bill the budget is for). */
  labourUsd: number;
  /** Own servers: the monthly USD of their lines (amortisation, power) and their purchase price. */
  ownHardware?: { monthlyUsd: number; upfrontUsd: number };
  /** USD of the lines each Savings Plan covers. */
  covered: { plan: SavingsPlanId; usd: number }[];
}

export interface CostModel {
  option: OptionId;
  price(w: Workload, ctx: CostContext): Priced;
}

/**
 * What a cost model gives instead of its configuration and sentences when the cost is not
 * explained (ctx.explain false: the ranking's numbers pass; see estimateOptionCost). Frozen: shared.
 */
export const NOT_EXPLAINED: Pick<Priced, 'summary' | 'sizing' | 'assumptions'> = Object.freeze({
  summary: null,
  sizing: Object.freeze({}) as Record<string, string | number>,
  assumptions: Object.freeze([]) as unknown as string[],
});

/** An option no configuration of which can serve the workload: no bill, only the blockers. */
export function unsized(blockers: SizingBlocker[], assumptions: string[] = []): Priced {
  return {
    lineItems: [],
    summary: null,
    sizing: {},
    assumptions,
    blockers,
    notes: [],
    labourUsd: 0,
    covered: [],
  };
}

/** Seconds to serve the first request after scaling from zero. */
export function coldStartSeconds(
  option: keyof Sizing['coldStart']['startS'],
  w: Workload,
  sizing: Sizing,
): number {
  return coldStartOf(option, w.answers, sizing);
}

/** Whether first requests after idle time are common enough to reach the p95. */
export function coldStartsReachP95(w: Workload, sizing: Sizing): boolean {
  const c = sizing.coldStart;
  if (w.answers.latencyP95Ms === null) return false;
  // By the shape of the traffic alone, so that more traffic never makes an option cheaper.
  return (c.patterns as string[]).includes(w.answers.trafficPattern);
}

/**
 * Warm environments to keep so requests do not wait for a cold start: the usual concurrency when
 * the traffic idles between uses, the peak concurrency when bursts scale out (spiky).
 */
export function warmConcurrency(w: Workload, sizing: Sizing, durationMs: number): number {
  const burst = (sizing.coldStart.burstPatterns as string[]).includes(w.answers.trafficPattern);
  const rate = burst ? w.peakRequestsPerSecond : activeRate(w);
  return Math.max(1, Math.ceil((rate * durationMs) / 1000));
}

/** Provisioned concurrency as a count of warm environments: "1 provisioned environment (concurrency 1)". */
export function provisioned(concurrency: number): string {
  return `${plural(concurrency, 'provisioned environment')} (concurrency ${formatNumber(concurrency)})`;
}

/** Why cold starts reach the p95 for this traffic shape, for the reasons that quote it. */
export function coldStartCause(w: Workload, sizing: Sizing): string {
  return (sizing.coldStart.burstPatterns as string[]).includes(w.answers.trafficPattern)
    ? `bursts to ${w.peakRequestsPerSecond} requests/s scale out new environments that start cold`
    : 'this traffic leaves the capacity idle between uses';
}

/** The reason quoting both numbers when the latency headroom is thin (costs/latency-fit.ts). */
export const headroomNote = headroomFit;

/** The summary of an instance fleet. */
export function fleetSummary(
  f: Fleet,
  w: Workload,
  coldStartS: number | null,
  what = 'instance',
): OptionSizing {
  const target = w.answers.latencyP95Ms;
  const acc = f.serving.accelerator;
  const gen = f.serving.generation;
  const batching = gen
    ? `${gen.devicesPerCopy > 1 ? `, each copy split over ${gen.devicesPerCopy} GPUs (tensor parallel)` : ''}, continuous batching of ${gen.concurrency} per copy`
    : f.serving.batched
      ? ', dynamic batching'
      : '';
  const device = acc ? `, ${acc.count} x ${acc.name} ${acc.memoryGb} GB${batching}` : '';
  const tokens = gen
    ? ` (${formatNumber(gen.tokensPerSecond, 0)} output tokens/s at ${gen.outputTokens} tokens a request, ${w.answers.outputTokens === undefined ? 'assumed' : 'answered'})`
    : '';
  return {
    hardware: f.machine.kind,
    instanceType: f.machine.name,
    count: f.average,
    minCount: f.min,
    maxCount: f.max,
    accelerator: acc,
    memoryFitMarginPct: f.serving.memoryFitMarginPct,
    latencyMs: target === null ? f.serving.latencyMs : f.serving.latencyMs,
    latencyMarginMs: target === null ? null : Math.round((target - f.serving.latencyMs) * 10) / 10,
    coldStartS,
    description: `${f.min === f.max ? f.max : `${f.min} to ${f.max}`}${availabilityReason(f)} x ${f.machine.name} (${f.machine.vcpu} vCPU, ${f.machine.memoryGiB} GiB${device}), ${sig(f.capacityRps)} requests/s per ${what} at the planned utilisation${tokens}`,
  };
}

/** How a split copy's speed was modelled: its devices' link, the efficiency and the step floor. */
function splitBasis(f: Fleet, devices: number, sizing: Sizing): string {
  const name = f.machine.accelerator?.name;
  if (!name) return '';
  const t = tensorParallelOf(name, devices, sizing);
  const link = (sizing.hardware.accelerators as unknown as Record<string, { interconnect: string }>)[name]!
    .interconnect;
  const over = link === 'pcie' ? 'PCIe' : link === 'nvswitch' ? 'NVSwitch' : 'NeuronLink';
  return `: linked over ${over}, their memory bandwidth added up at ${Math.round(t.efficiency * 100)}% efficiency and at least ${t.minTokenMs} ms a token, sizing.yaml llm.tensorParallel`;
}

export function fleetAssumptions(f: Fleet, w: Workload, sizing: Sizing, what = 'instance'): string[] {
  const u = sizing.targetUtilisation * 100;
  const gen = f.serving.generation;
  if (gen) {
    return [
      `${f.machine.name} serves the model as a generative LLM with continuous batching (vLLM, TGI or SageMaker LMI), ${plural(gen.concurrency, 'request')} in flight per copy${gen.devicesPerCopy > 1 ? ` (one copy split over ${gen.devicesPerCopy} devices, tensor parallel: ${splitBasis(f, gen.devicesPerCopy, sizing)})` : ''}: ${formatNumber(gen.tokensPerSecond, 0)} output tokens/s, so ${sig(f.capacityRps)} requests/s at ${u}% utilisation at ${gen.inputTokens} input and ${gen.outputTokens} output tokens a request (${w.answers.inputTokens === undefined || w.answers.outputTokens === undefined ? 'assumed where not answered, sizing.yaml llm' : 'answered'}).`,
      `p95 about ${formatNumber(f.serving.latencyMs, 1)} ms: time to first token about ${formatNumber(gen.timeToFirstTokenMs, 1)} ms, then ${gen.outputTokens} tokens at ${formatNumber(gen.perTokenMs, 1)} ms each${calibrated(w, sizing)}; a longer answer takes proportionally longer.`,
      fleetCounts(f, w, sizing, what),
    ];
  }
  return [
    `${f.machine.name} holds ${plural(f.serving.replicas, 'copy', 'copies')} of the model and serves ${sig(f.capacityRps)} requests/s at ${u}% utilisation${f.serving.batched ? ' with dynamic batching' : ''}; p95 about ${formatNumber(f.serving.latencyMs, 1)} ms${measuredBasis(f, w, sizing)}.`,
    fleetCounts(f, w, sizing, what),
  ];
}

/** How many machines run when: one sentence, "1 instance at all times" when the count never moves. */
function fleetCounts(f: Fleet, w: Workload, sizing: Sizing, what: string): string {
  if (f.min === f.max) return `${plural(f.max, what)} at all times${availabilityReason(f)}.`;
  if (f.initial === f.max)
    return `${plural(f.max, what)} while traffic flows, the peak of ${formatNumber(w.peakRequestsPerSecond)} requests/s included; ${formatNumber(f.min)} when idle${availabilityReason(f)}; ${formatNumber(f.average, 3)} on average.`;
  return `${plural(f.initial, what)} while traffic flows, up to ${formatNumber(f.max)} at the peak of ${formatNumber(w.peakRequestsPerSecond)} requests/s for ${formatNumber(round(peakShare(w, sizing) * 100, 1))}% of the active time; ${formatNumber(f.min)} when idle${availabilityReason(f)}; ${formatNumber(f.average, 3)} on average.`;
}

export function sig(v: number): number {
  return Number(v.toPrecision(3));
}

/**
 * Where an answered inference time stands beside a GPU fleet: the GPU it was timed on and the
 * factor this machine's GPU runs at against it (sizing.yaml inferenceMs.measuredGpu).
 */
function measuredBasis(f: Fleet, w: Workload, sizing: Sizing): string {
  const acc = f.serving.accelerator;
  const measured = w.answers.inferenceMs;
  if (!acc || measured === undefined || w.answers.gpu !== 'required' || !w.gpuHelps) return '';
  const base = sizing.inferenceMs.measuredGpu;
  const speeds = sizing.hardware.accelerators as unknown as Record<string, { speed: number }>;
  const factor = speeds[acc.name]!.speed / speeds[base.accelerator]!.speed;
  const scaled = factor === 1 ? '' : `, ${sig(factor)}x as fast on ${acc.name}`;
  return ` (the answered ${formatNumber(measured, 0)} ms is one request on one ${base.accelerator}, ${base.instances}${scaled})`;
}

/** Where the time per token of a generative LLM comes from when a request time was answered. */
function calibrated(w: Workload, sizing: Sizing): string {
  const measured = w.answers.inferenceMs;
  if (measured === undefined || w.answers.gpu !== 'required') return '';
  const base = sizing.inferenceMs.measuredGpu;
  const c = tokenCalibration(w, sizing);
  const from = `the answered ${formatNumber(measured, 0)} ms for one request on a single stream on one ${base.accelerator}`;
  if (c.atBandwidthLimit)
    return ` (held at one ${base.accelerator}'s memory-bandwidth limit: ${from} is faster than the ${formatNumber(Math.round(c.limitMs), 0)} ms that limit allows for ${w.outputTokens} output tokens of a ${formatNumber(w.answers.modelSizeMb, 0)} MB model, so it was timed on a faster GPU or a shorter answer)`;
  return ` (calibrated from ${from}, scaled by memory bandwidth)`;
}

/** Why a fleet keeps a minimum it would not need for the load (sizing.yaml availability). */
function availabilityReason(f: Fleet): string {
  return f.availabilityMin > 1 && f.min <= f.availabilityMin
    ? ` (at least ${f.availabilityMin} for availability across zones)`
    : '';
}
