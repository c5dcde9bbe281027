import { ec2Instance } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { priceLine } from './money.js';
import type { LineItem } from './types.js';

/** TensorFlow Serving (or any model server) on EC2: on-demand Linux instance-hours. */
export interface Ec2Params {
  instanceType: string;
  /** May be fractional: an average count over the month. */
  instances: number;
  hours: number;
}

export function tfServingLineItems(p: Ec2Params, prices: PriceBook): LineItem[] {
  return [
    priceLine(
      `EC2 ${p.instanceType} (${p.instances} x ${p.hours} h)`,
      p.instances * p.hours,
      prices.get(ec2Instance(p.instanceType)),
      'instance-hour',
    ),
  ];
}
