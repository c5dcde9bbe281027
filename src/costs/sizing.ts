import type { Workload } from '../core/workload.js';
import { ONPREM, ec2Instance, sagemakerInstance, type SageMakerUse } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { EC2_INSTANCES, SAGEMAKER_INSTANCES, type InstanceSpec } from './instances.js';
import type { LambdaParams } from './lambda.js';
import type { SageMakerInstanceParams } from './sagemaker-instances.js';
import { SERVERLESS_MEMORY_SIZES_MB, type SageMakerServerlessParams } from './sagemaker-serverless.js';
import type { FargateParams } from './fargate.js';
import type { EksParams } from './eks.js';
import type { Ec2Params } from './tf-serving.js';
import type { OnPremParams } from './on-prem.js';
import type { HybridParams } from './hybrid.js';

/**
 * Turns a Workload into each option's cost-model parameters. Pure. Every choice is written down
 * in `sizing` (shown to the user) and `assumptions` (one sentence each).
 *
 * Capacity: one inference runs at a time per worker slot (a vCPU for CPU instances, a GPU for GPU
 * instances), each slot holding its own copy of the model in memory. An instance serves
 * slots x 1000 / inferenceMs requests per second at 100%; we plan for `targetUtilisation` of that.
 */
export interface SizingPolicy {
  /** Share of capacity to plan for (headroom). */
  targetUtilisation: number;
  /** Share of the active time spent scaled out to the peak. */
  peakShareOfActiveTime: number;
}

export const DEFAULT_POLICY: SizingPolicy = { targetUtilisation: 0.7, peakShareOfActiveTime: 0.1 };

/** Memory a host keeps for the OS, agents and the serving process itself. */
const HOST_OVERHEAD_MB = 1024;
/** Lambda gives one full vCPU at 1,769 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const LAMBDA_ONE_VCPU_MB = 1769;
const LAMBDA_MAX_MB = 10240;
const DEEP_LEARNING = new Set(['pytorch', 'tensorflow', 'huggingface', 'onnx']);

export interface Sized<P> {
  params: P;
  sizing: Record<string, string | number>;
  assumptions: string[];
}

/** Whether the workload's inference time is a GPU time (mirrors core/workload.ts). */
export function usesGpu(w: Workload): boolean {
  const a = w.answers;
  return a.gpu === 'required' || (a.gpu === 'optional' && DEEP_LEARNING.has(a.framework));
}

/** Request rate while traffic flows: the monthly average spread over the active share. */
export function activeRate(w: Workload): number {
  const rps = w.answers.requestsPerSecond / w.activeShare;
  return Math.min(Math.max(rps, w.answers.requestsPerSecond), Math.max(w.peakRequestsPerSecond, rps));
}

/** Data in and out per month: each request's payload in, and a response of the same size out. */
export function monthlyDataGb(w: Workload): number {
  return round((w.monthlyRequests * w.answers.payloadKb * 2) / (1024 * 1024), 3);
}

/** Three significant digits, for figures shown to people (0.000156 stays visible). */
function sig(value: number): number {
  return Number(value.toPrecision(3));
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Worker slots an instance offers the model; 0 when the model does not fit. */
export function slotsOf(spec: InstanceSpec, w: Workload): number {
  const needMb = w.memoryNeededMb;
  const hostMb = spec.memoryGib * 1024 - HOST_OVERHEAD_MB;
  if (spec.gpus > 0) {
    const fitsGpu = needMb <= spec.gpuMemoryGib * 1024 * 0.9;
    return fitsGpu && needMb <= hostMb ? spec.gpus : 0;
  }
  return Math.max(0, Math.min(spec.vcpu, Math.floor(hostMb / needMb)));
}

interface Fleet {
  spec: InstanceSpec;
  slots: number;
  /** Requests per second one instance serves at the target utilisation. */
  capacityRps: number;
  initial: number;
  max: number;
  /** Average instances over the month, when idle time scales in to `idleMin`. */
  average: number;
  idleMin: number;
}

/** Sizes a fleet of one instance type for the active rate, with scale-out to the peak. */
function fleetOf(
  spec: InstanceSpec,
  slots: number,
  w: Workload,
  policy: SizingPolicy,
  idleMin: number,
): Fleet {
  const capacityRps = ((slots * 1000) / w.inferenceMs) * policy.targetUtilisation;
  const initial = Math.max(1, Math.ceil(activeRate(w) / capacityRps - 1e-9));
  const max = Math.max(initial, Math.ceil(w.peakRequestsPerSecond / capacityRps - 1e-9));
  const busy = initial + (max - initial) * policy.peakShareOfActiveTime;
  const average = round(w.activeShare * busy + (1 - w.activeShare) * idleMin, 3);
  return { spec, slots, capacityRps, initial, max, average, idleMin };
}

/**
 * The cheapest instance type (by modelled monthly instance cost) among those the model fits on,
 * of the right kind (GPU or CPU), and whose price the book has.
 */
function chooseFleet(
  candidates: readonly InstanceSpec[],
  priceKey: (type: string) => string,
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy,
  idleMin: number,
): Fleet {
  const gpu = usesGpu(w);
  const kind = candidates.filter((c) => c.gpus > 0 === gpu);
  let best: { fleet: Fleet; usd: number } | undefined;
  for (const spec of kind) {
    const slots = slotsOf(spec, w);
    if (slots === 0 || !prices.has(priceKey(spec.type))) continue;
    const fleet = fleetOf(spec, slots, w, policy, idleMin);
    const usd = fleet.average * prices.get(priceKey(spec.type)).usd;
    if (!best || usd < best.usd) best = { fleet, usd };
  }
  if (best) return best.fleet;
  // Nothing fits: size the largest of the right kind and say so; the engine's limits decide.
  const largest = [...kind].sort((a, b) => b.memoryGib - a.memoryGib || b.gpuMemoryGib - a.gpuMemoryGib)[0];
  if (!largest) throw new Error('no instance type of the right kind in the catalogue');
  prices.get(priceKey(largest.type)); // an unknown price is an error, not a silent pick
  return fleetOf(largest, 1, w, policy, idleMin);
}

function fleetSizing(f: Fleet, w: Workload): Record<string, string | number> {
  return {
    instanceType: f.spec.type,
    workerSlotsPerInstance: f.slots,
    requestsPerSecondPerInstance: sig(f.capacityRps),
    initialInstances: f.initial,
    maxInstances: f.max,
    averageInstances: f.average,
    hoursPerMonth: w.hoursPerMonth,
  };
}

function fleetAssumptions(f: Fleet, w: Workload, policy: SizingPolicy, scalesToZero: boolean): string[] {
  const lines = [
    `${f.spec.type} serves ${sig(f.capacityRps)} requests/s at ${policy.targetUtilisation * 100}% target utilisation (${f.slots} worker slot${f.slots > 1 ? 's' : ''} x 1000 / ${w.inferenceMs} ms).`,
    `${f.initial} instance${f.initial > 1 ? 's' : ''} for ${round(activeRate(w), 3)} requests/s while traffic flows, scaling out to ${f.max} at the peak of ${w.peakRequestsPerSecond} requests/s for ${policy.peakShareOfActiveTime * 100}% of the active time.`,
    scalesToZero
      ? `Scales to zero when idle: instances run ${round(w.activeShare * 100, 1)}% of the month.`
      : `Traffic flows ${round(w.activeShare * 100, 1)}% of the month; otherwise ${f.idleMin} instance keeps running.`,
  ];
  if (f.slots === 1 && slotsOf(f.spec, w) === 0) {
    lines.push(
      `The model (${w.memoryNeededMb} MB in memory) does not fit any priced instance type; priced on the largest, ${f.spec.type}.`,
    );
  }
  return lines;
}

export function sizeLambda(w: Workload): Sized<LambdaParams> {
  const memoryMb = Math.min(LAMBDA_MAX_MB, Math.max(LAMBDA_ONE_VCPU_MB, Math.ceil(w.memoryNeededMb)));
  const durationMs = Math.ceil(w.inferenceMs);
  const assumptions = [
    `${memoryMb} MB of memory: the model needs ${w.memoryNeededMb} MB, and Lambda gives a full vCPU only from ${LAMBDA_ONE_VCPU_MB} MB (the inference time assumes one core).`,
    `Each request runs ${durationMs} ms (the inference time, billed in 1 ms steps); x86_64; 512 MB of /tmp; no provisioned concurrency; free tier not applied.`,
  ];
  if (w.memoryNeededMb > LAMBDA_MAX_MB)
    assumptions.push(`The model needs more than Lambda's ${LAMBDA_MAX_MB} MB maximum.`);
  if (usesGpu(w))
    assumptions.push('Lambda has no GPU; the figure uses the GPU inference time and understates a CPU run.');
  return {
    params: {
      memoryMb,
      requests: w.monthlyRequests,
      durationMs,
      arch: 'x86_64',
      ephemeralStorageMb: 512,
      provisionedConcurrency: 0,
      provisionedHours: 0,
      freeTier: false,
    },
    sizing: {
      memoryMb,
      durationMs,
      requestsPerMonth: w.monthlyRequests,
      arch: 'x86_64',
      peakConcurrency: w.peakConcurrency,
    },
    assumptions,
  };
}

export function sizeSageMakerServerless(w: Workload): Sized<SageMakerServerlessParams> {
  const fits = SERVERLESS_MEMORY_SIZES_MB.find((m) => m >= w.memoryNeededMb);
  const memoryMb = fits ?? SERVERLESS_MEMORY_SIZES_MB[SERVERLESS_MEMORY_SIZES_MB.length - 1]!;
  const dataGb = monthlyDataGb(w);
  const assumptions = [
    `${memoryMb} MB: the smallest serverless memory size that holds the model's ${w.memoryNeededMb} MB.`,
    `Each request runs ${w.inferenceMs} ms; ${dataGb} GB processed a month (${w.answers.payloadKb} KB in and as much out per request).`,
  ];
  if (!fits) assumptions.push(`The model needs more than serverless inference's 6,144 MB maximum.`);
  if (usesGpu(w))
    assumptions.push('Serverless inference has no GPU; the figure uses the GPU inference time.');
  return {
    params: {
      memoryMb,
      requests: w.monthlyRequests,
      durationMs: w.inferenceMs,
      dataGb,
      provisionedConcurrency: 0,
      provisionedHours: 0,
    },
    sizing: {
      memoryMb,
      durationMs: w.inferenceMs,
      requestsPerMonth: w.monthlyRequests,
      dataGb,
      peakConcurrency: w.peakConcurrency,
    },
    assumptions,
  };
}

export function sizeSageMakerInstances(
  use: SageMakerUse,
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): Sized<SageMakerInstanceParams> {
  const scalesToZero = use !== 'hosting';
  const fleet = chooseFleet(
    SAGEMAKER_INSTANCES,
    (t) => sagemakerInstance(use, t),
    w,
    prices,
    policy,
    scalesToZero ? 0 : 1,
  );
  const dataGb = use === 'batch' ? 0 : monthlyDataGb(w);
  const assumptions = fleetAssumptions(fleet, w, policy, scalesToZero);
  if (use !== 'batch')
    assumptions.push(
      `${dataGb} GB processed a month (${w.answers.payloadKb} KB in and as much out per request).`,
    );
  return {
    params: { instanceType: fleet.spec.type, instances: fleet.average, hours: w.hoursPerMonth, dataGb },
    sizing: { ...fleetSizing(fleet, w), ...(use === 'batch' ? {} : { dataGb }) },
    assumptions,
  };
}

/** Fargate task sizes: vCPU and the memory range (GB) and step it allows (Linux, platform 1.4). */
const FARGATE_SIZES = [
  { vcpu: 1, min: 2, max: 8, step: 1 },
  { vcpu: 2, min: 4, max: 16, step: 1 },
  { vcpu: 4, min: 8, max: 30, step: 1 },
  { vcpu: 8, min: 16, max: 60, step: 4 },
  { vcpu: 16, min: 32, max: 120, step: 8 },
] as const;

export function sizeFargate(w: Workload, policy: SizingPolicy = DEFAULT_POLICY): Sized<FargateParams> {
  const needGb = (w.memoryNeededMb + 512) / 1024;
  const size = FARGATE_SIZES.find((s) => needGb <= s.max) ?? FARGATE_SIZES[FARGATE_SIZES.length - 1]!;
  const slots = Math.max(1, Math.min(size.vcpu, Math.floor((size.max * 1024 - 512) / w.memoryNeededMb)));
  const wantGb = (slots * w.memoryNeededMb + 512) / 1024;
  const memoryGb = Math.min(size.max, Math.max(size.min, Math.ceil(wantGb / size.step) * size.step));
  const spec: InstanceSpec = {
    type: `${size.vcpu} vCPU / ${memoryGb} GB task`,
    vcpu: size.vcpu,
    memoryGib: memoryGb,
    gpus: 0,
    gpuMemoryGib: 0,
    arch: 'x86_64',
  };
  const fleet = fleetOf(spec, slots, w, policy, 1);
  const assumptions = fleetAssumptions(fleet, w, policy, false).map((s) => s.replace(/instance/g, 'task'));
  assumptions.push('Linux/x86_64; the 20 GB of ephemeral storage each task includes is enough.');
  if (needGb > 120) assumptions.push(`The model needs more memory than Fargate's 120 GB maximum task.`);
  if (usesGpu(w)) assumptions.push('Fargate has no GPU; the figure uses the GPU inference time.');
  return {
    params: {
      vcpu: size.vcpu,
      memoryGb,
      tasks: fleet.average,
      hours: w.hoursPerMonth,
      arch: 'x86_64',
      ephemeralStorageGb: 20,
    },
    sizing: {
      vcpuPerTask: size.vcpu,
      memoryGbPerTask: memoryGb,
      workerSlotsPerTask: slots,
      requestsPerSecondPerTask: sig(fleet.capacityRps),
      initialTasks: fleet.initial,
      maxTasks: fleet.max,
      averageTasks: fleet.average,
      hoursPerMonth: w.hoursPerMonth,
    },
    assumptions,
  };
}

export function sizeEc2(
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): Sized<Ec2Params> {
  return ec2Fleet(w, prices, policy).sized;
}

function ec2Fleet(
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy,
): { sized: Sized<Ec2Params>; fleet: Fleet } {
  const fleet = chooseFleet(EC2_INSTANCES, ec2Instance, w, prices, policy, 1);
  const assumptions = fleetAssumptions(fleet, w, policy, false);
  if (fleet.spec.arch === 'arm64') {
    assumptions.push(`${fleet.spec.type} is Graviton (arm64): the serving image must be built for arm64.`);
  }
  return {
    fleet,
    sized: {
      params: { instanceType: fleet.spec.type, instances: fleet.average, hours: w.hoursPerMonth },
      sizing: fleetSizing(fleet, w),
      assumptions,
    },
  };
}

export function sizeEks(
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): Sized<EksParams> {
  const ec2 = sizeEc2(w, prices, policy);
  return {
    params: {
      nodeType: ec2.params.instanceType,
      nodes: ec2.params.instances,
      hours: w.hoursPerMonth,
      clusters: 1,
    },
    sizing: { clusters: 1, nodeType: ec2.params.instanceType, ...ec2.sizing },
    assumptions: [
      'One EKS cluster in standard support, running all month.',
      ...ec2.assumptions.map((s) => s.replace(/instance/g, 'node')),
      'Nodes also run system pods; a shared cluster would split the control-plane cost.',
    ],
  };
}

interface OnPremSized extends Sized<OnPremParams> {
  capacityRps: number;
}

function sizeOnPremFor(
  rate: number,
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy,
  minServers: number,
): OnPremSized {
  const v = (key: string) => prices.assumption(key).value;
  const gpu = usesGpu(w);
  const server: InstanceSpec = gpu
    ? {
        type: 'GPU server',
        vcpu: v(ONPREM.serverVcpus),
        memoryGib: v(ONPREM.serverMemoryGb),
        gpus: 1,
        gpuMemoryGib: 48,
        arch: 'x86_64',
      }
    : {
        type: 'CPU server',
        vcpu: v(ONPREM.serverVcpus),
        memoryGib: v(ONPREM.serverMemoryGb),
        gpus: 0,
        gpuMemoryGib: 0,
        arch: 'x86_64',
      };
  const slots = Math.max(1, slotsOf(server, w));
  const capacityRps = ((slots * 1000) / w.inferenceMs) * policy.targetUtilisation;
  const servers = Math.max(minServers, Math.ceil(rate / capacityRps - 1e-9));
  const opsHours = v(ONPREM.opsHoursPerMonth) + (servers - 1) * v(ONPREM.opsHoursPerExtraServer);
  const params: OnPremParams = {
    servers,
    serverUsd: v(gpu ? ONPREM.serverUsdGpu : ONPREM.serverUsdCpu),
    amortizeMonths: v(ONPREM.amortizeMonths),
    watts: v(gpu ? ONPREM.wattsGpu : ONPREM.wattsCpu),
    usdPerKwh: v(ONPREM.usdPerKwh),
    hours: w.hoursPerMonth,
    opsHours,
    opsUsdPerHour: v(ONPREM.opsUsdPerHour),
  };
  return {
    params,
    capacityRps,
    sizing: {
      serverKind: server.type,
      servers,
      requestsPerSecondPerServer: sig(capacityRps),
      opsHoursPerMonth: opsHours,
    },
    assumptions: [
      `${servers} ${server.type}${servers > 1 ? 's' : ''} (at least ${minServers}${minServers > 1 ? ', for redundancy' : ''}), each serving ${sig(capacityRps)} requests/s at ${policy.targetUtilisation * 100}% utilisation; bought for ${round(rate, 3)} requests/s.`,
      `On-premises figures are assumptions, not prices: $${params.serverUsd} per server over ${params.amortizeMonths} months, ${params.watts} W at $${params.usdPerKwh}/kWh, ${opsHours} ops hours a month at $${params.opsUsdPerHour}/h.`,
    ],
  };
}

export function sizeOnPrem(
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): Sized<OnPremParams> {
  const minServers = prices.assumption(ONPREM.minServers).value;
  const s = sizeOnPremFor(w.peakRequestsPerSecond, w, prices, policy, minServers);
  return {
    params: s.params,
    sizing: s.sizing,
    assumptions: ['Servers cannot scale: sized for the peak.', ...s.assumptions],
  };
}

export function sizeHybrid(
  w: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): Sized<HybridParams> {
  // The cloud is the base's failover, so one server can be enough.
  const base = sizeOnPremFor(activeRate(w), w, prices, policy, 1);
  const { sized: ec2, fleet } = ec2Fleet(w, prices, policy);
  const overflowRps = Math.max(0, w.peakRequestsPerSecond - base.capacityRps * base.params.servers);
  const burstInstances = overflowRps > 0 ? Math.ceil(overflowRps / fleet.capacityRps - 1e-9) : 0;
  const burstHours = round(w.hoursPerMonth * w.activeShare * policy.peakShareOfActiveTime, 2);
  return {
    params: {
      onPrem: base.params,
      burst: { instanceType: ec2.params.instanceType, instances: burstInstances, hours: burstHours },
    },
    sizing: {
      ...base.sizing,
      burstInstanceType: ec2.params.instanceType,
      burstInstances,
      burstHoursPerMonth: burstHours,
    },
    assumptions: [
      'The on-premises base is sized for the usual (active) load; the cloud takes what is above it.',
      ...base.assumptions,
      burstInstances > 0
        ? `${burstInstances} x ${ec2.params.instanceType} in the cloud for the ${round(overflowRps, 3)} requests/s above the base at peak, ${burstHours} h a month (${policy.peakShareOfActiveTime * 100}% of the active time).`
        : 'The base absorbs the peak; no cloud burst is needed (a burst would be priced at EC2 on-demand rates).',
    ],
  };
}
