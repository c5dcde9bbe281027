import type { OptionId } from '../core/options.js';
import { prefillMs, type Workload } from '../core/workload.js';
import type { InstanceType } from '../knowledge/instances-schema.js';
import type { Sizing } from '../knowledge/schema.js';
import type { AcceleratorSummary, HardwareKind, SizingNote } from './types.js';
import { scarceCapacityNotes } from './capacity.js';

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
  /** For a generative LLM: the continuous-batching operating point and its token assumptions. */
  generation?: Generation;
}

export interface Generation {
  /** Requests in flight per copy of the model. */
  concurrency: number;
  /** Devices one copy is split over (tensor parallel); 1 when each device holds a copy. */
  devicesPerCopy: number;
  /** Output tokens a second the whole machine produces at that concurrency. */
  tokensPerSecond: number;
  timeToFirstTokenMs: number;
  perTokenMs: number;
  inputTokens: number;
  outputTokens: number;
}

/** Whether the model is taken to be a generative LLM (sizing.yaml llm). */
export function isLlm(w: Workload, sizing: Sizing): boolean {
  return (
    sizing.llm.frameworks.includes(w.answers.framework) && w.answers.modelSizeMb >= sizing.llm.minModelMb
  );
}

/** Cores (of one model copy's threads) a CPU replica keeps busy with intra-op parallelism. */
const THREADS_PER_REPLICA = 4;

// One Machine per catalogue entry, so that every service's candidate lists (SageMaker's hosting,
// async and batch uses, EC2 and its x86 subset) share it and servingsOf evaluates it once per
// workload rather than once per list.
const machines = new WeakMap<InstanceType, Machine>();

export function machineOf(spec: InstanceType): Machine {
  let found = machines.get(spec);
  if (!found) machines.set(spec, (found = newMachine(spec)));
  return found;
}

function newMachine(spec: InstanceType): Machine {
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
export type Servings =
  | { fits: false; memory: 'host' | 'accelerator'; needMb: number; haveMb: number }
  | {
      fits: true;
      ways: Serving[];
      /**
       * The ways come in runs of this many (1: no order): within a run, each way carries more
       * requests a second than the one before and answers no sooner (an LLM server's rising
       * concurrency), so a fleet search may bisect a run instead of trying every way.
       */
      run: number;
    };

// A machine serves a workload the same way for every option but the request overhead, which
// is added where the option is sized (withOverhead): the SageMaker uses, EKS, TF Serving and the
// hybrid burst share one evaluation per machine. Each machine keeps its last evaluation in
// objects the next workload reuses, as this runs for every candidate of every evaluation and a
// fleet keeps only withOverhead's copy of the way it chose: what servingsOf returns holds until
// it is next called for the same machine with a workload served otherwise (see servedAlike).
interface Scratch {
  /** The serving generation its result is for (see servingsOf); -1 while worked out. */
  generation: number;
  result: Servings;
  noFit: { fits: false; memory: 'host' | 'accelerator'; needMb: number; haveMb: number };
  fit: { fits: true; ways: Serving[]; run: number };
  pool: Serving[];
  generations: Generation[];
  accelerator: AcceleratorSummary | null;
}

const scratches = new WeakMap<Machine, Scratch>();

/**
 * What computeServings reads of a workload: two workloads alike in these are served alike by every
 * machine. (A field computeServings comes to read must be added here.) The robustness search's
 * probes of the rate or the latency target change none of them, and reuse every machine's ways.
 */
function servedAlike(a: Workload, b: Workload): boolean {
  return (
    a.answers.framework === b.answers.framework &&
    a.answers.modelSizeMb === b.answers.modelSizeMb &&
    a.answers.gpu === b.answers.gpu &&
    a.answers.inferenceMs === b.answers.inferenceMs &&
    a.memoryNeededMb === b.memoryNeededMb &&
    a.cpuMs === b.cpuMs &&
    a.gpuMs === b.gpuMs &&
    a.gpuHelps === b.gpuHelps &&
    a.inputTokens === b.inputTokens &&
    a.outputTokens === b.outputTokens
  );
}

// The workload and sizing last served, and their generation: a scratch holds a number rather than
// the workload, so that no machine keeps an old evaluation's workload alive.
let servedWorkload: Workload | null = null;
let servedSizing: Sizing | null = null;
let servedGeneration = 0;

export function servingsOf(m: Machine, w: Workload, sizing: Sizing): Servings {
  if (w !== servedWorkload || sizing !== servedSizing) {
    if (!servedWorkload || sizing !== servedSizing || !servedAlike(w, servedWorkload)) servedGeneration += 1;
    servedWorkload = w;
    servedSizing = sizing;
  }
  let s = scratches.get(m);
  if (!s) scratches.set(m, (s = scratchOf(m)));
  if (s.generation !== servedGeneration) {
    s.generation = -1;
    s.result = computeServings(m, w, sizing, s);
    s.generation = servedGeneration;
  }
  return s.result;
}

// Machines alike in everything computeServings reads (an EC2 type and its SageMaker twin,
// ml.g5.xlarge and g5.xlarge) share one scratch, so that the second is served from the first's
// evaluation. Keyed by what the hardware is, not by its name.
const scratchesByHardware = new Map<string, Scratch>();

function scratchOf(m: Machine): Scratch {
  const a = m.accelerator;
  const key = `${m.vcpu}|${m.memoryGiB}|${m.architecture}|${m.kind}|${a ? `${a.name}|${a.count}|${a.memoryGiB}` : ''}`;
  let s = scratchesByHardware.get(key);
  if (!s) scratchesByHardware.set(key, (s = newScratch(m)));
  return s;
}

/**
 * The ways worked out afresh, in objects of their own, reusing nothing: what servingsOf must
 * always give (for the tests that hold the reuse to it).
 */
export function servingsAfresh(m: Machine, w: Workload, sizing: Sizing): Servings {
  return computeServings(m, w, sizing, newScratch(m));
}

function newScratch(m: Machine): Scratch {
  const a = m.accelerator;
  const noFit = { fits: false as const, memory: 'host' as 'host' | 'accelerator', needMb: 0, haveMb: 0 };
  return {
    generation: -1,
    result: noFit,
    noFit,
    fit: { fits: true, ways: [], run: 1 },
    pool: [],
    generations: [],
    accelerator: a ? { name: a.name, count: a.count, memoryGb: a.memoryGiB } : null,
  };
}

/** The scratch's `index`th serving, set to these figures (one shape for every way). */
function wayAt(
  s: Scratch,
  index: number,
  replicas: number,
  throughputRps: number,
  latencyMs: number,
  memoryFitMarginPct: number,
  batched: boolean,
  accelerator: AcceleratorSummary | null,
  generation: Generation | undefined,
): Serving {
  let way = s.pool[index];
  if (!way) {
    s.pool[index] = way = {
      replicas,
      throughputRps,
      latencyMs,
      memoryFitMarginPct,
      batched,
      accelerator,
      generation,
    };
    return way;
  }
  way.replicas = replicas;
  way.throughputRps = throughputRps;
  way.latencyMs = latencyMs;
  way.memoryFitMarginPct = memoryFitMarginPct;
  way.batched = batched;
  way.accelerator = accelerator;
  way.generation = generation;
  return way;
}

function noFit(s: Scratch, memory: 'host' | 'accelerator', needMb: number, haveMb: number): Servings {
  s.noFit.memory = memory;
  s.noFit.needMb = needMb;
  s.noFit.haveMb = haveMb;
  return s.noFit;
}

/** A serving with the option's request overhead added to its latency: the fleet's own copy. */
export function withOverhead(s: Serving, sizing: Sizing, option: OptionId): Serving {
  return {
    ...s,
    latencyMs: round1(s.latencyMs + sizing.latency.overheadMs[option]),
    generation: s.generation && { ...s.generation },
  };
}

/** Intra-op threads a CPU copy of the model may answer one request with. */
const CPU_THREADS = [1, 2, 4] as const;

function computeServings(m: Machine, w: Workload, sizing: Sizing, s: Scratch): Servings {
  const hw = sizing.hardware;
  const p95 = sizing.latency.p95OverInference;
  const hostMb = m.memoryGiB * 1024 - hw.cpu.hostOverheadMb;
  // On an accelerator host the checkpoint is loaded through host memory to the device: the host
  // must hold the runtime and the load's copies (sizing.yaml hardware.hostLoadPerModelMb).
  const needMb = m.accelerator
    ? Math.ceil(sizing.memory.runtimeMb[w.answers.framework] + w.answers.modelSizeMb * hw.hostLoadPerModelMb)
    : w.memoryNeededMb;
  if (needMb > hostMb) return noFit(s, 'host', needMb, Math.max(0, hostMb));
  // The scratch's ways are written over in place and the list cut to their number at the end:
  // emptying it first dropped its storage, made again for every machine of every evaluation.
  const ways = s.fit.ways;
  let count = 0;
  if (!m.accelerator) {
    const cores = m.vcpu * hw.cpu.vcpuShareOfCore[m.architecture];
    const replicas = Math.max(1, Math.min(Math.ceil(cores), Math.floor(hostMb / needMb)));
    const margin = pct(hostMb - needMb, hostMb);
    // One request per core, or split over 2 or 4 cores (intra-op threads) to answer sooner at
    // some loss of throughput: speed-up threads^0.7 (sizing.yaml hardware.cpu.threadScaling).
    for (const threads of CPU_THREADS) {
      if (threads > 1 && threads > cores) break;
      const speedup = threads ** hw.cpu.threadScaling;
      const busyCores = Math.min(cores, replicas * Math.max(threads, THREADS_PER_REPLICA));
      ways[count] = wayAt(
        s,
        count,
        replicas,
        ((busyCores / threads) * speedup * 1000) / w.cpuMs,
        round1((w.cpuMs / speedup) * p95),
        margin,
        false,
        null,
        undefined,
      );
      count += 1;
    }
    return fitWith(s, count);
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
    return noFit(s, 'accelerator', Math.ceil(weightsMb), Math.floor(deviceMb * acc.count));
  }
  // Every copy also needs its runtime in host memory.
  replicas = Math.min(replicas, Math.floor(hostMb / needMb));
  const spec = accelerators(hw)[acc.name]!;
  // gpuMs is one request on the measured GPU class (sizing.yaml inferenceMs.measuredGpu): other
  // devices scale it by their speed relative to that one. Only deep-learning frameworks run
  // faster on an accelerator; a classic model leaves it idle.
  const measuredSpeed = accelerators(hw)[sizing.inferenceMs.measuredGpu.accelerator]!.speed;
  const ms = w.gpuHelps ? (w.gpuMs * measuredSpeed) / spec.speed : w.cpuMs;
  // The binding memory is the tighter of the device and the host the model loads through.
  const margin = Math.min(
    pct(deviceMb * devicesPerReplica - weightsMb, deviceMb * devicesPerReplica),
    pct(hostMb - needMb, hostMb),
  );
  const accelerator = s.accelerator;
  if (isLlm(w, sizing)) {
    // A generative LLM may also be split over more devices than it needs to fit (tensor
    // parallel): fewer copies, each answering sooner from the devices' bandwidth added up.
    let fewest = 1;
    while (fewest < acc.count && weightsMb > deviceMb * fewest) fewest *= 2;
    fewest = Math.min(fewest, acc.count);
    for (const devices of tensorParallelDegrees(fewest, acc.count)) {
      const copies = Math.min(Math.floor(acc.count / devices), Math.floor(hostMb / needMb));
      if (copies < 1) continue;
      const tpMargin = Math.min(
        pct(deviceMb * devices - weightsMb, deviceMb * devices),
        pct(hostMb - needMb, hostMb),
      );
      count += generationWays(s, spec, devices, copies, tpMargin, w, sizing, count);
    }
    return fitWith(s, count, sizing.llm.concurrencies.length);
  }
  const b = hw.batching;
  const plainRps = (replicas * 1000) / ms;
  const plainMs = round1(ms * p95);
  // A request that fills the device on its own gains nothing from batching (sizing.yaml batching).
  if (w.gpuHelps && w.gpuMs <= b.maxRequestMs) {
    const batchedMs = round1(ms * b.latencyFactor * p95);
    ways[count] = wayAt(
      s,
      count,
      replicas,
      plainRps * b.throughputGain,
      batchedMs,
      margin,
      true,
      accelerator,
      undefined,
    );
    count += 1;
  }
  ways[count] = wayAt(s, count, replicas, plainRps, plainMs, margin, false, accelerator, undefined);
  return fitWith(s, count + 1);
}

/** The scratch's fitting result with its first `count` ways, in runs of `run` (see Servings). */
function fitWith(s: Scratch, count: number, run = 1): Servings {
  if (s.fit.ways.length !== count) s.fit.ways.length = count;
  s.fit.run = run;
  return s.fit;
}

/**
 * The tensor-parallel degrees a copy of an LLM may use on a machine of `count` devices: the
 * fewest it fits on, then every power of two above it up to the machine's devices (vLLM and
 * SageMaker LMI split attention heads evenly, so degrees are powers of two in practice).
 */
export function tensorParallelDegrees(fewest: number, count: number): number[] {
  const degrees = [fewest];
  for (let d = 2; d <= count; d *= 2) if (d > fewest) degrees.push(d);
  if (count > fewest && !degrees.includes(count)) degrees.push(count);
  return degrees;
}

interface AcceleratorSpec {
  speed: number;
  memoryGbPerS: number;
  fp16Tflops: number;
  interconnect: 'nvswitch' | 'pcie' | 'neuronlink';
}

/**
 * How a copy of an LLM split over `devices` of an accelerator class fares (sizing.yaml
 * llm.tensorParallel, by the class's interconnect): the share of the devices' bandwidth and FLOPS
 * added up it gets, and the least time a decoding step takes. One device: all of it, no floor.
 */
export function tensorParallelOf(
  accelerator: string,
  devices: number,
  sizing: Sizing,
): { efficiency: number; minTokenMs: number } {
  if (devices <= 1) return NO_SPLIT;
  return sizing.llm.tensorParallel[accelerators(sizing.hardware)[accelerator]!.interconnect];
}

const NO_SPLIT = { efficiency: 1, minTokenMs: 0 } as const;

/** The accelerator classes by name (the schema's object also carries their source). */
function accelerators(hw: Sizing['hardware']): Record<string, AcceleratorSpec> {
  return hw.accelerators as unknown as Record<string, AcceleratorSpec>;
}

/**
 * A generative LLM on a continuous-batching server: one way per concurrency of sizing.yaml llm,
 * each with the machine's output tokens a second, the requests a second they make at the assumed
 * output length, and a request's p95 (time to first token and the output tokens).
 */
function generationWays(
  s: Scratch,
  spec: AcceleratorSpec,
  devices: number,
  replicas: number,
  margin: number,
  w: Workload,
  sizing: Sizing,
  offset: number,
): number {
  const g = sizing.llm;
  const weightsMb = w.answers.modelSizeMb;
  const split = devices > 1 ? g.tensorParallel[spec.interconnect] : NO_SPLIT;
  const efficiency = split.efficiency;
  // GB/s is MB/ms: one stream reads every weight once per token.
  const bandwidthMbPerMs = spec.memoryGbPerS * devices * g.bandwidthUtilisation * efficiency;
  const singleMs = (weightsMb / bandwidthMbPerMs) * tokenCalibration(w, sizing).factor;
  const ttftMs = prefillMs(weightsMb, spec.fp16Tflops * devices * efficiency, sizing, w.inputTokens);
  const p95 = sizing.latency.p95OverInference;
  const ways = s.fit.ways;
  for (let k = 0; k < g.concurrencies.length; k++) {
    const i = offset + k;
    const c = g.concurrencies[k]!;
    // A split copy's step never takes less than its all-reduces and launches (llm.tensorParallel).
    const perTokenMs = Math.max(split.minTokenMs, singleMs * (1 + c / g.saturationConcurrency));
    const tokensPerSecond = (replicas * c * 1000) / perTokenMs;
    let generation = s.generations[i];
    if (!generation) s.generations[i] = generation = {} as Generation;
    generation.concurrency = c;
    generation.devicesPerCopy = devices;
    generation.tokensPerSecond = Math.round(tokensPerSecond);
    generation.timeToFirstTokenMs = round1(ttftMs);
    generation.perTokenMs = round1(perTokenMs);
    generation.inputTokens = w.inputTokens;
    generation.outputTokens = w.outputTokens;
    ways[i] = wayAt(
      s,
      i,
      replicas,
      tokensPerSecond / w.outputTokens,
      // Queueing shows in the wait for the first token; the output tokens take their own time.
      round1(ttftMs * p95 + w.outputTokens * perTokenMs),
      margin,
      c > 1,
      s.accelerator,
      generation,
    );
  }
  return g.concurrencies.length;
}

/**
 * How a measured request time corrects the modelled time per token. With gpu: required an
 * answered inferenceMs is one request on a single stream on one GPU of the measured class
 * (sizing.yaml inferenceMs.measuredGpu): its time per token is (inferenceMs - that GPU's time to
 * first token) / outputTokens, against the modelled one there. Every machine's time per token is
 * scaled by that factor, so it moves with memory bandwidth as the model's does. A measurement no
 * longer than the modelled first token leaves nothing to the output tokens; the factor is then the
 * measurement over the whole modelled request. No GPU reads the weights faster than its memory
 * bandwidth: a measurement beyond that (timed on a faster GPU, or with fewer tokens) is held at the
 * measured GPU's bandwidth limit, and says so. Factor 1 without a measurement.
 */
export interface TokenCalibration {
  factor: number;
  /** The measurement was faster than the measured GPU's bandwidth allows; held at that limit. */
  atBandwidthLimit: boolean;
  /** The fastest the measured GPU can produce the assumed output at one stream, in ms. */
  limitMs: number;
}

export function tokenCalibration(w: Workload, sizing: Sizing): TokenCalibration {
  const measured = w.answers.inferenceMs;
  const none = { factor: 1, atBandwidthLimit: false, limitMs: 0 };
  if (measured === undefined || w.answers.gpu !== 'required') return none;
  const g = sizing.llm;
  const base = accelerators(sizing.hardware)[sizing.inferenceMs.measuredGpu.accelerator]!;
  const weightsMb = w.answers.modelSizeMb;
  const modelPerTokenMs = weightsMb / (base.memoryGbPerS * g.bandwidthUtilisation);
  const parameters = (weightsMb * 1e6) / g.bytesPerParameter;
  const ttftMs = (2 * parameters * w.inputTokens) / (base.fp16Tflops * 1e9 * g.prefillFlopsUtilisation);
  const raw =
    measured <= ttftMs
      ? measured / (ttftMs + w.outputTokens * modelPerTokenMs)
      : (measured - ttftMs) / w.outputTokens / modelPerTokenMs;
  // The full bandwidth is the modelled time per token x bandwidthUtilisation.
  const floor = g.bandwidthUtilisation;
  const limitMs = ttftMs + w.outputTokens * modelPerTokenMs * floor;
  return { factor: Math.max(raw, floor), atBandwidthLimit: raw < floor, limitMs };
}

/** Which machines an option may use for these answers: CPU, accelerators, or both. */
export function kindAllowed(kind: HardwareKind, w: Workload, sizing: Sizing): boolean {
  const gpu = w.answers.gpu;
  if (kind === 'cpu') return gpu !== 'required';
  if (gpu === 'none') return false;
  // Inferentia is not a GPU and needs the model compiled with the Neuron SDK: offered only when a
  // GPU is optional, for the frameworks the SDK compiles (sizing.yaml hardware.neuron).
  if (kind === 'inferentia')
    return (
      gpu === 'optional' && w.gpuHelps && sizing.hardware.neuron.frameworks.includes(w.answers.framework)
    );
  return true;
}

/** The Neuron compilation caveat, beside an option whose sizing picked an Inferentia2 machine. */
/**
 * The caveats a chosen machine brings, in the ranking's numbers pass as in the explained one (their
 * effects move the score): Neuron compilation for Inferentia, scarce on-demand capacity for the P
 * family.
 */
export function machineNotes(m: Machine, sizing: Sizing): SizingNote[] {
  const neuron = neuronNotes(m, sizing);
  const scarce = scarceCapacityNotes(m.name, sizing);
  return scarce.length ? [...neuron, ...scarce] : neuron;
}

export function neuronNotes(m: Machine, sizing: Sizing): SizingNote[] {
  if (m.kind !== 'inferentia') return [];
  const n = sizing.hardware.neuron;
  return [
    {
      rule: 'neuron-compilation',
      topic: 'gpu',
      text: `${m.name}: ${n.caveat.replace(/\.$/, '')} (${n.source.url}, checked ${n.source.checked}).`,
      effect: n.effect,
    },
  ];
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * An upper bound on the requests a second any way of a machine serves (see computeServings): a CPU
 * way at most its cores' worth, one request per cpuMs each; an accelerator way at most one copy
 * per device at the device's speed, with batching's gain. None for a generative LLM, whose ways are
 * sized by tokens a second.
 */
export function mostRps(w: Workload, sizing: Sizing): ((m: Machine) => number) | null {
  if (isLlm(w, sizing)) return null;
  const hw = sizing.hardware;
  const accelerators = hw.accelerators as unknown as Record<string, { speed: number }>;
  const gain = Math.max(1, hw.batching.throughputGain);
  // Threads speed a request up by threads^threadScaling: above 1 a way could pass its cores.
  const threadGain = Math.max(1, 4 ** (hw.cpu.threadScaling - 1));
  const measuredSpeed = accelerators[sizing.inferenceMs.measuredGpu.accelerator]!.speed;
  // A millionth over, so that no rounding of the ways' own arithmetic can pass the bound.
  const margin = 1 + 1e-6;
  return (m) => {
    const a = m.accelerator;
    if (!a) return (margin * m.vcpu * hw.cpu.vcpuShareOfCore[m.architecture] * threadGain * 1000) / w.cpuMs;
    return (
      margin *
      gain *
      (w.gpuHelps
        ? (a.count * accelerators[a.name]!.speed * 1000) / (w.gpuMs * measuredSpeed)
        : (a.count * 1000) / w.cpuMs)
    );
  };
}
