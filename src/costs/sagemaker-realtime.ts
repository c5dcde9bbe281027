import type { PriceBook } from '../pricing/types.js';
import { sagemakerInstanceLineItems, type SageMakerInstanceParams } from './sagemaker-instances.js';
import type { LineItem } from './types.js';

/** SageMaker Real-time inference: instance-hours (see sagemaker-instances.ts). */
export function sagemakerRealtimeLineItems(p: SageMakerInstanceParams, prices: PriceBook): LineItem[] {
  return sagemakerInstanceLineItems('hosting', p, prices);
}
