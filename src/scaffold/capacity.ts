import type { OptionId } from '../core/options.js';

/**
 * How many instances (tasks, pods, replicas) each environment runs, and the concurrency limits of
 * the serverless options: one function, so the day the engine's own per-option sizing replaces
 * what is derived here, the swap happens in one place.
 *
 * Production keeps at least `availabilityMin` instances for interactive targets (a latency target
 * and an always-on fleet; knowledge/sizing.yaml availability.minInstances, the figure the cost
 * model prices): one instance failing a health check, or being replaced by a deployment, must not
 * take the service down, and the instances sit in different Availability Zones. Maximum is at least minimum + 1 so a rolling or blue/green update has
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
      ? `at least ${input.availabilityMin} in production for availability across zones; up to ${max} for the peak of ${input.peakRps} requests/s`
      : `from the traffic: ${min} for the average, up to ${max} for the peak of ${input.peakRps} requests/s`,
    serverlessConcurrency,
    serverlessLastsMs: lastsMs,
    throttleRps,
    throttleBurst: Math.max(20, throttleRps * 2),
  };
}
