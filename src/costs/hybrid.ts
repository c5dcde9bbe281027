import type { PriceBook } from '../pricing/types.js';
import { onPremLineItems, type OnPremParams } from './on-prem.js';
import { tfServingLineItems, type Ec2Params } from './tf-serving.js';
import type { LineItem } from './types.js';

/**
 * Hybrid: an on-premises base sized for the usual load, and EC2 instances in the cloud for the
 * bursts above it, billed only for the hours they run.
 */
export interface HybridParams {
  onPrem: OnPremParams;
  burst: Ec2Params;
}

export function hybridLineItems(p: HybridParams, prices: PriceBook): LineItem[] {
  const burst = tfServingLineItems(p.burst, prices).map((l) => ({ ...l, item: `Cloud burst: ${l.item}` }));
  return [...onPremLineItems(p.onPrem).map((l) => ({ ...l, item: `On-prem base: ${l.item}` })), ...burst];
}
