import {
  ALB_HOUR,
  DATA_TRANSFER_OUT_INTERNET,
  NAT_GATEWAY_HOUR,
  VPN_CONNECTION_HOUR,
} from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { priceLine, tieredLines } from './money.js';
import { onPremLineItems, type OnPremParams } from './on-prem.js';
import { tfServingLineItems, type Ec2Params } from './tf-serving.js';
import type { LineItem } from './types.js';

/**
 * `cost hybrid`: an on-premises base, EC2 instances in the cloud for the bursts above it, and what
 * the ranking's hybrid design puts around them (src/costs/options/hybrid.ts): an internal
 * Application Load Balancer and a NAT gateway all month on the cloud side, a Site-to-Site VPN to
 * the site, and the responses leaving AWS over it (requests into AWS are free).
 */
export interface HybridParams {
  onPrem: OnPremParams;
  burst: Ec2Params;
  /** GB a month the cloud sends back to the site (its responses). */
  dataOutGb: number;
}

export function hybridLineItems(p: HybridParams, prices: PriceBook): LineItem[] {
  const hours = p.onPrem.hours;
  const cloud = (l: LineItem) => ({ ...l, item: `Cloud side: ${l.item}` });
  return [
    ...onPremLineItems(p.onPrem).map((l) =>
      l.item.startsWith('Operations') ? l : { ...l, item: `On-prem base: ${l.item}` },
    ),
    ...tfServingLineItems(p.burst, prices).map(cloud),
    cloud(priceLine(`Application Load Balancer (1 x ${hours} h)`, hours, prices.get(ALB_HOUR))),
    cloud(priceLine(`NAT gateway (1 x ${hours} h)`, hours, prices.get(NAT_GATEWAY_HOUR))),
    priceLine(`Site-to-Site VPN connection (${hours} h)`, hours, prices.get(VPN_CONNECTION_HOUR)),
    ...tieredLines(
      'Data transfer out (cloud responses to the site, over the VPN)',
      p.dataOutGb,
      prices.get(DATA_TRANSFER_OUT_INTERNET),
    ),
  ];
}
