import type { OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import type { InstanceType } from '../knowledge/instances-schema.js';
import type { Sizing } from '../knowledge/schema.js';
import type { AcceleratorSummary, HardwareKind } from './types.js';

/**
 * How one machine (an instance type, a task size, a server) serves the model: whether the model
 * fits in its host and accelerator memory, how many copies it holds, how many requests a second it
 * serves flat out, and the p95 of a warm request. Pure; every figure comes from sizing.yaml.
 */
export interface Machine {
  name: string;
  vcpu: number;
  memoryGiB: number;
  architecture: 'x86_64' | 'arm64';
  accelerator: {
    name: keyof Sizing['hardware']['accelerators'] & string;
    count: number;
    memoryGiB: number;
  } | null;
  kind: HardwareKind;
}

export interface Serving {
  /** Copies of the model the machine holds (one per accelerator, or per group of cores). */
  replicas: number;
  /** Requests a second at 100% busy. */
  throughputRps: number;
  /** Modelled p95 of a warm request, overhead included. */
  latencyMs: number;
  /** Spare memory once loaded, as a share of the binding memory (host or one accelerator). */
  memoryFitMarginPct: number;
  batched: boolean;
  accelerator: AcceleratorSummary | null;
}

/** Cores (of one model copy's threads) a CPU replica keeps busy with intra-op parallelism. */
const THREADS_PER_REPLICA = 4;

export function machineOf(spec: InstanceType): Machine {
  const a = spec.accelerator;
  return {
    name: spec.name,
    vcpu: spec.vcpu,
    memoryGiB: spec.memoryGiB,
    architecture: spec.architecture,
    accelerator: a ? { name: a.name, count: a.count, memoryGiB: a.memoryGiB } : null,
    kind: a ? (a.kind === 'neuron' ? 'inferentia' : 'gpu') : 'cpu',
  };
}

/**
 * The ways a machine can serve the model, or a reason it cannot: the model does not fit. For an
 * accelerator, one configuration without batching and one with (when the framework batches).
 */
export type Servings = { fits: false; needMb: number; haveMb: number } | { fits: true; ways: Serving[] };

// A machine serves a workload the same way for every option but the request overhead, which
// is added where the option is sized: the SageMaker uses, EKS, TF Serving and the hybrid burst
// share one evaluation per machine (latencyMs here excludes the overhead).
let lastWorkload: Workload | null = null;
let byMachine = new Map<Machine, Servings>();

export function servingsOf(m: Machine, w: Workload, sizing: Sizing): Servings {
  if (w !== lastWorkload) {
    lastWorkload = w;
    byMachine = new Map();
  }
  let found = byMachine.get(m);
  if (!found) byMachine.set(m, (found = computeServings(m, w, sizing, 0)));
  return found;
}

/** A serving with the option's request overhead added to its latency. */
export function withOverhead(s: Serving, sizing: Sizing, option: OptionId): Serving {
  return { ...s, latencyMs: round1(s.latencyMs + sizing.latency.overheadMs[option]) };
}

function computeServings(m: Machine, w: Workload, sizing: Sizing, overhead: number): Servings {
  const hw = sizing.hardware;
  const p95 = sizing.latency.p95OverInference;
  const hostMb = m.memoryGiB * 1024 - hw.cpu.hostOverheadMb;
  // On an accelerator host the weights pass through host memory once, to the device.
  const needMb = m.accelerator
    ? Math.ceil(sizing.memory.runtimeMb[w.answers.framework] + w.answers.modelSizeMb)
    : w.memoryNeededMb;
  if (needMb > hostMb) return { fits: false, needMb, haveMb: Math.max(0, hostMb) };
  if (!m.accelerator) {
    const cores = m.vcpu * hw.cpu.vcpuShareOfCore[m.architecture];
    const replicas = Math.max(1, Math.min(Math.ceil(cores), Math.floor(hostMb / needMb)));
    const margin = pct(hostMb - needMb, hostMb);
    // One request per core, or split over 2 or 4 cores (intra-op threads) to answer sooner at
    // some loss of throughput: speed-up threads^0.7 (sizing.yaml hardware.cpu.threadScaling).
    const ways: Serving[] = [];
    for (const threads of [1, 2, 4]) {
      if (threads > 1 && threads > cores) break;
      const speedup = threads ** hw.cpu.threadScaling;
      const busyCores = Math.min(cores, replicas * Math.max(threads, THREADS_PER_REPLICA));
      ways.push({
        replicas,
        throughputRps: ((busyCores / threads) * speedup * 1000) / w.cpuMs,
        latencyMs: round1((w.cpuMs / speedup) * p95 + overhead),
        memoryFitMarginPct: margin,
        batched: false,
        accelerator: null,
      });
    }
    return { fits: true, ways };
  }
  const acc = m.accelerator;
  const deviceMb = acc.memoryGiB * 1024 * hw.acceleratorMemoryUsable;
  const weightsMb = w.answers.modelSizeMb * hw.acceleratorMemoryPerModelMb;
  let replicas: number;
  let devicesPerReplica: number;
  if (weightsMb <= deviceMb) {
    replicas = acc.count;
    devicesPerReplica = 1;
  } else if (weightsMb <= deviceMb * acc.count) {
    // Too large for one device: one copy split across them (tensor parallel).
    replicas = 1;
    devicesPerReplica = acc.count;
  } else {
    return { fits: false, needMb: Math.ceil(weightsMb), haveMb: Math.floor(deviceMb * acc.count) };
  }
  // Every copy also needs its runtime in host memory.
  replicas = Math.min(replicas, Math.floor(hostMb / needMb));
  const speed = (hw.accelerators as unknown as Record<string, { speed: number }>)[acc.name]!.speed;
  // Only deep-learning frameworks run faster on an accelerator; a classic model leaves it idle.
  const ms = w.gpuHelps ? w.gpuMs / speed : w.cpuMs;
  const margin = pct(deviceMb * devicesPerReplica - weightsMb, deviceMb * devicesPerReplica);
  const accelerator = { name: acc.name, count: acc.count, memoryGb: acc.memoryGiB };
  const plain: Serving = {
    replicas,
    throughputRps: (replicas * 1000) / ms,
    latencyMs: round1(ms * p95 + overhead),
    memoryFitMarginPct: margin,
    batched: false,
    accelerator,
  };
  if (!w.gpuHelps) return { fits: true, ways: [plain] };
  const b = hw.batching;
  const batched: Serving = {
    ...plain,
    throughputRps: plain.throughputRps * b.throughputGain,
    latencyMs: round1(ms * b.latencyFactor * p95 + overhead),
    batched: true,
  };
  return { fits: true, ways: [batched, plain] };
}

/** Which machines an option may use for these answers: CPU, accelerators, or both. */
export function kindAllowed(kind: HardwareKind, w: Workload): boolean {
  const gpu = w.answers.gpu;
  if (kind === 'cpu') return gpu !== 'required';
  if (gpu === 'none') return false;
  // Inferentia is not a GPU and needs the model compiled with the Neuron SDK: offered only when a
  // GPU is optional, for deep-learning frameworks.
  if (kind === 'inferentia') return gpu === 'optional' && w.gpuHelps;
  return true;
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
