import type { OptionId } from '../core/options.js';

/**
 * How many instances (tasks, pods, replicas) each environment runs, and the concurrency limits of
 * the serverless options: one function, so the day the engine's own per-option sizing replaces
 * what is derived here, the swap happens in one place.
 *
 * Production keeps at least `availabilityMin` instances for interactive targets (a latency target
 * and an always-on fleet; knowledge/sizing.yaml availability.minInstances, the figure the cost
 * model prices): one instance failing a health check, or being replaced by a deployment, must not
 * take the service down, and (on AWS) the instances sit in different Availability Zones; on-prem and
 * hybrid replicas share one Compose host, so there they survive a crash only. Maximum is at least minimum + 1 so a rolling or blue/green update has
 * room for a new instance. Staging runs one instance and may scale to two.
 */
export interface Capacity {
  staging: { min: number; max: number };
  production: { min: number; max: number };
  /** One line on where the production numbers come from (shown in the templates). */
  why: string;
  /** SageMaker Serverless MaxConcurrency (2..200) for both environments. */
  serverlessConcurrency: number;
  /** How long one request is planned to last for that concurrency, in ms. */
  serverlessLastsMs: number;
  /** API Gateway throttle (steady rate and burst) for Lambda, both environments. */
  throttleRps: number;
  throttleBurst: number;
}

export interface CapacityInput {
  option: OptionId;
  /** The fleet the traffic needs at the planned utilisation (from the cost model's sizing). */
  fleet: { min: number; max: number };
  latencyP95Ms: number | null;
  peakRps: number;
  inferenceMs: number;
  /** Share of capacity to plan for at peak (knowledge sizing.targetUtilisation). */
  targetUtilisation: number;
  /** Least production instances of an interactive fleet (knowledge sizing.availability.minInstances). */
  availabilityMin: number;
}

/** Options whose production fleet is always on and answers people (so needs redundancy). */
const ALWAYS_ON: ReadonlySet<OptionId> = new Set([
  'sagemaker-realtime',
  'ecs-fargate',
  'eks',
  'tf-serving',
  'on-prem',
  'hybrid',
]);

const SERVERLESS_MAX_CONCURRENCY = 200;

export function planCapacity(input: CapacityInput): Capacity {
  const interactive = input.latencyP95Ms !== null && ALWAYS_ON.has(input.option);
  const min = interactive ? Math.max(input.availabilityMin, input.fleet.min) : Math.max(1, input.fleet.min);
  const max = Math.max(min + 1, input.fleet.max);
  // Little's law: requests in flight = arrival rate x time each one lasts. A request may last as
  // long as the latency target allows (or its compute time when there is no target), so plan the
  // concurrency for that, at the planned utilisation, not for the bare compute time.
  const lastsMs = Math.max(input.inferenceMs, input.latencyP95Ms ?? input.inferenceMs);
  const inFlight = (input.peakRps * lastsMs) / 1000 / input.targetUtilisation;
  const serverlessConcurrency = Math.min(SERVERLESS_MAX_CONCURRENCY, Math.max(2, Math.ceil(inFlight)));
  // API Gateway throttles above the peak with headroom (and at least what a load test sends).
  const throttleRps = Math.max(10, Math.ceil(input.peakRps / input.targetUtilisation));
  return {
    staging: { min: 1, max: 2 },
    production: { min, max },
    why: interactive
      ? `at least ${input.availabilityMin} in production ${availabilityReason(input.option)}; up to ${max} for the peak of ${input.peakRps} requests/s`
      : `from the traffic: ${min} for the average, up to ${max} for the peak of ${input.peakRps} requests/s`,
    serverlessConcurrency,
    serverlessLastsMs: lastsMs,
    throttleRps,
    throttleBurst: Math.max(20, throttleRps * 2),
  };
}

/**
 * What the production minimum protects from. Cloud fleets spread over Availability Zones; on-prem
 * and hybrid replicas run under Compose on one host (DEPLOY_HOST), where they survive a crashed
 * process, not the host failing.
 */
function availabilityReason(option: OptionId): string {
  if (option === 'on-prem')
    return 'so a crashed or restarting replica does not take the service down (with Compose they share one host, which they do not protect from failing: for that, DEPLOY_TARGET=k8s over several nodes)';
  if (option === 'hybrid')
    return 'so a crashed or restarting replica does not take the local side down (they share one host, which they do not protect from failing)';
  return 'for availability across zones';
}

/** The catalogue's spec of the advised instance type (knowledge/instances.yaml). */
export interface MachineSpec {
  vcpu: number;
  memoryMb: number;
  /** GPUs or Neuron devices; 0 on CPU instances. */
  accelerators: number;
}

/**
 * One copy of the model as a SageMaker inference component reserves it on an instance
 * (ComputeResourceRequirements), how many copies share one instance, and the copy counts that
 * carry what the engine sized the instances for.
 */
export interface CopyCounts {
  copies: number;
  /** While a challenger copy shares the instances, the champion gives it one of its copies. */
  besideChallenger: number;
  maxCopies: number;
  /**
   * The most instances managed instance scaling may run: the sized maximum and one more (within
   * the 100 a deploy.json allows). Champion copies stop at maxCopies (the sized maximum's worth),
   * so the extra instance only ever holds a challenger's copy, or the new copies of a rolling
   * update, when the champion fills the rest (on one-accelerator instances a copy takes a whole
   * instance).
   */
  maxInstances: number;
}

export interface ModelCopy {
  perInstance: number;
  cpuCores: number;
  memoryMb: number;
  /** Whole devices; 0 on CPU instances (the requirement is then left out). */
  accelerators: number;
  /** Copies of the champion: the sized instances times copies per instance, and the most scaling may add. */
  staging: CopyCounts;
  production: CopyCounts;
  /** Target tracking per copy (SageMakerInferenceComponentInvocationsPerCopy), per minute. */
  invocationsPerCopyPerMinute: number;
  /** True when a challenger copy fits beside champion copies on the same instances. */
  sharesInstances: boolean;
}

/**
 * Memory kept back on every instance for the operating system and SageMaker's own agents before
 * copies are placed. AWS publishes no figure; an assumption, stated in the generated README.
 */
export const INSTANCE_MEMORY_RESERVE = 0.1;

export interface ModelCopyInput {
  /** The catalogue's spec of the advised type; null when unknown (one copy per instance then). */
  machine: MachineSpec | null;
  /** What one serving process needs (the context's memoryMb). */
  memoryNeededMb: number;
  gpu: boolean;
  capacity: Pick<Capacity, 'staging' | 'production'>;
  /** The per-instance scaling target (SageMakerVariantInvocationsPerInstance), per minute. */
  invocationsPerInstancePerMinute: number;
}

/**
 * Copies per instance: one per accelerator on GPU/Neuron instances (a device is not shared), else
 * two on CPU instances (a champion and a challenger side by side), fewer when the model's memory
 * does not fit. Each copy reserves its share of the cores and of the usable memory, so the copies
 * of one instance serve what the engine sized that instance for, and the champion runs
 * instances x copies-per-instance copies.
 */
export function planModelCopy(input: ModelCopyInput): ModelCopy {
  const { machine, memoryNeededMb } = input;
  let perInstance = 1;
  let cpuCores = 1;
  let memoryMb = Math.max(128, Math.ceil(memoryNeededMb));
  let accelerators = input.gpu ? 1 : 0;
  if (machine && machine.vcpu > 0 && machine.memoryMb > 0) {
    const usableMb = Math.floor(machine.memoryMb * (1 - INSTANCE_MEMORY_RESERVE));
    perInstance = machine.accelerators > 0 ? machine.accelerators : Math.min(2, Math.floor(machine.vcpu));
    while (perInstance > 1 && Math.floor(usableMb / perInstance) < memoryNeededMb) perInstance--;
    perInstance = Math.max(1, perInstance);
    // Halves of a core are allowed (NumberOfCpuCoresRequired is a number); never below 0.5.
    cpuCores = Math.max(0.5, Math.floor((machine.vcpu / perInstance) * 2) / 2);
    memoryMb = Math.floor(usableMb / perInstance);
    accelerators = machine.accelerators > 0 ? 1 : 0;
  }
  const sharesInstances = perInstance > 1;
  const counts = (env: { min: number; max: number }): CopyCounts => ({
    copies: env.min * perInstance,
    besideChallenger: sharesInstances ? env.min * perInstance - 1 : env.min * perInstance,
    maxCopies: env.max * perInstance,
    maxInstances: Math.min(100, env.max + 1),
  });
  return {
    perInstance,
    cpuCores,
    memoryMb,
    accelerators,
    staging: counts(input.capacity.staging),
    production: counts(input.capacity.production),
    invocationsPerCopyPerMinute: Math.max(1, Math.round(input.invocationsPerInstancePerMinute / perInstance)),
    sharesInstances,
  };
}
