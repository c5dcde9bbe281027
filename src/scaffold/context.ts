import type { Answers, Framework, TrafficPattern } from '../core/answers.js';
import type { OptionId } from '../core/options.js';
import { sanitizeText } from '../core/sanitize.js';
import { toDnsLabel } from '../core/slug.js';
import type { Workload } from '../core/workload.js';
import type { LineItem, OptionCost, OptionSizing } from '../costs/types.js';
import { planCapacity, planModelCopy, type Capacity, type MachineSpec, type ModelCopy } from './capacity.js';

/**
 * The one object every scaffold template sees. Pure data, built by `buildContext` from the
 * answers, the workload, the option and its modelled cost: the same inputs always give the same
 * context, so the same repository. Templates read it only through the quoting helpers of
 * scaffold/render.ts; raw strings (the project name above all) are never trusted.
 */
/** Docker's and Kubernetes' name of a CPU architecture. */
export type Architecture = 'amd64' | 'arm64';

export interface ScaffoldContext {
  generator: { name: 'ml-deploy-advisor'; version: string };
  project: {
    /** Exactly what the user typed: any text. Only ever interpolated through a quoting helper. */
    name: string;
    /** DNS-1123 label (lowercase letters, digits, '-'; starts with a letter; <= 63 chars). */
    slug: string;
    /** A valid Python identifier (and not a keyword), for module and package names. */
    pythonName: string;
  };
  option: {
    id: OptionId;
    name: string;
    /** How requests reach the model: an HTTP server, a Lambda handler, or a batch job. */
    serving: Serving;
  };
  framework: FrameworkInfo;
  gpu: boolean;
  region: string;
  budget: { monthlyUsd: number };
  traffic: {
    pattern: TrafficPattern;
    avgRps: number;
    peakRps: number;
    inferenceMs: number;
    payloadKb: number;
    /** p95 target; null for offline work. */
    latencyP95Ms: number | null;
    monthlyRequests: number;
    peakConcurrency: number;
  };
  autoscaling: {
    min: number;
    max: number;
    /** Requests per second one instance (task, pod, replica) should carry at the target load. */
    target: number;
    /** The same target in SageMaker's terms (SageMakerVariantInvocationsPerInstance, per minute). */
    targetInvocationsPerMinute: number;
    /** CPU utilisation target for CPU-driven scalers (HPA, ECS target tracking). */
    cpuPercent: number;
  };
  /** Instances per environment and serverless concurrency (scaffold/capacity.ts). */
  capacity: Capacity;
  /**
   * Hybrid's cloud side as the engine sized and priced it (ECS tasks behind an internal load
   * balancer): task size and counts per environment. Null for every other option.
   */
  cloud: CloudSide | null;
  /**
   * EKS pods as the engine sized them (one model copy per pod): resources per pod and the
   * autoscaler's bounds. Null for every other option (the Kubernetes files then keep their
   * one-CPU defaults).
   */
  pods: Pods | null;
  /** How a Kubernetes Deployment rolls (production's numbers; see rolloutOf). */
  rollout: Rollout;
  /** The modelled monthly cost; null when it could not be priced (never shown as $0). */
  cost: {
    monthlyUsd: number;
    per1kInferencesUsd: number | null;
    lineItems: LineItem[];
    assumptions: string[];
  } | null;
  /**
   * One more instance of the priced type for a whole month (the cost model's instance-hour price
   * times the month's hours): what an extra variant such as an A/B challenger adds. Null when the
   * option is not priced by the instance-hour.
   */
  instanceMonthlyUsd: number | null;
  /** Memory for one serving process, from the cost model's sizing or the workload estimate. */
  memoryMb: number;
  /** Instance, node or task type from the cost model's sizing; null where the option has none. */
  instanceType: string | null;
  instances: number | null;
  vcpu: number | null;
  /** The catalogue's spec of instanceType; null when the option has none or the type is not listed. */
  machine: MachineSpec | null;
  /**
   * The CPU architecture the advice priced (a Graviton instance, node or Fargate task is arm64):
   * the image is built for it and every host pinned to it. TensorFlow Serving is amd64 only.
   */
  architecture: Architecture;
  /** SageMaker inference components: what one model copy reserves, and how many (scaffold/capacity.ts). */
  modelCopy: ModelCopy;
  /**
   * Lambda execution environments the cost model keeps warm in production (its priced provisioned
   * concurrency); 0 when it prices none or the option has no such thing.
   */
  provisionedConcurrency: number;
  /** The cost model's sizing as shown to the user, as label/value pairs. */
  sizing: { key: string; value: string | number }[];
  /** The ranking of every option, for docs/RECOMMENDATION.md. */
  ranking: RankingRow[];
}

export type Serving = 'http' | 'lambda' | 'batch';

/**
 * A Deployment's rolling update. Above the availability floor, one pod at a time is replaced in
 * place (maxSurge 0, maxUnavailable 1): no spare node room is needed and the floor still serves.
 * At the floor, a new pod starts before an old one stops (maxSurge 1), which needs room for one
 * more pod: spare node capacity or a node autoscaler (Cluster Autoscaler, Karpenter).
 */
export interface Rollout {
  maxSurge: number;
  maxUnavailable: number;
  /** Production's least pods, and the availability floor the rollout keeps serving. */
  minPods: number;
  availabilityMin: number;
}

export function rolloutOf(minPods: number, availabilityMin: number): Rollout {
  const inPlace = minPods > availabilityMin;
  return { maxSurge: inPlace ? 0 : 1, maxUnavailable: inPlace ? 1 : 0, minPods, availabilityMin };
}

export interface Pods {
  cpuMillicores: number;
  memoryMb: number;
  /** Accelerators per pod (nvidia.com/gpu); 0 on CPU nodes. */
  gpus: number;
  /** Inferentia devices per pod (aws.amazon.com/neuron); 0 elsewhere. */
  neuronDevices: number;
  perNode: number;
  min: number;
  max: number;
}

/** EKS pods from the cost model's sizing (the figures it priced), else null. */
export function podsOf(sizing: Record<string, string | number>): Pods | null {
  const cpu = sizingNumber(sizing, ['podCpuMillicores']);
  const memoryMb = sizingNumber(sizing, ['podMemoryMb']);
  const min = sizingNumber(sizing, ['minPods']);
  const max = sizingNumber(sizing, ['maxPods']);
  if (cpu === null || memoryMb === null || min === null || max === null) return null;
  return {
    cpuMillicores: cpu,
    memoryMb,
    gpus: sizingNumber(sizing, ['podGpus']) ?? 0,
    neuronDevices: sizingNumber(sizing, ['podNeuronDevices']) ?? 0,
    perNode: sizingNumber(sizing, ['podsPerNode']) ?? 1,
    min,
    max: Math.max(min, max),
  };
}

export interface CloudSide {
  /** Fargate tasks, or EC2 instances when Fargate cannot serve the model (a GPU). */
  platform: 'fargate' | 'ec2';
  /** Fargate task CPU in CPU units (1024 a vCPU) and memory in MB, a valid Fargate pair. */
  cpuUnits: number;
  memoryMb: number;
  staging: { min: number; max: number };
  production: { min: number; max: number };
  /** Where the production numbers come from, one line. */
  why: string;
}

export interface FrameworkInfo {
  id: Framework;
  /** The file or folder inside MODEL_PATH that app/model.py loads (the contract's convention). */
  modelFile: string;
  /** True when the artifact is a folder (SavedModel, save_pretrained) rather than one file. */
  modelIsDir: boolean;
  /** Human description of the artifact, for READMEs. */
  artifact: string;
  /** Booleans for templates' `{{#if framework.is.pytorch}}` (Handlebars has no equality). */
  is: Record<Framework, boolean>;
}

export interface RankingRow {
  rank: number;
  option: OptionId;
  name: string;
  feasible: boolean;
  score: number;
  monthlyCostUsd: number | null;
  blockers: string[];
  reasons: string[];
  chosen: boolean;
}

export interface ContextInput {
  answers: Answers;
  workload: Workload;
  option: { id: OptionId; name: string; serving: Serving };
  cost: OptionCost | null;
  ranking?: Omit<RankingRow, 'chosen'>[];
  generatorVersion?: string;
  /** Share of one instance's capacity to plan for at peak (knowledge sizing.targetUtilisation). */
  targetUtilisation?: number;
  /** Least production instances of an interactive fleet (knowledge sizing.availability.minInstances). */
  availabilityMin: number;
  /**
   * The engine's own sizing for the option (the same numbers as the report): its instance type and
   * fleet bounds win over what is derived from the cost model's line-item sizing.
   */
  engineSizing?: OptionSizing | null;
  /** The instance catalogue (knowledge.instances): the spec of the advised instance type. */
  instanceSpecs?: readonly {
    name: string;
    vcpu: number;
    memoryGiB: number;
    architecture?: string;
    accelerator: { count: number } | null;
  }[];
}

const FRAMEWORK_ARTIFACTS: Record<Framework, { modelFile: string; modelIsDir: boolean; artifact: string }> = {
  sklearn: {
    modelFile: 'model.joblib',
    modelIsDir: false,
    artifact: 'a joblib dump of the fitted estimator',
  },
  xgboost: {
    modelFile: 'model.joblib',
    modelIsDir: false,
    artifact: 'a joblib dump of the fitted XGBoost model',
  },
  pytorch: { modelFile: 'model.pt', modelIsDir: false, artifact: 'a TorchScript module (torch.jit.save)' },
  onnx: { modelFile: 'model.onnx', modelIsDir: false, artifact: 'an ONNX graph' },
  tensorflow: { modelFile: 'saved_model', modelIsDir: true, artifact: 'a TensorFlow SavedModel folder' },
  huggingface: {
    modelFile: 'hf_model',
    modelIsDir: true,
    artifact: 'a transformers save_pretrained folder (model and tokenizer)',
  },
  other: {
    modelFile: 'model.joblib',
    modelIsDir: false,
    artifact: 'a joblib dump of any object with a predict() method',
  },
};

export function frameworkInfo(id: Framework): FrameworkInfo {
  const is = Object.fromEntries(Object.keys(FRAMEWORK_ARTIFACTS).map((f) => [f, f === id])) as Record<
    Framework,
    boolean
  >;
  return { id, ...FRAMEWORK_ARTIFACTS[id], is };
}

/** DNS-1123 labels (see core/slug.ts: non-ASCII names get a stable hash, not `ml-model`). */
export { toDnsLabel };

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
);

/** A Python identifier from any text (used for module names, never for user-facing text). */
export function toPythonName(text: string): string {
  let name = toDnsLabel(text, 60).replace(/-/g, '_');
  if (PYTHON_KEYWORDS.has(name)) name = `${name}_model`;
  return name;
}

const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function sizingNumber(sizing: Record<string, string | number>, keys: string[]): number | null {
  for (const key of keys) {
    const value = sizing[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  }
  return null;
}

function sizingString(sizing: Record<string, string | number>, keys: string[]): string | null {
  for (const key of keys) {
    const value = sizing[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/**
 * Instance counts sized from the traffic: one worker per vCPU serves 1000/inferenceMs requests a
 * second; plan each instance at `targetUtilisation` of that; enough instances for the average
 * (at least one), enough for the peak at most (capped at 100, a sane starting ceiling).
 */
export function sizeAutoscaling(
  workload: Workload,
  vcpu: number | null,
  targetUtilisation = 0.7,
): ScaffoldContext['autoscaling'] {
  const workers = Math.max(1, vcpu ?? 2);
  const perInstanceRps = Math.max(0.01, (1000 / workload.inferenceMs) * workers * targetUtilisation);
  const target = round(perInstanceRps, 2);
  const min = Math.max(1, Math.ceil(workload.answers.requestsPerSecond / perInstanceRps));
  const max = Math.min(100, Math.max(min + 1, Math.ceil(workload.peakRequestsPerSecond / perInstanceRps)));
  return {
    min,
    max,
    target,
    targetInvocationsPerMinute: Math.max(1, Math.round(perInstanceRps * 60)),
    cpuPercent: Math.round(targetUtilisation * 100),
  };
}

/** The cost model's own fleet sizing when it has one (so the scaffold matches the price), else ours. */
function autoscalingFrom(
  sizing: Record<string, string | number>,
  workload: Workload,
  vcpu: number | null,
  targetUtilisation?: number,
): ScaffoldContext['autoscaling'] {
  const ours = sizeAutoscaling(workload, vcpu, targetUtilisation);
  const perInstance = sizingNumber(sizing, [
    'requestsPerSecondPerPod',
    'requestsPerSecondPerInstance',
    'requestsPerSecondPerTask',
    'requestsPerSecondPerServer',
  ]);
  if (perInstance === null || perInstance <= 0) return ours;
  const min = Math.max(
    1,
    sizingNumber(sizing, ['initialPods', 'initialInstances', 'initialTasks', 'servers']) ?? ours.min,
  );
  const max = Math.max(min, sizingNumber(sizing, ['maxPods', 'maxInstances', 'maxTasks']) ?? ours.max);
  return {
    ...ours,
    min,
    max,
    target: round(perInstance, 2),
    targetInvocationsPerMinute: Math.max(1, Math.round(perInstance * 60)),
  };
}

/** The x86 twin of a Graviton (arm64) type: m7g.xlarge -> m7i.xlarge, ml.c7g.large -> ml.c7i.large. */
export function x86InstanceType(type: string): string {
  return type.replace(
    /^(ml\.)?([a-z]+\d+)g([a-z]*)\./,
    (_m, ml: string | undefined, family: string, extra: string) => `${ml ?? ''}${family}i${extra}.`,
  );
}

/**
 * The architecture the advice priced: the catalogue's for its instance type, the cost model's
 * `arch` for a Fargate task or a function; amd64 otherwise and always for TensorFlow Serving.
 */
export function architectureOf(
  option: OptionId,
  sized: string | null,
  sizing: Record<string, string | number>,
  specs: ContextInput['instanceSpecs'],
): Architecture {
  if (option === 'tf-serving') return 'amd64';
  const spec = sized !== null ? specs?.find((i) => i.name === sized || `ml.${i.name}` === sized) : undefined;
  const arch = spec?.architecture ?? sizingString(sizing, ['arch', 'architecture']);
  if (arch !== undefined && arch !== null) return arch === 'arm64' ? 'arm64' : 'amd64';
  // A type the catalogue does not list: Graviton families carry a g after the generation (c7g, m6gd).
  return sized !== null && /^(ml\.)?[a-z]+\d+g[a-z]*\./.test(sized) ? 'arm64' : 'amd64';
}

/** The fleet bounds: the engine's when it sized a fleet, else the scaffold's own derivation. */
function fleetOf(
  engine: OptionSizing | null,
  autoscaling: ScaffoldContext['autoscaling'],
): { min: number; max: number } {
  if (!engine || engine.instanceType === null || !(engine.maxCount > 0)) {
    return { min: autoscaling.min, max: autoscaling.max };
  }
  const min = Math.max(0, Math.ceil(engine.minCount));
  return { min, max: Math.max(min, Math.ceil(engine.maxCount)) };
}

/** Builds the template context. Pure: no I/O, no clock, no environment. */
export function buildContext(input: ContextInput): ScaffoldContext {
  const { answers, workload, option, cost } = input;
  const sizing = cost?.sizing ?? {};
  const engine = input.engineSizing ?? null;
  // Only an AWS instance type (ml.m5.large, c6i.xlarge) names a type; a task size or a server kind
  // in the engine's description does not.
  const engineType =
    engine?.instanceType && /^(ml\.)?[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(engine.instanceType)
      ? engine.instanceType
      : null;
  const sized = engineType ?? sizingString(sizing, ['instanceType', 'nodeType', 'taskType', 'instance']);
  const architecture = architectureOf(option.id, sized, sizing, input.instanceSpecs);
  // TensorFlow Serving publishes amd64 images only: a Graviton type there becomes its x86 twin.
  const instanceType = sized !== null && architecture === 'amd64' ? x86InstanceType(sized) : sized;
  const instances = sizingNumber(sizing, [
    'initialInstances',
    'instances',
    'initialTasks',
    'nodes',
    'servers',
  ]);
  const vcpu = sizingNumber(sizing, ['vcpuPerTask', 'vcpu']);
  const memoryFromSizing = sizingNumber(sizing, ['memoryMb']);
  const memoryGb = sizingNumber(sizing, ['memoryGbPerTask', 'memoryGb']);
  const memoryMb = Math.ceil(
    memoryFromSizing ?? (memoryGb !== null ? memoryGb * 1024 : workload.memoryNeededMb),
  );
  const gpu =
    answers.gpu === 'required' ||
    (instanceType !== null && /^(ml\.)?(g\d|p\d|inf\d|trn\d)/.test(instanceType));
  const chosen = option.id;
  const spec = instanceType !== null ? input.instanceSpecs?.find((i) => i.name === instanceType) : undefined;
  const machine: MachineSpec | null = spec
    ? {
        vcpu: spec.vcpu,
        memoryMb: Math.round(spec.memoryGiB * 1024),
        accelerators: spec.accelerator?.count ?? 0,
      }
    : null;
  const autoscaling = autoscalingFrom(sizing, workload, vcpu, input.targetUtilisation);
  const pods = option.id === 'eks' ? podsOf(sizing) : null;
  const planned = planCapacity({
    option: option.id,
    fleet: pods ? { min: pods.min, max: pods.max } : fleetOf(engine, autoscaling),
    latencyP95Ms: answers.latencyP95Ms,
    peakRps: workload.peakRequestsPerSecond,
    inferenceMs: workload.inferenceMs,
    targetUtilisation: input.targetUtilisation ?? 0.7,
    availabilityMin: input.availabilityMin,
  });
  // EKS pods are the engine's: its node fleet (availability floor included) times the pods a node
  // holds. A rolling update surges through the Deployment (maxSurge), not through the autoscaler.
  const capacity: Capacity = pods
    ? {
        ...planned,
        production: { min: pods.min, max: pods.max },
        why: `as the advice sized it: ${pods.min} to ${pods.max} pods, ${pods.perNode} a node, for the peak of ${workload.peakRequestsPerSecond} requests/s`,
      }
    : planned;
  return {
    generator: { name: 'ml-deploy-advisor', version: input.generatorVersion ?? '0.0.0-dev' },
    project: {
      // Text from the user reaches READMEs and docs: no escape sequence or bidi control in it
      // (newlines stay: the quoting helpers carry them, and the name must round-trip).
      name: sanitizeText(answers.projectName),
      slug: toDnsLabel(answers.projectName),
      pythonName: toPythonName(answers.projectName),
    },
    option: { id: option.id, name: option.name, serving: option.serving },
    framework: frameworkInfo(answers.framework),
    gpu,
    region: answers.region,
    budget: { monthlyUsd: answers.monthlyBudgetUsd },
    traffic: {
      pattern: answers.trafficPattern,
      avgRps: answers.requestsPerSecond,
      peakRps: workload.peakRequestsPerSecond,
      inferenceMs: workload.inferenceMs,
      payloadKb: answers.payloadKb,
      latencyP95Ms: answers.latencyP95Ms,
      monthlyRequests: workload.monthlyRequests,
      peakConcurrency: workload.peakConcurrency,
    },
    autoscaling,
    capacity,
    pods,
    rollout: rolloutOf(capacity.production.min, input.availabilityMin),
    cloud: option.id === 'hybrid' ? cloudSideOf(sizing, capacity.production.max) : null,
    cost: cost
      ? {
          monthlyUsd: cost.monthlyUsd,
          per1kInferencesUsd: cost.per1kInferencesUsd,
          lineItems: cost.lineItems.map((item) => ({ ...item })),
          assumptions: [...cost.assumptions],
        }
      : null,
    instanceMonthlyUsd: instanceMonthlyUsd(cost, workload.hoursPerMonth),
    memoryMb,
    instanceType,
    architecture,
    instances,
    vcpu,
    machine,
    modelCopy: planModelCopy({
      machine,
      memoryNeededMb: memoryMb,
      gpu,
      capacity,
      invocationsPerInstancePerMinute: autoscaling.targetInvocationsPerMinute,
    }),
    provisionedConcurrency: Math.max(0, Math.ceil(sizingNumber(sizing, ['provisionedConcurrency']) ?? 0)),
    sizing: Object.entries(sizing).map(([key, value]) => ({ key, value })),
    ranking: (input.ranking ?? []).map((row) => ({ ...row, chosen: row.option === chosen })),
  };
}

/**
 * Hybrid's cloud side from the cost model's sizing (the figures it priced), else null. Production
 * may scale out beyond the engine's failover count: to the instances the README quotes for the
 * peak (`quotedMax`, capacity.production.max) and to one more than the warm tasks, so a burst
 * above the forecast and a rolling deploy have room (a maximum equal to the minimum cannot scale).
 * Only the warm and peak tasks are priced; the extra ones run when they are needed.
 */
export function cloudSideOf(sizing: Record<string, string | number>, quotedMax = 0): CloudSide | null {
  const min = sizingNumber(sizing, ['cloudMinTasks']);
  const max = sizingNumber(sizing, ['cloudMaxTasks']);
  const vcpu = sizingNumber(sizing, ['cloudVcpuPerTask']);
  const gb = sizingNumber(sizing, ['cloudMemoryGbPerTask']);
  if (min === null || max === null || vcpu === null || gb === null) return null;
  const peak = sizingNumber(sizing, ['cloudPeakTasks']) ?? max;
  const rps = sizingNumber(sizing, ['requestsPerSecondPerTask']);
  const production = { min, max: Math.max(min + 1, max, quotedMax, 1) };
  return {
    platform: sizing.cloudPlatform === 'ec2' ? 'ec2' : 'fargate',
    cpuUnits: Math.round(vcpu * 1024),
    memoryMb: Math.round(gb * 1024),
    staging: { min: Math.min(1, min), max: Math.min(2, production.max) },
    production,
    why:
      `as the advice priced it: ${min} warm, ${peak} at the peak above the on-premises base, ` +
      `${max} for the whole peak when the site is down` +
      (rps !== null ? ` (${rps} requests/s a task)` : '') +
      `; up to ${production.max} so a burst above the forecast has room`,
  };
}

function instanceMonthlyUsd(cost: OptionCost | null, hoursPerMonth: number): number | null {
  const hourly = cost?.lineItems.find((item) => item.unit === 'instance-hour');
  return hourly ? Math.round(hourly.unitPriceUsd * hoursPerMonth * 100) / 100 : null;
}
