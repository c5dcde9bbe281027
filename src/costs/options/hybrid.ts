import {
  DATA_TRANSFER_OUT_INTERNET,
  DIRECT_CONNECT_DATA_TRANSFER_OUT,
  DIRECT_CONNECT_PORT_HOUR_10G,
  DIRECT_CONNECT_PORT_HOUR_1G,
  VPN_CONNECTION_HOUR,
  ec2Instance,
} from '../../pricing/keys.js';
import { formatNumber, formatUsd } from '../../core/format.js';
import type { Workload } from '../../core/workload.js';
import { numbersContext, type CostContext } from '../context.js';
import { fargateLineItems } from '../fargate.js';
import { activeRate, cheapestFleet, peakShare, type Chosen, type PerPeak } from '../fleet.js';
import { kindAllowed, machineNotes, type Machine } from '../hardware.js';
import { headroomNote, NOT_EXPLAINED, sig, unsized, type CostModel, type Priced } from '../model.js';
import { priceLine, tieredLines, total } from '../money.js';
import type { LineItem } from '../types.js';
import { operationsHours, operationsLine } from '../operations.js';
import { loadBalancerLines, natLines, natPerPeak } from '../network.js';
import { cheapestFirst, fargateCandidates, taskPerPeak } from './ecs-fargate.js';
import {
  ownHardware,
  serverCareHours,
  serverFleets,
  serverLines,
  type KindBest,
  type ServerFleet,
} from './on-prem-common.js';

const GB = 1024 * 1024;

/**
 * Hybrid: own servers for the usual load (one at least: the cloud is the failover; more when they
 * cost less than the burst they save), the cloud for what the peak adds above them, billed for the
 * hours it runs, and the network link between the two: a Site-to-Site VPN, or Direct Connect when
 * that is cheaper for the data sent back, with the egress of the cloud's responses.
 */
export const hybrid: CostModel = {
  option: 'hybrid',
  price(w, ctx) {
    const offline = w.answers.latencyP95Ms === null;
    const baseRate = offline ? w.answers.requestsPerSecond : activeRate(w);
    const r = serverFleets('hybrid', baseRate, 1, w, ctx);
    if (r.kinds.length === 0) return unsized(r.blockers);
    // The cloud side's machines do not depend on the base or the rate (see cloudSide).
    const cloud = cloudSide(w, ctx, offline);
    if (cloud.fleets.length === 0) return unsized(cloud.blockers);
    // The plan: of each server kind, as many servers as the usual load needs or more, up to all
    // of the peak, whichever costs least with the burst and the link it leaves to the cloud. The
    // cheapest base for the usual load alone let more traffic cost less: a higher rate moved the
    // base to a kind that carried the whole peak and saved the cloud's burst and link.
    const quiet = numbersContext(ctx);
    const overflowOf = (base: ServerFleet) => overflowRpsOf(base, w, offline);
    const engineer = ctx.knowledge.tco.engineerUsdPerHour.value;
    const opsHours = operationsHours('hybrid', w, ctx.knowledge);
    // Below any plan's bill: its servers, their care and the option's own hours of people's time
    // (less what rounding the hours to a tenth and the lines to the cent can take off).
    const floorUsd = (k: KindBest, n: number) =>
      n * k.serverMonthUsd + (serverCareHours(n, ctx) + opsHours - 0.05) * engineer - 0.1;
    let best: {
      base: ServerFleet;
      kind: ServerFleet;
      cloud: CloudFleet;
      priced: Priced;
      usd: number;
    } | null = null;
    // Cheapest base first: its plan bounds the others, most of which end before they are priced.
    for (const k of [...r.kinds].sort((a, b) => a.usd - b.usd)) {
      const f = k.fleet;
      const all = Math.max(f.servers, Math.ceil(w.peakRequestsPerSecond / f.capacityRps - 1e-9));
      for (let n = f.servers; n <= all; n = nextCount(n, f.servers, all)) {
        // Each further server adds its own cost and saves at most the burst: once the servers and
        // the people alone cost more than the best plan, more of them cannot win.
        if (best && floorUsd(k, n) >= best.usd) break;
        // Servers the team owns (existingServers: available) are owned at every count: the answers
        // say it owns servers, not how many, and an owned count that grew with the usual load made
        // a bought server free when traffic rose (the bill fell). The sentence says what is assumed.
        const base = n === f.servers ? f : { ...f, servers: n };
        const c = cheapestBurst(cloud.fleets, overflowOf(base), w, quiet);
        const priced = planPrice(base, c, baseRate, w, quiet, offline);
        const usd = total(priced.lineItems);
        if (!best || usd < best.usd - 1e-9) best = { base, kind: f, cloud: c, priced, usd };
      }
    }
    const plan = best!;
    if (!ctx.explain) return plan.priced;
    // More servers than the usual load needs: what they add and what they save, in dollars.
    let extra: ExtraServers | undefined;
    if (plan.base.servers > plan.kind.servers) {
      // The usual load's count with its own best cloud machine: what the plan is weighed against.
      const c = cheapestBurst(cloud.fleets, overflowOf(plan.kind), w, quiet);
      const fewer = planPrice(plan.kind, c, baseRate, w, quiet, offline);
      const own = (p: Priced) => p.ownHardware!.monthlyUsd + p.labourUsd!;
      const addsUsd = own(plan.priced) - own(fewer);
      extra = { addsUsd, savesUsd: addsUsd + total(fewer.lineItems) - plan.usd };
    }
    return planPrice(plan.base, plan.cloud, baseRate, w, ctx, offline, extra);
  },
};

/**
 * The next server count to try: one more, for the first few dozen; then the whole peak. The
 * search stays cheap for fleets of hundreds, whose plans differ by a server's share of the bill;
 * past those few dozen, the plan is the cheapest of the counts tried, not of every count, so there
 * the bill's rise with traffic is no longer guaranteed to the cent.
 */
function nextCount(n: number, first: number, all: number): number {
  return n + 1 < first + 32 || n === all ? n + 1 : all;
}

/** What the peak adds above the site's servers, for the cloud (nothing for offline work). */
function overflowRpsOf(base: ServerFleet, w: Workload, offline: boolean): number {
  return offline ? 0 : Math.max(0, w.peakRequestsPerSecond - base.capacityRps * base.servers);
}

/** Servers beyond the usual load's: a month of them with their care, and the cloud bill they save. */
interface ExtraServers {
  addsUsd: number;
  savesUsd: number;
}

/** Hybrid's bill for one base fleet on site and the cloud side `c` for what the peak adds. */
function planPrice(
  base: ServerFleet,
  c: CloudFleet,
  baseRate: number,
  w: Workload,
  ctx: CostContext,
  offline: boolean,
  extra?: ExtraServers,
): Priced {
  const sizing = ctx.knowledge.sizing;
  const needed = Math.max(1, Math.ceil(baseRate / base.capacityRps - 1e-9));
  const overflowRps = overflowRpsOf(base, w, offline);
  const lines = serverLines(base, w, ctx, 'On-prem base: ');
  const own = ownHardware(lines, base);
  const explain = ctx.explain;
  const assumptions: string[] = [];
  if (explain)
    assumptions.push(
      `On-prem base: ${base.servers} x ${base.machine.name} for ${sig(baseRate)} requests/s (the usual load)` +
        (base.servers > needed
          ? `, ${base.servers - needed} more than it needs: with them the site carries ${sig(Math.min(w.peakRequestsPerSecond, base.servers * base.capacityRps))} requests/s of the peak` +
            (extra
              ? `; they add $${formatUsd(extra.addsUsd)} a month with their care and save $${formatUsd(extra.savesUsd)} of the cloud's burst and link`
              : '')
          : '') +
        (w.answers.existingServers === 'available'
          ? `; the team is taken to own all ${base.servers} (existingServers says it owns servers, not how many or which: check it has them)`
          : '') +
        '; the cloud takes what the peak adds and is the failover.',
    );
  // The cloud side as the scaffold deploys it (infra/ecs/stack.yaml): an ECS service of Fargate
  // tasks (x86_64, the image's platform) behind an internal Application Load Balancer, in private
  // subnets with a NAT gateway. One task stays warm so the router's failover and the first burst
  // find a server; the service scales out to the overflow at the peak, and up to the whole peak
  // when the site is down (those failover hours are not priced). A model Fargate cannot serve
  // (a GPU, or too slow on its CPUs for the target) bursts to EC2 instances instead.
  const { burstHours, peakTasks, average } = burstCounts(c, overflowRps, w, sizing);
  const maxTasks = Math.max(peakTasks, Math.ceil(w.peakRequestsPerSecond / c.capacityRps - 1e-9), 1);
  const burstShare = overflowRps > 0 ? (overflowRps / w.peakRequestsPerSecond) * peakShare(w, sizing) : 0;
  let computeUsd = 0;
  if (average > 0) {
    const compute = c.fargate
      ? fargateLineItems(
          {
            vcpu: c.machine.vcpu,
            memoryGb: c.machine.memoryGiB,
            tasks: average,
            hours: w.hoursPerMonth,
            arch: 'x86_64',
            ephemeralStorageGb: 20,
          },
          ctx.prices,
          explain,
        )
      : [ec2Line(c, average, w, ctx)];
    for (const l of compute) lines.push(explain ? { ...l, item: `Cloud side: ${l.item}` } : l);
    computeUsd = compute.reduce((sum, l) => sum + l.usd, 0);
  }
  const what = c.fargate ? 'task' : 'instance';
  for (const l of loadBalancerLines(w, ctx, burstShare))
    lines.push(explain ? { ...l, item: `Cloud side: ${l.item}` } : l);
  for (const l of natLines(w, ctx, peakTasks, !c.fargate))
    lines.push(explain ? { ...l, item: `Cloud side: ${l.item}` } : l);
  if (explain)
    assumptions.push(
      `Cloud side as the scaffold deploys it: ${c.fargate ? 'ECS on Fargate' : 'EC2'}, ${c.machine.name}, ${sig(c.capacityRps)} requests/s per ${what} at the planned utilisation; ` +
        (c.minTasks > 0
          ? `${c.minTasks} ${what} warm all month for failover and the first burst`
          : `no ${what} running (offline work: the base carries it)`) +
        (overflowRps > 0
          ? `, ${peakTasks} for the ${sig(overflowRps)} requests/s above the base at the peak (${burstHours} h a month)`
          : '') +
        `, up to ${maxTasks} when the site is down (failover hours not priced); an internal Application Load Balancer and a NAT gateway all month.`,
    );
  if (explain && !c.fargate) {
    assumptions.push(
      `Fargate cannot serve this model (${c.why}): the burst runs on EC2 ${c.machine.name}; the generated cloud stack runs Fargate tasks and needs ECS on EC2 capacity for it.`,
    );
  }
  // What crosses the link: the requests the cloud serves enter AWS (free), their responses
  // leave it (billed as data transfer out, over the VPN or over Direct Connect).
  const backGb = (w.monthlyRequests * burstShare * sizing.network.responseKb) / GB;
  const link = linkFor(w, ctx, overflowRps, backGb);
  lines.push(...link.lines);
  if (explain) assumptions.push(link.assumption);
  const ops = operationsLine('hybrid', w, ctx.knowledge, serverCareHours(base.servers, ctx), explain);
  lines.push(ops);
  const target = w.answers.latencyP95Ms;
  return {
    lineItems: lines,
    ...(explain ? explained() : NOT_EXPLAINED),
    blockers: [],
    // The cloud side's machine brings its caveats as any option's does (a P-family GPU's capacity).
    notes: [
      ...headroomNote('hybrid', base.serving.latencyMs, w, sizing, explain),
      ...(c.fargate ? [] : machineNotes(c.machine, sizing)),
    ],
    labourUsd: ops.usd,
    ownHardware: own,
    covered: computeUsd > 0 ? [{ plan: c.fargate ? 'compute-fargate' : 'compute-ec2', usd: computeUsd }] : [],
  };
  /** The configuration shown and the sentences, for the explained cost only. */
  function explained(): Pick<Priced, 'summary' | 'sizing' | 'assumptions'> {
    return {
      summary: {
        hardware: 'on-prem',
        instanceType: base.machine.name,
        count: base.servers,
        minCount: base.servers,
        maxCount: base.servers,
        accelerator: base.serving.accelerator,
        memoryFitMarginPct: base.serving.memoryFitMarginPct,
        latencyMs: base.serving.latencyMs,
        latencyMarginMs: target === null ? null : Math.round((target - base.serving.latencyMs) * 10) / 10,
        coldStartS: null,
        description: `${base.servers} x ${base.machine.name} on site, ${c.minTasks}${maxTasks > c.minTasks ? ` to ${maxTasks}` : ''} x ${c.machine.name} in the cloud${overflowRps > 0 ? ' (burst for the peak)' : ''}, linked by ${link.name}`,
      },
      sizing: {
        serverKind: base.machine.name,
        servers: base.servers,
        burstOverflowRps: sig(overflowRps),
        cloudPlatform: c.fargate ? 'fargate' : 'ec2',
        cloudMachine: c.machine.name,
        cloudVcpuPerTask: c.machine.vcpu,
        cloudMemoryGbPerTask: c.machine.memoryGiB,
        cloudMinTasks: c.minTasks,
        cloudPeakTasks: peakTasks,
        cloudMaxTasks: maxTasks,
        cloudAverageTasks: average,
        // What one cloud task serves at the planned utilisation: the cloud side scales on it.
        requestsPerSecondPerTask: sig(c.capacityRps),
      },
      assumptions,
    };
  }
}

/** The cloud side's machines over the month: warm, at the peak and on average. */
function burstCounts(
  c: CloudFleet,
  overflowRps: number,
  w: Workload,
  sizing: CostContext['knowledge']['sizing'],
): { burstHours: number; peakTasks: number; average: number } {
  const burstHours = Math.round(w.hoursPerMonth * w.activeShare * peakShare(w, sizing) * 100) / 100;
  const peakTasks =
    overflowRps > 0 ? Math.max(c.minTasks, Math.ceil(overflowRps / c.capacityRps - 1e-9)) : c.minTasks;
  const average = round3(c.minTasks + ((peakTasks - c.minTasks) * burstHours) / w.hoursPerMonth);
  return { burstHours, peakTasks, average };
}

function ec2Line(c: CloudFleet, average: number, w: Workload, ctx: CostContext): LineItem {
  return priceLine(
    ctx.explain ? `EC2 ${c.machine.name} (${average} x ${w.hoursPerMonth} h)` : '',
    average * w.hoursPerMonth,
    ctx.prices.get(ec2Instance(c.machine.name)),
    'instance-hour',
  );
}

/**
 * Of EC2 machines that serve, the one whose lines for this overflow cost least: its instance
 * hours and the NAT data its starts pull, priced as planPrice prices them (the other lines do not
 * depend on the machine). A large GPU burst is cheaper on a larger GPU (175 g5.2xlarge at a peak
 * where about 20 p5.4xlarge would do); a small one on the cheapest an hour. Every machine that
 * serves is weighed for every plan, so the cheapest plan still cannot fall as traffic rises.
 */
function cheapestBurst(
  fleets: readonly CloudFleet[],
  overflowRps: number,
  w: Workload,
  ctx: CostContext,
): CloudFleet {
  if (fleets.length === 1) return fleets[0]!;
  let best = fleets[0]!;
  let bestUsd = Infinity;
  for (const c of fleets) {
    const usd = burstUsd(c, overflowRps, w, ctx);
    if (usd < bestUsd) {
      best = c;
      bestUsd = usd;
    }
  }
  return best;
}

/** What an EC2 burst machine's own lines cost for an overflow: its instance hours and NAT data. */
function burstUsd(c: CloudFleet, overflowRps: number, w: Workload, ctx: CostContext): number {
  const { peakTasks, average } = burstCounts(c, overflowRps, w, ctx.knowledge.sizing);
  let usd = average > 0 ? ec2Line(c, average, w, ctx).usd : 0;
  for (const l of natLines(w, ctx, peakTasks, true, false)) usd += l.usd;
  return usd;
}

interface CloudFleet {
  fargate: boolean;
  machine: Machine;
  capacityRps: number;
  minTasks: number;
  /** Why Fargate could not serve, when it could not. */
  why: string;
}

/**
 * The cloud side's machines: the cheapest x86_64 Fargate task an hour that holds the model and
 * meets the target (what the scaffold deploys); else every EC2 instance that serves, cheapest an
 * hour first, of which each plan takes the cheapest for its overflow (a GPU model). One warm task
 * or instance when there is a latency target; none for offline work.
 */
function cloudSide(
  w: Workload,
  ctx: CostContext,
  offline: boolean,
): { fleets: CloudFleet[]; blockers: Chosen['blockers'] } {
  const sizing = ctx.knowledge.sizing;
  const target = w.answers.latencyP95Ms;
  const minTasks = offline ? 0 : 1;
  // Fargate has no GPU: a model that needs one is not searched for among its tasks.
  const gpuNeeded = w.answers.gpu === 'required';
  const tasks = gpuNeeded ? [] : cheapestFirst(fargateCandidates(w, ctx, ['x86_64']));
  // Why no task serves is said only in the explained cost: the numbers pass skips that search.
  const fargate = firstThatServes(tasks, w, ctx, target, taskPerPeak(w, ctx), ctx.explain);
  if (fargate.fleet) {
    const f = fargate.fleet;
    return {
      fleets: [{ fargate: true, machine: f.machine, capacityRps: f.capacityRps, minTasks, why: '' }],
      blockers: [],
    };
  }
  const why = gpuNeeded
    ? 'it needs a GPU and Fargate offers none'
    : (fargate.blockers[0]?.text.replace(/\.$/, '') ?? 'no task size fits');
  const perPeak = natPerPeak(w, ctx);
  const ec2 = firstThatServes(ctx.ec2, w, ctx, target, perPeak);
  if (!ec2.fleet) return { fleets: [], blockers: ec2.blockers };
  // Every EC2 machine that serves, cheapest an hour first: planPrice's burst is priced on the
  // one cheapest for each plan's overflow (cheapestBurst). The machines before the first that
  // serves do not serve.
  const a = ec2.fleet;
  const fleets: CloudFleet[] = [
    { fargate: false, machine: a.machine, capacityRps: a.capacityRps, minTasks, why },
  ];
  // No plan's overflow exceeds the whole peak, so no machine whose warm hours alone cost more than
  // the first machine's lines at the whole peak can be cheapest for any plan: the search stops
  // there (offline, nothing runs warm and the first machine is as good as any).
  const ceilingUsd = minTasks > 0 ? burstUsd(fleets[0]!, w.peakRequestsPerSecond, w, numbersContext(ctx)) : 0;
  for (let i = ctx.ec2.findIndex((c) => c.machine === a.machine) + 1; i < ctx.ec2.length; i++) {
    const c = ctx.ec2[i]!;
    if (c.usdPerHour * w.hoursPerMonth * minTasks >= ceilingUsd) break;
    if (!kindAllowed(c.machine.kind, w, sizing)) continue;
    const one = cheapestFleet('hybrid', [c], w, sizing, 1, target, perPeak).fleet;
    if (one)
      fleets.push({ fargate: false, machine: one.machine, capacityRps: one.capacityRps, minTasks, why });
  }
  return { fleets, blockers: [] };
}

/**
 * Of candidates listed cheapest an hour first, the first that can serve at all, not the cheapest
 * fleet for the whole peak: the bill is one warm task or instance plus the burst, and a choice that
 * moved with the traffic made more traffic cost less (a bigger machine chosen at the lower rate).
 * When none can, the whole list's search, for the blockers that say why.
 */
function firstThatServes(
  candidates: readonly { machine: Machine; usdPerHour: number }[],
  w: Workload,
  ctx: CostContext,
  target: number | null,
  perPeak: PerPeak,
  /** False: when none serves, no search for the blockers that say why (an empty list). */
  why = true,
): Chosen {
  const sizing = ctx.knowledge.sizing;
  for (const c of candidates) {
    // A kind the model cannot use (a CPU for a model that needs a GPU) is not sized at all.
    if (!kindAllowed(c.machine.kind, w, sizing)) continue;
    const one = cheapestFleet('hybrid', [c], w, sizing, 1, target, perPeak);
    if (one.fleet) return one;
  }
  if (!why) return { fleet: null, blockers: [] };
  return cheapestFleet('hybrid', candidates, w, sizing, 1, target, perPeak);
}

/**
 * The link between the site and the cloud, the cheapest that carries the cloud's share of the
 * peak: a Site-to-Site VPN while that fits one tunnel (sizing.yaml network.link), else Direct
 * Connect ports, as many as the traffic needs; with the responses leaving AWS over it.
 */
function linkFor(
  w: Workload,
  ctx: CostContext,
  overflowRps: number,
  backGb: number,
): { name: string; lines: LineItem[]; assumption: string } {
  const sizing = ctx.knowledge.sizing;
  const spec = sizing.network.link;
  const hours = w.hoursPerMonth;
  const explain = ctx.explain;
  // Both directions at the peak: requests to the cloud and responses back (KB to gigabits).
  const gbps = (overflowRps * (w.answers.payloadKb + sizing.network.responseKb) * 1024 * 8) / 1e9;
  // A small burst is not "0 Gbps": under a thousandth is said as such.
  const shown = !explain
    ? ''
    : gbps > 0 && gbps < 0.001
      ? 'under 0.001'
      : formatNumber(Math.round(gbps * 1000) / 1000);
  const out = (key: string) => ctx.prices.get(key);
  const vpnFits = gbps <= spec.vpnTunnelGbps;
  let best: {
    usd: number;
    name: string;
    capacityGbps: number;
    lines: () => LineItem[];
    says: string;
  } | null = null;
  if (vpnFits) {
    const vpn = out(VPN_CONNECTION_HOUR);
    const dto = out(DATA_TRANSFER_OUT_INTERNET);
    best = {
      usd: hours * vpn.usd + backGb * dto.usd,
      name: 'a Site-to-Site VPN',
      capacityGbps: spec.vpnTunnelGbps,
      lines: () => [
        priceLine(explain ? `Site-to-Site VPN connection (${hours} h)` : '', hours, vpn),
        ...tieredLines(
          explain ? 'Data transfer out (cloud responses to the site, over the VPN)' : '',
          backGb,
          dto,
        ),
      ],
      says: explain
        ? `a Site-to-Site VPN (the burst needs about ${shown} Gbps at the peak; a tunnel carries up to ${spec.vpnTunnelGbps} Gbps)`
        : '',
    };
  }
  const ports = [
    { key: DIRECT_CONNECT_PORT_HOUR_1G, size: '1 Gbps', gbps: spec.directConnectPortGbps['1g'] },
    { key: DIRECT_CONNECT_PORT_HOUR_10G, size: '10 Gbps', gbps: spec.directConnectPortGbps['10g'] },
  ];
  for (const port of ports) {
    if (!ctx.prices.has(port.key)) continue;
    const count = Math.max(1, Math.ceil(gbps / port.gbps - 1e-9));
    const hour = out(port.key);
    const dto = out(DIRECT_CONNECT_DATA_TRANSFER_OUT);
    const usd = count * hours * hour.usd + backGb * dto.usd;
    if (best && usd >= best.usd) continue;
    best = {
      usd,
      name: 'Direct Connect',
      capacityGbps: count * port.gbps,
      lines: () => [
        priceLine(
          explain ? `Direct Connect ${count} x ${port.size} port (${hours} h)` : '',
          count * hours,
          hour,
        ),
        priceLine(explain ? 'Data out over Direct Connect (cloud responses to the site)' : '', backGb, dto),
      ],
      says: explain
        ? `Direct Connect, ${count} x ${port.size} dedicated port${count > 1 ? 's' : ''} (the burst needs about ${shown} Gbps at the peak${vpnFits ? '; cheaper than a VPN for the data sent back' : `, more than a VPN tunnel's ${spec.vpnTunnelGbps} Gbps`})`
        : '',
    };
  }
  if (!best) throw new Error('hybrid: no link priced for the site');
  const chosen = best;
  return {
    name: chosen.name,
    lines: chosen.lines(),
    assumption: explain ? linkSentence() : '',
  };

  function linkSentence(): string {
    // When the site is down the cloud takes the whole peak: if its requests come from the site,
    // they cross the link, which is sized for the burst alone.
    const failoverGbps =
      (w.peakRequestsPerSecond * (w.answers.payloadKb + sizing.network.responseKb) * 1024 * 8) / 1e9;
    const carries = chosen.capacityGbps;
    return (
      `Link: ${chosen.says}. Requests sent to the cloud enter AWS free; their ${sizing.network.responseKb} KB responses leave it and are billed as data transfer out (link capacities: sizing.yaml network.link, checked ${spec.source.checked}).` +
      (chosen.name === 'Direct Connect'
        ? " Direct Connect is priced as AWS port-hours only: the circuit from the site to the Direct Connect location, the cross-connect and a partner's fees are not priced (they depend on the site; a partner quotes them)."
        : '') +
      (failoverGbps > carries
        ? ` When the site is down, the whole peak needs about ${formatNumber(Math.round(failoverGbps * 10) / 10)} Gbps, more than the link's ${formatNumber(carries)} Gbps: failover carries all of it only if clients reach the cloud directly.`
        : '')
    );
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
