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
}
