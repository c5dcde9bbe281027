import { formatNumber } from '../../core/format.js';
import type { OptionId } from '../../core/options.js';
import type { Workload } from '../../core/workload.js';
import { ONPREM } from '../../pricing/keys.js';
import type { CostContext } from '../context.js';
import { kindAllowed, servingsOf, withOverhead, type Machine, type Serving } from '../hardware.js';
import { roundCents } from '../money.js';
import { ownServerLines } from '../on-prem.js';
import type { LineItem, SizingBlocker } from '../types.js';

/**
 * Own servers: the CPU server of the price book's onprem.* assumptions, or one of the multi-GPU
 * servers of sizing.yaml; the cheapest kind that fits and meets the target, bought for `rate`.
 */
export interface ServerFleet {
  machine: Machine;
  serving: Serving;
  servers: number;
  capacityRps: number;
  serverUsd: number;
  /** What one server costs bought new (the same as serverUsd unless the team owns them). */
  newServerUsd: number;
  watts: number;
}

export function serverFleet(
  option: OptionId,
  rate: number,
  minServers: number,
  w: Workload,
  ctx: CostContext,
  /** False: price every way (for tests that skipping a run's dearer ways never changes the pick). */
  prune = true,
): { fleet: ServerFleet | null; blockers: SizingBlocker[] } {
  const r = serverFleets(option, rate, minServers, w, ctx, prune);
  let best: KindBest | null = null;
  for (const k of r.kinds)
    if (!best || better(k.usd, k.fleet.capacityRps, best.usd, best.fleet.capacityRps)) best = k;
  return best ? { fleet: best.fleet, blockers: [] } : { fleet: null, blockers: r.blockers };
}

export interface KindBest {
  fleet: ServerFleet;
  /** The fleet's servers, their power and their care, a month. */
  usd: number;
  /** What one more server of the kind adds a month before its care: amortisation and power. */
  serverMonthUsd: number;
}

/**
 * At the same cost (the minimum server count binds), the operating point that carries the most:
 * a tie kept the first way, one request in flight, and quoted an 8-GPU server at a tenth of the
 * tokens a second the cloud's smaller GPUs were given.
 */
function better(usd: number, capacityRps: number, thanUsd: number, thanCapacityRps: number): boolean {
  return usd < thanUsd - 1e-9 || (usd < thanUsd + 1e-9 && capacityRps > thanCapacityRps);
}

/**
 * Each server kind's cheapest fleet for `rate` (kinds that hold the model and meet the target, in
 * the rules base's order), or the blocker that says why none does. Hybrid weighs each kind against
 * the cloud burst it saves; on-prem takes the cheapest.
 */
export function serverFleets(
  option: OptionId,
  rate: number,
  minServers: number,
  w: Workload,
  ctx: CostContext,
  prune = true,
): { kinds: KindBest[]; blockers: SizingBlocker[] } {
  const v = (key: string) => ctx.prices.assumption(key).value;
  const sizing = ctx.knowledge.sizing;
  const amortize = v(ONPREM.amortizeMonths);
  const kwh = v(ONPREM.usdPerKwh);
  const pue = ctx.knowledge.tco.powerUsageEffectiveness.value;
  const engineerUsdPerHour = ctx.knowledge.tco.engineerUsdPerHour.value;
  const kinds = serverKinds(ctx);
  // Servers the team already owns (existingServers: available) are not bought again: no
  // amortisation, no cash up front; power and care still count.
  const owned = w.answers.existingServers === 'available';
  const kindBests: KindBest[] = [];
  let largest: { haveMb: number; memory: 'host' | 'accelerator'; name: string } | null = null;
  let fastest: number | null = null;
  const target = w.answers.latencyP95Ms;
  for (const k of kinds) {
    if (!kindAllowed(k.machine.kind, w, sizing)) continue;
    const s = servingsOf(k.machine, w, sizing);
    if (!s.fits) {
      if (!largest || s.haveMb > largest.haveMb)
        largest = { haveMb: s.haveMb, memory: s.memory, name: k.machine.name };
      continue;
    }
    const overhead = sizing.latency.overheadMs[option];
    // withOverhead's latency, without a new serving for every way tried.
    const latencyOf = (way: Serving) => Math.round((way.latencyMs + overhead) * 10) / 10;
    // The best way so far as its figures: the kind's fleet is made once, for the winner (the ways
    // stay the machine's own until servingsOf is next asked about it).
    let bestWay: Serving | null = null;
    let bestServers = 0;
    let bestCapacityRps = 0;
    let bestUsd = 0;
    let bestServerMonthUsd = 0;
    for (let i = 0; i < s.ways.length; i++) {
      const raw = s.ways[i]!;
      const latencyMs = latencyOf(raw);
      fastest = fastest === null ? latencyMs : Math.min(fastest, latencyMs);
      if (target !== null && latencyMs > target) continue;
      // Within a run of rising throughput and latency (Servings.run) the server count and so the
      // cost fall or hold from one way to the next, and a tie goes to the way that carries more:
      // of the ways that meet the target, the last wins, so the others are not priced.
      const runEnd = i - (i % s.run) + s.run;
      const next = s.ways[i + 1];
      if (prune && i + 1 < runEnd && next && (target === null || latencyOf(next) <= target)) continue;
      const capacityRps = raw.throughputRps * sizing.targetUtilisation;
      const servers = Math.max(minServers, Math.ceil(rate / capacityRps - 1e-9));
      // The care each server takes is part of what a kind costs: three small servers can cost
      // more than two large ones once people's time is counted, and leaving it out made the
      // bill fall as traffic rose.
      const serverMonthUsd = (owned ? 0 : k.usd) / amortize + (k.watts * pue * w.hoursPerMonth * kwh) / 1000;
      const usd = servers * serverMonthUsd + serverCareHours(servers, ctx) * engineerUsdPerHour;
      if (!bestWay || better(usd, capacityRps, bestUsd, bestCapacityRps)) {
        bestWay = raw;
        bestServers = servers;
        bestCapacityRps = capacityRps;
        bestUsd = usd;
        bestServerMonthUsd = serverMonthUsd;
      }
    }
    if (bestWay) {
      kindBests.push({
        fleet: {
          machine: k.machine,
          serving: withOverhead(bestWay, sizing, option),
          servers: bestServers,
          capacityRps: bestCapacityRps,
          serverUsd: owned ? 0 : k.usd,
          newServerUsd: k.usd,
          watts: k.watts,
        },
        usd: bestUsd,
        serverMonthUsd: bestServerMonthUsd,
      });
    }
  }
  if (kindBests.length > 0) return { kinds: kindBests, blockers: [] };
  const src = sizing.hardware.cpu.source;
  return {
    kinds: [],
    blockers: [
      fastest === null
        ? {
            limit: 'model-memory-fit',
            title: 'The model fits no machine this option offers',
            text: `The model (${formatNumber(w.memoryNeededMb)} MB in memory, ${formatNumber(w.answers.modelSizeMb)} MB of weights) fits none of the server kinds modelled${largest ? `; the largest, ${largest.name}, has ${formatNumber(Math.round(largest.haveMb))} MB of usable ${largest.memory === 'host' ? 'host memory' : 'accelerator memory'}` : ''}.`,
            value: Math.round(largest?.haveMb ?? 0),
            unit: 'MB',
            source: src.url,
            checked: src.checked,
          }
        : {
            limit: 'latency-target',
            title: 'No hardware this option offers meets the latency target',
            text: `The fastest server kind modelled answers in about ${formatNumber(fastest, 1)} ms at p95, over the ${formatNumber(target!, 2)} ms target.`,
            value: fastest,
            unit: 'ms',
            source: sizing.latency.source.url,
            checked: sizing.latency.source.checked,
          },
    ],
  };
}

interface ServerKind {
  machine: Machine;
  usd: number;
  watts: number;
}

// The server kinds depend on the rules base and the price book's assumptions alone: built once
// per pair, so that their machines are the same objects each evaluation (servingsOf shares them
// between on-prem and hybrid) and no evaluation rebuilds them.
const serverKindsByBook = new WeakMap<
  CostContext['prices'],
  WeakMap<CostContext['knowledge'], ServerKind[]>
>();

function serverKinds(ctx: CostContext): ServerKind[] {
  let byKnowledge = serverKindsByBook.get(ctx.prices);
  if (!byKnowledge) serverKindsByBook.set(ctx.prices, (byKnowledge = new WeakMap()));
  let found = byKnowledge.get(ctx.knowledge);
  if (!found) byKnowledge.set(ctx.knowledge, (found = newServerKinds(ctx)));
  return found;
}

function newServerKinds(ctx: CostContext): ServerKind[] {
  const v = (key: string) => ctx.prices.assumption(key).value;
  const sizing = ctx.knowledge.sizing;
  const cores = v(ONPREM.serverVcpus);
  const kinds: ServerKind[] = [
    {
      machine: {
        name: 'CPU server',
        vcpu: cores / sizing.hardware.cpu.vcpuShareOfCore.x86_64,
        memoryGiB: v(ONPREM.serverMemoryGb),
        architecture: 'x86_64',
        accelerator: null,
        kind: 'cpu',
      },
      usd: v(ONPREM.serverUsdCpu),
      watts: v(ONPREM.wattsCpu),
    },
    ...sizing.onPremGpuServers.map((g) => ({
      machine: {
        name: g.name,
        vcpu: g.vcpu,
        memoryGiB: g.hostMemoryGb,
        architecture: 'x86_64' as const,
        accelerator: { name: g.accelerator, count: g.count, memoryGiB: g.memoryGb },
        kind: 'gpu' as const,
      },
      usd: g.usd,
      watts: g.watts,
    })),
  ];
  return kinds;
}

export function serverLines(f: ServerFleet, w: Workload, ctx: CostContext, label = ''): LineItem[] {
  const v = (key: string) => ctx.prices.assumption(key).value;
  // The same lines `cost on-prem` prints (src/costs/on-prem.ts); labels only when the cost is
  // explained (not in the ranking's numbers pass).
  return ownServerLines(
    {
      servers: f.servers,
      name: f.machine.name,
      serverUsd: f.serverUsd,
      newServerUsd: f.newServerUsd,
      amortizeMonths: v(ONPREM.amortizeMonths),
      watts: f.watts,
      pue: ctx.knowledge.tco.powerUsageEffectiveness.value,
      usdPerKwh: v(ONPREM.usdPerKwh),
      hours: w.hoursPerMonth,
      owned: w.answers.existingServers === 'available',
    },
    label,
    ctx.explain,
  );
}

/** The monthly USD of a fleet's own-hardware lines and the cash to buy its servers. */
export function ownHardware(
  lines: readonly LineItem[],
  f: ServerFleet,
): { monthlyUsd: number; upfrontUsd: number } {
  return {
    monthlyUsd: roundCents(lines.reduce((sum, l) => sum + l.usd, 0)),
    upfrontUsd: roundCents(f.servers * f.serverUsd),
  };
}

/** Hours a month of hardware care beyond tco.yaml's: the price book's per-server figures. */
export function serverCareHours(servers: number, ctx: CostContext): number {
  const v = (key: string) => ctx.prices.assumption(key).value;
  return v(ONPREM.opsHoursPerMonth) + Math.max(0, servers - 1) * v(ONPREM.opsHoursPerExtraServer);
}
