import {
  LAMBDA_EPHEMERAL_STORAGE,
  LAMBDA_FREE_GB_SECONDS,
  LAMBDA_FREE_REQUESTS,
  LAMBDA_REQUESTS,
  lambdaDuration,
  lambdaProvisionedConcurrency,
  lambdaProvisionedDuration,
  type Arch,
} from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { clean, priceLine, tieredLines } from './money.js';
import type { LineItem } from './types.js';
import { formatNumber } from '../core/format.js';

/**
 * AWS Lambda, as https://aws.amazon.com/lambda/pricing/ bills it:
 * - requests at a flat price per request;
 * - duration in GB-seconds = memory (MB / 1024) x billed seconds, each invocation rounded up to
 *   the next 1 ms, priced by volume tiers of the month's GB-seconds (separate tiers for arm64);
 * - ephemeral storage configured above 512 MB, per GB-second of invocation time;
 * - provisioned concurrency: the configured concurrency x memory x the time it is enabled (rounded
 *   up to five minutes), and the
 *   duration of requests it serves at its own (lower) price; requests beyond it are on-demand;
 * - the free tier (1M requests, 400,000 GB-s a month) only when asked for, and never for a
 *   function with provisioned concurrency.
 */
export interface LambdaParams {
  memoryMb: number;
  requests: number;
  durationMs: number;
  arch: Arch;
  ephemeralStorageMb: number;
  provisionedConcurrency: number;
  provisionedHours: number;
  freeTier: boolean;
}

export const LAMBDA_FREE_STORAGE_MB = 512;

export function lambdaLineItems(p: LambdaParams, prices: PriceBook): LineItem[] {
  const memoryGb = p.memoryMb / 1024;
  const billedSeconds = Math.ceil(p.durationMs - 1e-9) / 1000;
  const computeSeconds = clean(p.requests * billedSeconds);
  const totalGbSeconds = clean(computeSeconds * memoryGb);
  const withPc = p.provisionedConcurrency > 0;
  const freeTier = p.freeTier && !withPc;
  const lines: LineItem[] = [];

  const freeRequests = freeTier ? prices.assumption(LAMBDA_FREE_REQUESTS).value : 0;
  const billableRequests = Math.max(0, p.requests - freeRequests);
  const freeNote = (what: string) => (freeTier ? `, after ${what} free` : '');
  lines.push(
    priceLine(
      `Requests (${p.arch}${freeNote(`${formatNumber(freeRequests)} requests`)})`,
      billableRequests,
      prices.get(LAMBDA_REQUESTS),
    ),
  );

  let onDemandGbSeconds = totalGbSeconds;
  if (withPc) {
    // Provisioned concurrency time is rounded up to the nearest five minutes.
    const pcHours = Math.ceil(p.provisionedHours * 12 - 1e-9) / 12;
    const pcGbSeconds = clean(p.provisionedConcurrency * memoryGb * pcHours * 3600);
    lines.push(
      priceLine(
        `Provisioned concurrency (${p.provisionedConcurrency} x ${p.memoryMb} MB for ${clean(pcHours, 6)} h)`,
        pcGbSeconds,
        prices.get(lambdaProvisionedConcurrency(p.arch)),
      ),
    );
    const servedByPc = Math.min(totalGbSeconds, pcGbSeconds);
    lines.push(
      priceLine(
        'Duration on provisioned concurrency',
        servedByPc,
        prices.get(lambdaProvisionedDuration(p.arch)),
      ),
    );
    onDemandGbSeconds = clean(totalGbSeconds - servedByPc);
  }

  const freeGbSeconds = freeTier ? prices.assumption(LAMBDA_FREE_GB_SECONDS).value : 0;
  const billableGbSeconds = Math.max(0, clean(onDemandGbSeconds - freeGbSeconds));
  if (!withPc || billableGbSeconds > 0) {
    lines.push(
      ...tieredLines(
        `Duration (${p.arch}${freeNote(`${formatNumber(freeGbSeconds)} GB-seconds`)})`,
        billableGbSeconds,
        prices.get(lambdaDuration(p.arch)),
      ),
    );
  }

  const extraStorageGb = Math.max(0, p.ephemeralStorageMb - LAMBDA_FREE_STORAGE_MB) / 1024;
  if (extraStorageGb > 0) {
    lines.push(
      priceLine(
        `Ephemeral storage above ${LAMBDA_FREE_STORAGE_MB} MB`,
        computeSeconds * extraStorageGb,
        prices.get(LAMBDA_EPHEMERAL_STORAGE),
      ),
    );
  }
  return lines;
}
