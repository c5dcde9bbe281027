import type { PriceBook } from '../pricing/types.js';
import { sagemakerInstanceLineItems, type SageMakerInstanceParams } from './sagemaker-instances.js';
import type { LineItem } from './types.js';

/** SageMaker Asynchronous inference: instance-hours (see sagemaker-instances.ts). */
export function sagemakerAsyncLineItems(p: SageMakerInstanceParams, prices: PriceBook): LineItem[] {
  return sagemakerInstanceLineItems('async', p, prices);
}
