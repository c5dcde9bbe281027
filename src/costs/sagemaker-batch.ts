import type { PriceBook } from '../pricing/types.js';
import { sagemakerInstanceLineItems, type SageMakerInstanceParams } from './sagemaker-instances.js';
import type { LineItem } from './types.js';

/** SageMaker Batch inference: instance-hours (see sagemaker-instances.ts). */
export function sagemakerBatchLineItems(p: SageMakerInstanceParams, prices: PriceBook): LineItem[] {
  return sagemakerInstanceLineItems('batch', p, prices);
}
