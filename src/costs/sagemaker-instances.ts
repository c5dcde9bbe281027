import { SAGEMAKER_DATA_PROCESSED, sagemakerInstance, type SageMakerUse } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { priceLine } from './money.js';
import type { LineItem } from './types.js';

/**
 * SageMaker instance-based inference (real-time endpoints, asynchronous inference, batch
 * transform): instance-hours of the chosen ML instance, plus data processed in and out of
 * real-time and asynchronous endpoints (https://aws.amazon.com/sagemaker/pricing/).
 */
export interface SageMakerInstanceParams {
  instanceType: string;
  /** May be fractional: an average count over the month when autoscaling. */
  instances: number;
  hours: number;
  dataGb: number;
}

const LABEL: Record<SageMakerUse, string> = {
  hosting: 'Real-time endpoint',
  async: 'Asynchronous inference',
  batch: 'Batch transform',
};

export function sagemakerInstanceLineItems(
  use: SageMakerUse,
  p: SageMakerInstanceParams,
  prices: PriceBook,
): LineItem[] {
  const lines = [
    priceLine(
      `${LABEL[use]} ${p.instanceType} (${p.instances} x ${p.hours} h)`,
      p.instances * p.hours,
      prices.get(sagemakerInstance(use, p.instanceType)),
      'instance-hour',
    ),
  ];
  if (p.dataGb > 0 || use !== 'batch') {
    lines.push(priceLine('Data processed (in + out)', p.dataGb, prices.get(SAGEMAKER_DATA_PROCESSED)));
  }
  return lines;
}
