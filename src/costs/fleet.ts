import { formatNumber } from '../core/format.js';
import type { OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import type { Sizing } from '../knowledge/schema.js';
import {
  kindAllowed,
  mostRps,
  servingsOf,
  tensorParallelOf,
  withOverhead,
  type Machine,
  type Serving,
} from './hardware.js';
import type { SizingBlocker } from './types.js';

/**
 * Fleet sizing: for each candidate machine, the count that carries the load at the target
 * utilisation, and the cheapest candidate that fits the model and meets the latency target.
 * When none does, the blocker names the largest candidate (memory) or the fastest (latency).
 */
export interface Fleet {
  machine: Machine;
  serving: Serving;
  usdPerHour: number;
  /** Requests a second one machine carries at the target utilisation. */
  capacityRps: number;
  initial: number;
  max: number;
  min: number;
  /** Average machines running over the month. */
  average: number;
  /** The least machines kept for availability across zones (sizing.yaml availability); 0: none. */
  availabilityMin: number;
  monthlyUsd: number;
}

/** Request rate while traffic flows: the monthly average spread over the active share. */
export function activeRate(w: Workload): number {
  const rps = w.answers.requestsPerSecond / w.activeShare;
  return Math.min(Math.max(rps, w.answers.requestsPerSecond), Math.max(w.peakRequestsPerSecond, rps));
}

/**
 * The least machines an option keeps up for availability: sizing.yaml availability.minInstances
 * for an always-on fleet behind a latency target, 0 otherwise (offline work, queues, serverless).
 */
export function availabilityMin(option: OptionId, w: Workload, sizing: Sizing): number {
  const a = sizing.availability;
  if (w.answers.latencyP95Ms === null) return 0;
  // A queue whose clients wait on a p95 target shorter than a start from zero serves them as a
  // real-time fleet would: the same floor (availability.queueOptions). Batch traffic, or a target
  // that absorbs the start (results fetched later), lets the queue scale to zero.
  if (a.queueOptions.includes(option)) return w.queueScalesToZero ? 0 : a.minInstances;
  return a.options.includes(option) ? a.minInstances : 0;
}

/** Machines while traffic flows, at the peak, when idle, and on average over the month. */
function counts(capacityRps: number, w: Workload, sizing: Sizing, idleMin: number, floor: number) {
  const initial = Math.max(1, floor, Math.ceil(activeRate(w) / capacityRps - 1e-9));
  const max = Math.max(initial, Math.ceil(w.peakRequestsPerSecond / capacityRps - 1e-9));
  const min = Math.max(floor, Math.min(idleMin, initial));
  const busy = initial + (max - initial) * peakShare(w, sizing);
  const average = round(w.activeShare * busy + (1 - w.activeShare) * min, 3);
  return { initial, max, min, average };
}

/**
 * The share of the active time spent at the peak: sizing.yaml's share, but never more than the
 * average rate allows (the peak's requests alone would then exceed the month's), so the month's
 * machine-hours stay consistent with the average rate.
 */
export function peakShare(w: Workload, sizing: Sizing): number {
  const peak = w.peakRequestsPerSecond;
  return peak > 0 ? Math.min(sizing.peakShareOfActiveTime, activeRate(w) / peak) : 0;
}

/** Machines at the peak, as `counts` finds them. */
function peakCount(capacityRps: number, w: Workload, floor: number): number {
  const initial = Math.max(1, floor, Math.ceil(activeRate(w) / capacityRps - 1e-9));
  return Math.max(initial, Math.ceil(w.peakRequestsPerSecond / capacityRps - 1e-9));
}

/** A way's fleet cost with what each machine at the peak adds (see cheapestFleet). */
function wayUsd(
  serving: Serving,
  usdPerHour: number,
  perPeak: number,
  w: Workload,
  sizing: Sizing,
  idleMin: number,
  floor: number,
): number {
  const capacityRps = serving.throughputRps * sizing.targetUtilisation;
  return (
    fleetUsd(capacityRps, usdPerHour, w, sizing, idleMin, floor) +
    (perPeak > 0 ? peakCount(capacityRps, w, floor) * perPeak : 0)
  );
}

/** The monthly cost of `counts`, without allocating (it runs for every candidate). */
function fleetUsd(
  capacityRps: number,
  usdPerHour: number,
  w: Workload,
  sizing: Sizing,
  idleMin: number,
  floor: number,
): number {
  const initial = Math.max(1, floor, Math.ceil(activeRate(w) / capacityRps - 1e-9));
  const max = Math.max(initial, Math.ceil(w.peakRequestsPerSecond / capacityRps - 1e-9));
  const min = Math.max(floor, Math.min(idleMin, initial));
  const busy = initial + (max - initial) * peakShare(w, sizing);
  return round(w.activeShare * busy + (1 - w.activeShare) * min, 3) * w.hoursPerMonth * usdPerHour;
}

/**
 * The way of serving on one machine (see servingsOf) whose fleet costs least with no latency
 * target and nothing added per peak machine: the first of equal ones, as cheapestFleet picks.
 */
export function cheapestWay(
  ways: readonly Serving[],
  usdPerHour: number,
  w: Workload,
  sizing: Sizing,
  idleMin: number,
  floor: number,
): Serving {
  let best = ways[0]!;
  let bestUsd = Infinity;
  for (const serving of ways) {
    const usd = fleetUsd(
      serving.throughputRps * sizing.targetUtilisation,
      usdPerHour,
      w,
      sizing,
      idleMin,
      floor,
    );
    if (usd < bestUsd - 1e-9) {
      bestUsd = usd;
      best = serving;
    }
  }
  return best;
}

export function fleetFor(
  machine: Machine,
  serving: Serving,
  usdPerHour: number,
  w: Workload,
  sizing: Sizing,
  idleMin: number,
  floor = 0,
): Fleet {
  const capacityRps = serving.throughputRps * sizing.targetUtilisation;
  const c = counts(capacityRps, w, sizing, idleMin, floor);
  return {
    machine,
    serving,
    usdPerHour,
    capacityRps,
    initial: c.initial,
    max: c.max,
    min: c.min,
    average: c.average,
    availabilityMin: floor,
    monthlyUsd: c.average * w.hoursPerMonth * usdPerHour,
  };
}

/**
 * What each machine of a fleet at the peak adds beside its hours (the NAT data of its image pulls,
 * see network.ts natPerPeak), by whether it has an accelerator: a CUDA image pulls more than a CPU
 * one. Two figures rather than a function of the machine, as the search reads it for every
 * candidate.
 */
export interface PerPeak {
  cpu: number;
  accelerated: number;
}

export const NOTHING_PER_PEAK: PerPeak = Object.freeze({ cpu: 0, accelerated: 0 });

function perPeakOf(m: Machine, perPeak: PerPeak): number {
  return m.accelerator !== null ? perPeak.accelerated : perPeak.cpu;
}

export interface Chosen {
  fleet: Fleet | null;
  blockers: SizingBlocker[];
}

/**
 * The cheapest fleet among the candidates, or the blockers that say why there is none. `target`
 * is the p95 the configuration must meet (null: offline work, no latency check).
 */
export function cheapestFleet(
  option: OptionId,
  candidates: readonly { machine: Machine; usdPerHour: number }[],
  w: Workload,
  sizing: Sizing,
  idleMin: number,
  target: number | null,
  perPeak: PerPeak = NOTHING_PER_PEAK,
  /** False: try every candidate (for tests that the early stop never changes the pick). */
  prune = true,
): Chosen {
  // The best so far as its parts: the fleet object is made once, for the winner.
  let bestMachine: Machine | null = null;
  let bestServing: Serving | null = null;
  let bestUsdPerHour = 0;
  // The best fleet's cost with what each machine at the peak adds beside its hours (the NAT
  // data of its image pulls): the hours alone favour many small machines, and which size won
  // then flipped with the rounding of the count, so more traffic could cost less.
  let bestUsd = Infinity;
  // The largest and the fastest candidate, for the blocker when none fits or meets the target:
  // kept as plain variables, as this loop runs for dozens of candidates per evaluation.
  let largest: Machine | null = null;
  let largestNeedMb = 0;
  let largestHaveMb = 0;
  let largestMemory: 'host' | 'accelerator' = 'host';
  let fastest: Machine | null = null;
  let fastestMs = 0;
  let fastestServing: Serving | null = null;
  let anyKind = false;
  // Candidates come cheapest first: once the fewest machines any fleet keeps (one, or the
  // availability floor) cost more than the best fleet found, with what each adds at the peak, no
  // later candidate can beat it. The least average is worked out as counts() works out an average
  // and the bound as fleetUsd() prices one, so that it is never above a fleet's own figure.
  const overhead = sizing.latency.overheadMs[option];
  const floor = availabilityMin(option, w, sizing);
  const leastInitial = Math.max(1, floor);
  const leastMin = Math.max(floor, Math.min(idleMin, leastInitial));
  const leastAverage = round(w.activeShare * leastInitial + (1 - w.activeShare) * leastMin, 3);
  // No candidate adds less per peak machine than the lesser of the two kinds.
  const leastPerPeak = Math.min(perPeak.cpu, perPeak.accelerated);
  // The most requests a second a machine could serve: a machine that would need more of itself
  // than the floor while traffic flows is not sized when even that many cost more than the best.
  const most = prune ? mostRps(w, sizing) : null;
  const rate = activeRate(w);
  for (const c of candidates) {
    if (
      prune &&
      bestServing &&
      leastAverage * w.hoursPerMonth * c.usdPerHour + leastInitial * leastPerPeak >= bestUsd
    )
      break;
    const machinePerPeak = perPeakOf(c.machine, perPeak);
    if (most && bestServing) {
      const initial = Math.max(
        leastInitial,
        Math.ceil(rate / (most(c.machine) * sizing.targetUtilisation) - 1e-9),
      );
      const min = Math.max(floor, Math.min(idleMin, initial));
      const average = round(w.activeShare * initial + (1 - w.activeShare) * min, 3);
      if (average * w.hoursPerMonth * c.usdPerHour + initial * machinePerPeak >= bestUsd) continue;
    }
    if (!kindAllowed(c.machine.kind, w, sizing)) continue;
    anyKind = true;
    const s = servingsOf(c.machine, w, sizing);
    if (!s.fits) {
      if (!largest || s.haveMb > largestHaveMb) {
        largest = c.machine;
        largestNeedMb = s.needMb;
        largestHaveMb = s.haveMb;
        largestMemory = s.memory;
      }
      continue;
    }
    // Runs of ways ordered by rising throughput and latency (an LLM server's concurrencies) are
    // bisected: the ways that meet the target are a prefix, the fastest is the first, and the
    // fleet's cost falls (or holds) along it, so the pick is the first way as cheap as the last
    // that meets the target, as trying every way in turn would keep it. Without pruning (tests
    // compare) every way is tried.
    const ways = s.ways;
    const run = prune ? s.run : 1;
    for (let start = 0; start < ways.length; start += run) {
      const end = Math.min(ways.length, start + run);
      const first = ways[start]!;
      const firstMs = Math.round((first.latencyMs + overhead) * 10) / 10;
      if (!fastest || firstMs < fastestMs) {
        fastest = c.machine;
        fastestMs = firstMs;
        fastestServing = first;
      }
      let meets = start;
      while (
        meets < end &&
        (target === null || Math.round((ways[meets]!.latencyMs + overhead) * 10) / 10 <= target)
      )
        meets += 1;
      if (meets === start) continue;
      // The cost first, without allocating; the fleet object only for a new best.
      let lo = start;
      let hi = meets - 1;
      const usd = wayUsd(ways[hi]!, c.usdPerHour, machinePerPeak, w, sizing, idleMin, floor);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (wayUsd(ways[mid]!, c.usdPerHour, machinePerPeak, w, sizing, idleMin, floor) <= usd) hi = mid;
        else lo = mid + 1;
      }
      if (!bestServing || usd < bestUsd - 1e-9) {
        bestUsd = usd;
        bestMachine = c.machine;
        bestServing = ways[lo]!;
        bestUsdPerHour = c.usdPerHour;
      }
    }
  }
  if (bestMachine && bestServing) {
    const serving = withOverhead(bestServing, sizing, option);
    return { fleet: fleetFor(bestMachine, serving, bestUsdPerHour, w, sizing, idleMin, floor), blockers: [] };
  }
  if (!fastest) {
    const what = largest
      ? `the largest candidate, ${largest.name}, has ${fmt(largestHaveMb)} MB of usable ${largestMemory === 'host' ? 'host memory' : 'accelerator memory'} against the ${fmt(largestNeedMb)} MB ${largestMemory === 'host' ? 'the model needs there' : 'the weights take there'}`
      : candidates.length === 0
        ? 'no instance type is priced in this region'
        : anyKind
          ? 'no candidate fits'
          : `no ${w.answers.gpu === 'required' ? 'accelerator' : 'CPU'} machine is offered`;
    return {
      fleet: null,
      blockers: [memoryFitBlocker(option, w, what, largest ? largestHaveMb : 0, sizing)],
    };
  }
  const lat = sizing.latency.source;
  return {
    fleet: null,
    blockers: [
      {
        limit: 'latency-target',
        title: 'No hardware this option offers meets the latency target',
        text: `The fastest configuration ${option} offers, ${fastest.name}, answers in about ${formatNumber(fastestMs, 1)} ms at p95, over the ${formatNumber(target!, 2)} ms target${fastestServing ? splitFloor(fastest, fastestServing, sizing) : ''}.`,
        value: fastestMs,
        unit: 'ms',
        source: lat.url,
        checked: lat.checked,
      },
    ],
  };
}

/**
 * The blocker when nothing an option offers holds the model: `what` says why (the largest
 * candidate's memory against the model's), `haveMb` is the most memory on offer.
 */
export function memoryFitBlocker(
  option: OptionId,
  w: Workload,
  what: string,
  haveMb: number,
  sizing: Sizing,
): SizingBlocker {
  const src = sizing.hardware.cpu.source;
  return {
    limit: 'model-memory-fit',
    title: 'The model fits no machine this option offers',
    text: `The model (${w.answers.modelSizeMb} MB of weights) fits no machine ${option} can run on: ${what}.`,
    value: haveMb,
    unit: 'MB',
    source: src.url,
    checked: src.checked,
  };
}

/**
 * Where the fastest way is an LLM copy split over several devices decoding at the step floor
 * (sizing.yaml llm.tensorParallel): the floor, so the blocker says why more devices do not help.
 */
function splitFloor(m: Machine, serving: Serving, sizing: Sizing): string {
  const gen = serving.generation;
  if (!gen || gen.devicesPerCopy <= 1 || !m.accelerator) return '';
  const { minTokenMs } = tensorParallelOf(m.accelerator.name, gen.devicesPerCopy, sizing);
  if (gen.perTokenMs > minTokenMs) return '';
  return `: split over ${gen.devicesPerCopy} GPUs a copy takes at least ${minTokenMs} ms a token (communication and kernel launches per decoding step, sizing.yaml llm.tensorParallel), so ${formatNumber(gen.outputTokens, 0)} output tokens take at least ${formatNumber(gen.outputTokens * minTokenMs, 0)} ms after the first`;
}

function fmt(mb: number): string {
  return formatNumber(Math.round(mb), 0);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
