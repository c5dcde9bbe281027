import type { OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import type { PriceBook } from '../pricing/types.js';
import { eksLineItems } from './eks.js';
import { tfServingLineItems as tfServing } from './tf-serving.js';
import { fargateLineItems } from './fargate.js';
import { hybridLineItems } from './hybrid.js';
import { lambdaLineItems } from './lambda.js';
import { total } from './money.js';
import { onPremLineItems } from './on-prem.js';
import { sagemakerAsyncLineItems } from './sagemaker-async.js';
import { sagemakerBatchLineItems } from './sagemaker-batch.js';
import { sagemakerRealtimeLineItems } from './sagemaker-realtime.js';
import { sagemakerServerlessLineItems } from './sagemaker-serverless.js';
import {
  DEFAULT_POLICY,
  sizeEc2,
  sizeEks,
  sizeFargate,
  sizeHybrid,
  sizeLambda,
  sizeOnPrem,
  sizeSageMakerInstances,
  sizeSageMakerServerless,
  type SizingPolicy,
} from './sizing.js';
import type { LineItem, OptionCost, OptionSizing } from './types.js';
import { EC2_INSTANCES, SAGEMAKER_INSTANCES } from './instances.js';

/**
 * Prices one option for one workload: sizing (sizing.ts), then that option's cost model. Pure.
 * Throws UnknownPriceError when a price it needs is missing: never a $0 line.
 */
export function estimateOptionCost(
  option: OptionId,
  workload: Workload,
  prices: PriceBook,
  policy: SizingPolicy = DEFAULT_POLICY,
): OptionCost {
  const { lineItems, sizing, assumptions } = priceOption(option, workload, prices, policy);
  const monthlyUsd = total(lineItems);
  return {
    summary: summaryOf(option, sizing, workload),
    option,
    monthlyUsd,
    per1kInferencesUsd: per1k(monthlyUsd, workload.monthlyRequests),
    lineItems,
    sizing,
    assumptions: [
      ...assumptions,
      `A month is ${workload.hoursPerMonth} hours; on-demand prices (${prices.info.source}, ${prices.info.region}, as of ${prices.info.asOf}); no savings plans, reserved capacity or free tier.`,
    ],
  };
}

/** The engine's `costFor`: binds a price book (and sizing policy) once. */
export function costFunction(prices: PriceBook, policy: SizingPolicy = DEFAULT_POLICY) {
  return (option: OptionId, workload: Workload): OptionCost =>
    estimateOptionCost(option, workload, prices, policy);
}

/** USD per 1,000 inferences, to 6 significant digits; null without traffic. */
export function per1k(monthlyUsd: number, monthlyRequests: number): number | null {
  if (!(monthlyRequests > 0)) return null;
  return Number(((monthlyUsd / monthlyRequests) * 1000).toPrecision(6));
}

interface Priced {
  lineItems: LineItem[];
  sizing: Record<string, string | number>;
  assumptions: string[];
}

function priceOption(option: OptionId, w: Workload, prices: PriceBook, policy: SizingPolicy): Priced {
  switch (option) {
    case 'lambda': {
      const s = sizeLambda(w);
      return { ...s, lineItems: lambdaLineItems(s.params, prices) };
    }
    case 'sagemaker-serverless': {
      const s = sizeSageMakerServerless(w);
      return { ...s, lineItems: sagemakerServerlessLineItems(s.params, prices) };
    }
    case 'sagemaker-realtime': {
      const s = sizeSageMakerInstances('hosting', w, prices, policy);
      return { ...s, lineItems: sagemakerRealtimeLineItems(s.params, prices) };
    }
    case 'sagemaker-async': {
      const s = sizeSageMakerInstances('async', w, prices, policy);
      return { ...s, lineItems: sagemakerAsyncLineItems(s.params, prices) };
    }
    case 'sagemaker-batch': {
      const s = sizeSageMakerInstances('batch', w, prices, policy);
      return { ...s, lineItems: sagemakerBatchLineItems(s.params, prices) };
    }
    case 'ecs-fargate': {
      const s = sizeFargate(w, policy);
      return { ...s, lineItems: fargateLineItems(s.params, prices) };
    }
    case 'eks': {
      const s = sizeEks(w, prices, policy);
      return { ...s, lineItems: eksLineItems(s.params, prices) };
    }
    case 'tf-serving': {
      const s = sizeEc2(w, prices, policy);
      return { ...s, lineItems: [...tfServing(s.params, prices)] };
    }
    case 'on-prem': {
      const s = sizeOnPrem(w, prices, policy);
      return { ...s, lineItems: onPremLineItems(s.params) };
    }
    case 'hybrid': {
      const s = sizeHybrid(w, prices, policy);
      return { ...s, lineItems: hybridLineItems(s.params, prices) };
    }
  }
}

/** The configuration in the shape front ends read, from a sizer's record. */
function summaryOf(option: OptionId, sizing: Record<string, string | number>, w: Workload): OptionSizing {
  const num = (key: string): number | undefined =>
    typeof sizing[key] === 'number' ? (sizing[key] as number) : undefined;
  const type = (sizing.instanceType ?? sizing.nodeType ?? sizing.serverKind ?? null) as string | null;
  const spec = [...SAGEMAKER_INSTANCES, ...EC2_INSTANCES].find((i) => i.type === type);
  const perRequest = option === 'lambda' || option === 'sagemaker-serverless';
  const count = num('averageInstances') ?? num('averageTasks') ?? num('servers') ?? 0;
  return {
    hardware: perRequest
      ? 'serverless'
      : option === 'on-prem' || option === 'hybrid'
        ? 'on-prem'
        : spec && spec.gpus > 0
          ? 'gpu'
          : 'cpu',
    instanceType: perRequest ? null : type,
    count,
    minCount: num('initialInstances') ?? num('initialTasks') ?? num('servers') ?? 0,
    maxCount: num('maxInstances') ?? num('maxTasks') ?? num('servers') ?? num('peakConcurrency') ?? 0,
    accelerator:
      spec && spec.gpus > 0 ? { name: spec.type, count: spec.gpus, memoryGb: spec.gpuMemoryGib } : null,
    memoryFitMarginPct: null,
    latencyMs: w.inferenceMs,
    latencyMarginMs: w.answers.latencyP95Ms === null ? null : w.answers.latencyP95Ms - w.inferenceMs,
    coldStartS: null,
    description: perRequest ? `${sizing.memoryMb} MB per request` : `${count} x ${type ?? option}`,
  };
}
