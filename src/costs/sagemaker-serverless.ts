import { SAGEMAKER_DATA_PROCESSED, SAGEMAKER_SERVERLESS_GB_SECOND } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { clean, priceLine } from './money.js';
import type { LineItem } from './types.js';

/**
 * SageMaker Serverless Inference (https://aws.amazon.com/sagemaker/pricing/): compute is memory
 * (GB) x inference duration in seconds, plus data processed in and out per GB. Provisioned
 * concurrency has its own prices, which the snapshot does not know: asking for it without a
 * price is an UnknownPriceError, never $0.
 */
export interface SageMakerServerlessParams {
  memoryMb: number;
  requests: number;
  durationMs: number;
  dataGb: number;
  provisionedConcurrency: number;
  provisionedHours: number;
}

export const SERVERLESS_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;
export const SAGEMAKER_SERVERLESS_PC_GB_SECOND = 'sagemaker.serverless.provisioned-concurrency.gb-second';
export const SAGEMAKER_SERVERLESS_PC_DURATION_GB_SECOND =
  'sagemaker.serverless.provisioned-duration.gb-second';

export function sagemakerServerlessLineItems(p: SageMakerServerlessParams, prices: PriceBook): LineItem[] {
  const memoryGb = p.memoryMb / 1024;
  const gbSeconds = clean(p.requests * (p.durationMs / 1000) * memoryGb);
  const lines: LineItem[] = [];
  if (p.provisionedConcurrency > 0) {
    const pcGbSeconds = clean(p.provisionedConcurrency * memoryGb * p.provisionedHours * 3600);
    lines.push(
      priceLine(
        `Provisioned concurrency (${p.provisionedConcurrency} x ${p.memoryMb} MB for ${p.provisionedHours} h)`,
        pcGbSeconds,
        prices.get(SAGEMAKER_SERVERLESS_PC_GB_SECOND),
      ),
    );
    const served = Math.min(gbSeconds, pcGbSeconds);
    lines.push(
      priceLine(
        'Inference duration on provisioned concurrency',
        served,
        prices.get(SAGEMAKER_SERVERLESS_PC_DURATION_GB_SECOND),
      ),
    );
    lines.push(
      priceLine(
        `Inference duration (${p.memoryMb} MB, on demand)`,
        clean(gbSeconds - served),
        prices.get(SAGEMAKER_SERVERLESS_GB_SECOND),
      ),
    );
  } else {
    lines.push(
      priceLine(
        `Inference duration (${p.memoryMb} MB)`,
        gbSeconds,
        prices.get(SAGEMAKER_SERVERLESS_GB_SECOND),
      ),
    );
  }
  lines.push(priceLine('Data processed (in + out)', p.dataGb, prices.get(SAGEMAKER_DATA_PROCESSED)));
  return lines;
}
