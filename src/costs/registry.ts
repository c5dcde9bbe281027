import type { OptionId } from '../core/options.js';
import type { CostModel } from './model.js';
import { ecsFargate } from './options/ecs-fargate.js';
import { eks } from './options/eks.js';
import { hybrid } from './options/hybrid.js';
import { lambda } from './options/lambda.js';
import { onPrem } from './options/on-prem.js';
import { sagemakerAsync } from './options/sagemaker-async.js';
import { sagemakerBatch } from './options/sagemaker-batch.js';
import { sagemakerRealtime } from './options/sagemaker-realtime.js';
import { sagemakerServerless } from './options/sagemaker-serverless.js';
import { tfServing } from './options/tf-serving.js';

/** Every option's cost model (one file each under src/costs/options/), by option id. */
export const COST_MODELS: Readonly<Record<OptionId, CostModel>> = {
  'sagemaker-realtime': sagemakerRealtime,
  'sagemaker-serverless': sagemakerServerless,
  'sagemaker-async': sagemakerAsync,
  'sagemaker-batch': sagemakerBatch,
  lambda,
  'ecs-fargate': ecsFargate,
  eks,
  'tf-serving': tfServing,
  'on-prem': onPrem,
  hybrid,
};
