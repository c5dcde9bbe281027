import type { OptionId } from '../core/options.js';

/** One line of a modelled bill, as AWS's own worked examples lay them out. */
export interface LineItem {
  item: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  usd: number;
}

/** The modelled monthly cost of one option for one workload. Every figure is modelled, not quoted. */
export interface OptionCost {
  option: OptionId;
  monthlyUsd: number;
  /** Cost of 1,000 inferences at the answered rate; null when there is no traffic. */
  per1kInferencesUsd: number | null;
  lineItems: LineItem[];
  /** How the option was sized (instance type, counts, memory), as shown to the user. */
  sizing: Record<string, string | number>;
  /** Assumptions behind the figure, one sentence each. */
  assumptions: string[];
  /** The configuration priced, in the shape every front end reads. */
  summary?: OptionSizing;
  /** 1- and 3-year Savings Plans figures beside on-demand, naming the plan and what it covers. */
  commitments?: Commitment[];
  /** The bill without people's time (what the budget is compared with); monthlyUsd when absent. */
  billUsd?: number;
  /**
   * The part of billUsd AWS charges (billUsd less own hardware). On-prem and hybrid bills are
   * mostly the team's own hardware (amortisation and power), not an AWS bill.
   */
  awsUsd?: number;
  /** The part of billUsd that is own hardware: amortisation and electricity (0 in the cloud). */
  ownHardwareUsd?: number;
  /** The region whose prices priced the AWS lines (another region's when none are bundled). */
  priceRegion?: string;
  /** Cash to buy the servers up front (servers x server price), for on-prem and hybrid only. */
  hardwareUpfrontUsd?: number;
  /** Hard limits the sizing found broken (the model fits no candidate, no hardware meets the target). */
  blockers?: SizingBlocker[];
  /** Score effects the sizing found (thin latency headroom, cold starts), each with its numbers. */
  notes?: SizingNote[];
}

/** A hard limit found by sizing; the same shape as the engine's blockers. */
export interface SizingBlocker {
  limit: string;
  title: string;
  text: string;
  value: number | string;
  unit: string;
  source: string;
  checked: string;
}

/** A score effect found by sizing; the same shape as the engine's reasons. */
export interface SizingNote {
  rule: string;
  topic: 'latency' | 'traffic' | 'gpu' | 'model-size' | 'budget' | 'hosting';
  text: string;
  effect: number;
}

/** The hardware class a configuration runs on. */
export type HardwareKind = 'cpu' | 'gpu' | 'inferentia' | 'serverless' | 'on-prem';

/** One accelerator model on an instance or server. */
export interface AcceleratorSummary {
  name: string;
  count: number;
  memoryGb: number;
}

/**
 * The configuration an option is priced on, in the shape every front end reads
 * (`recommend --json` ranking[].sizing): what runs, how many, how well the model fits, how fast
 * it answers against the target and how long a start from zero takes.
 */
export interface OptionSizing {
  hardware: HardwareKind;
  /** Instance type, task size or server kind; null for per-request services. */
  instanceType: string | null;
  /** Average count over the month (may be fractional when the fleet scales). */
  count: number;
  minCount: number;
  maxCount: number;
  accelerator: AcceleratorSummary | null;
  /** Spare memory once the model is loaded, as a share of what the binding memory offers. */
  memoryFitMarginPct: number | null;
  /** Modelled p95 latency of a warm request on this configuration. */
  latencyMs: number | null;
  /** Target minus latencyMs; null for offline work. */
  latencyMarginMs: number | null;
  /** Seconds to serve the first request after scaling from zero; null when it never scales to zero. */
  coldStartS: number | null;
  description: string;
}

/** A Savings Plan applied to the lines it covers; the other lines stay on demand. */
export interface Commitment {
  plan: string;
  covers: string;
  /** USD a month of this option's lines the plan covers, on demand. */
  coveredUsd: number;
  oneYearMonthlyUsd: number;
  threeYearMonthlyUsd: number;
  oneYearRate: number;
  threeYearRate: number;
  source: string;
  checked: string;
}
