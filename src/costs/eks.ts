import { EKS_CLUSTER_HOUR, ec2Instance } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { priceLine } from './money.js';
import type { LineItem } from './types.js';

/**
 * Amazon EKS on EC2 nodes (https://aws.amazon.com/eks/pricing/): the control plane per cluster-hour
 * (standard support) plus the worker nodes as EC2 on-demand instance-hours.
 */
export interface EksParams {
  nodeType: string;
  /** May be fractional: an average node count over the month. */
  nodes: number;
  hours: number;
  clusters: number;
}

export function eksLineItems(p: EksParams, prices: PriceBook): LineItem[] {
  return [
    priceLine(
      `EKS control plane (${p.clusters} x ${p.hours} h)`,
      p.clusters * p.hours,
      prices.get(EKS_CLUSTER_HOUR),
      'cluster-hour',
    ),
    priceLine(
      `EC2 nodes ${p.nodeType} (${p.nodes} x ${p.hours} h)`,
      p.nodes * p.hours,
      prices.get(ec2Instance(p.nodeType)),
      'instance-hour',
    ),
  ];
}
