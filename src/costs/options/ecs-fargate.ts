import { formatNumber } from '../../core/format.js';
import { fargateGbHour, fargateVcpuHour, type Arch } from '../../pricing/keys.js';
import type { Workload } from '../../core/workload.js';
import type { CostContext } from '../context.js';
import { fargateLineItems } from '../fargate.js';
import { cheapestFleet, type PerPeak } from '../fleet.js';
import type { Machine } from '../hardware.js';
import {
  fleetAssumptions,
  fleetSummary,
  headroomNote,
  sig,
  unsized,
  type CostModel,
  NOT_EXPLAINED,
} from '../model.js';
import { dataOutLines, loadBalancerLines, natLines, natUsdPerPeakMachine } from '../network.js';
import { operationsLine } from '../operations.js';

/**
 * Fargate task sizes (Linux, platform 1.4): vCPU and the memory range (GB) and step each allows.
 * The largest task is 16 vCPU with 120 GB; Fargate offers no GPU
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html, checked 2026-12-02).
 */
export const FARGATE_SIZES = [
  { vcpu: 1, min: 2, max: 8, step: 1 },
  { vcpu: 2, min: 4, max: 16, step: 1 },
  { vcpu: 4, min: 8, max: 30, step: 1 },
  { vcpu: 8, min: 16, max: 60, step: 4 },
  { vcpu: 16, min: 32, max: 120, step: 8 },
] as const;

// Task sizes as machines, made once each: the sizing then evaluates a task size once per
// workload, and no evaluation makes them again.
// Keyed by number, per architecture: a key string made per candidate cost more than the lookup.
const fargateTasks: Record<Arch, Map<number, Machine>> = { x86_64: new Map(), arm64: new Map() };

function fargateTask(vcpu: number, gb: number, arch: Arch): Machine {
  const tasks = fargateTasks[arch];
  const key = gb * 1024 + vcpu;
  let found = tasks.get(key);
  if (!found) {
    found = {
      name: `${vcpu} vCPU / ${gb} GB task (${arch})`,
      vcpu,
      memoryGiB: gb,
      architecture: arch,
      accelerator: null,
      kind: 'cpu',
    };
    tasks.set(key, found);
  }
  return found;
}

/**
 * Every Fargate task size (per architecture) that holds the model beside the runtime, with its
 * hourly price: as many model copies as the task's cores serve, memory rounded up to the step
 * the size allows. Shared with hybrid, whose cloud side runs the same tasks.
 */
export function fargateCandidates(
  w: Workload,
  ctx: CostContext,
  arches: readonly Arch[],
): { machine: Machine; usdPerHour: number }[] {
  const sizing = ctx.knowledge.sizing;
  const overheadMb = sizing.hardware.cpu.hostOverheadMb;
  const candidates: { machine: Machine; usdPerHour: number }[] = [];
  for (const arch of arches) {
    const vcpuHour = ctx.prices.get(fargateVcpuHour(arch)).usd;
    const gbHour = ctx.prices.get(fargateGbHour(arch)).usd;
    for (const size of FARGATE_SIZES) {
      const copies = Math.max(1, Math.ceil(size.vcpu * sizing.hardware.cpu.vcpuShareOfCore[arch]));
      const wantGb = (copies * w.memoryNeededMb + overheadMb) / 1024;
      const oneGb = (w.memoryNeededMb + overheadMb) / 1024;
      if (oneGb > size.max) continue;
      const gb = Math.min(size.max, Math.max(size.min, Math.ceil(wantGb / size.step) * size.step));
      candidates.push({
        machine: fargateTask(size.vcpu, gb, arch),
        usdPerHour: size.vcpu * vcpuHour + gb * gbHour,
      });
    }
  }
  return candidates;
}

/** What each task at the peak adds through the NAT gateway: a task has no GPU, so the CPU image. */
export function taskPerPeak(w: Workload, ctx: CostContext): PerPeak {
  const usd = natUsdPerPeakMachine(w, ctx, false);
  return { cpu: usd, accelerated: usd };
}

/** Candidates cheapest an hour first, in place; equal ones keep their order (the sort is stable). */
export function cheapestFirst<T extends { usdPerHour: number }>(list: T[]): T[] {
  return list.sort((a, b) => a.usdPerHour - b.usdPerHour);
}

/**
 * ECS on Fargate behind an Application Load Balancer, tasks in private subnets with a NAT gateway:
 * the cheapest task size and architecture (x86_64 or Graviton) that holds the model and meets the
 * target, at least one task always running.
 */
export const ecsFargate: CostModel = {
  option: 'ecs-fargate',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const candidates = fargateCandidates(w, ctx, ['x86_64', 'arm64']);
    if (candidates.length === 0) {
      const src = sizing.hardware.cpu.source;
      return unsized([
        {
          limit: 'model-memory-fit',
          title: 'The model fits no machine this option offers',
          text: `The model needs ${formatNumber(w.memoryNeededMb)} MB in memory; Fargate's largest task, 16 vCPU with 120 GB, leaves too little beside the runtime.`,
          value: 122880,
          unit: 'MB',
          source: src.url,
          checked: src.checked,
        },
      ]);
    }
    // cheapestFleet stops at the first candidate dearer than the best fleet so far, so it needs
    // them cheapest first; built by architecture, they are not (a Graviton task was never reached).
    cheapestFirst(candidates);
    const chosen = cheapestFleet(
      'ecs-fargate',
      candidates,
      w,
      sizing,
      1,
      w.answers.latencyP95Ms,
      taskPerPeak(w, ctx),
    );
    if (!chosen.fleet) return unsized(chosen.blockers);
    const f = chosen.fleet;
    const m = f.machine;
    const compute = fargateLineItems(
      {
        vcpu: m.vcpu,
        memoryGb: m.memoryGiB,
        tasks: f.average,
        hours: w.hoursPerMonth,
        arch: m.architecture,
        ephemeralStorageGb: 20,
      },
      ctx.prices,
      ctx.explain,
    );
    const ops = operationsLine('ecs-fargate', w, ctx.knowledge, 0, ctx.explain);
    return {
      lineItems: [
        ...compute,
        ...loadBalancerLines(w, ctx),
        ...natLines(w, ctx, f.max, false),
        ...dataOutLines(w, ctx),
        ops,
      ],
      ...(ctx.explain
        ? {
            summary: { ...fleetSummary(f, w, null, 'task'), instanceType: m.name },
            sizing: {
              vcpuPerTask: m.vcpu,
              memoryGbPerTask: m.memoryGiB,
              arch: m.architecture,
              initialTasks: f.initial,
              maxTasks: f.max,
              averageTasks: f.average,
              // What one task serves at the planned utilisation: the scaffold scales on this figure.
              requestsPerSecondPerTask: sig(f.capacityRps),
            },
            assumptions: [
              ...fleetAssumptions(f, w, sizing, 'task'),
              'CPU only: Fargate offers no GPU. Tasks in private subnets behind an Application Load Balancer, with one NAT gateway.',
              ...(m.architecture === 'arm64'
                ? ['Graviton (arm64) tasks: the image must be built for arm64.']
                : []),
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: headroomNote('ecs-fargate', f.serving.latencyMs, w, sizing, ctx.explain),
      labourUsd: ops.usd,
      covered: [{ plan: 'compute-fargate', usd: compute.reduce((s, l) => s + l.usd, 0) }],
    };
  },
};
