import { formatNumber } from '../core/format.js';
import type { Workload } from '../core/workload.js';
import { S3_GET_REQUEST, S3_PUT_REQUEST, S3_STORAGE_GB_MONTH } from '../pricing/keys.js';
import type { CostContext } from './context.js';
import { requestGb, responseGb } from './network.js';
import { priceLine } from './money.js';
import type { LineItem } from './types.js';

/**
 * S3 Standard behind asynchronous and batch inference (https://aws.amazon.com/s3/pricing/): the
 * PUT and GET requests of the payload objects and their storage for the retention the sizing
 * assumes (knowledge/sizing.yaml network.s3). `kind` says how requests map to objects: one object
 * each way per request (async), or files of many records (batch).
 */
export function s3PayloadLines(w: Workload, ctx: CostContext, kind: 'async' | 'batch'): LineItem[] {
  const s3 = ctx.knowledge.sizing.network.s3;
  const objects =
    kind === 'async' ? w.monthlyRequests : Math.ceil(w.monthlyRequests / s3.batchRecordsPerObject);
  // Batch: one input and one output object per file.
  const puts = kind === 'async' ? objects * s3.asyncPutsPerRequest : objects * 2;
  const gets = kind === 'async' ? objects * s3.asyncGetsPerRequest : objects * 2;
  const gbMonth = ((requestGb(w) + responseGb(w, ctx)) * s3.retentionDays) / 30;
  const what = kind === 'async' ? 'request and response objects' : 'input and output files';
  return [
    priceLine(
      ctx.explain ? `S3 PUT requests (${formatNumber(puts, 0)} ${what} written, assumption)` : '',
      puts,
      ctx.prices.get(S3_PUT_REQUEST),
    ),
    priceLine(
      ctx.explain ? `S3 GET requests (${formatNumber(gets, 0)} ${what} read, assumption)` : '',
      gets,
      ctx.prices.get(S3_GET_REQUEST),
    ),
    priceLine(
      ctx.explain
        ? `S3 Standard storage (${formatNumber(gbMonth, 2)} GB of payloads kept ${s3.retentionDays} days, assumption)`
        : '',
      gbMonth,
      ctx.prices.get(S3_STORAGE_GB_MONTH),
    ),
  ];
}

/** The assumption sentence beside those lines. */
export function s3PayloadAssumption(w: Workload, ctx: CostContext, kind: 'async' | 'batch'): string {
  const s3 = ctx.knowledge.sizing.network.s3;
  return kind === 'async'
    ? `Every request body and every response is an S3 object: ${s3.asyncPutsPerRequest} PUTs and ${s3.asyncGetsPerRequest} GETs a request (caller uploads, endpoint reads, endpoint writes the response, caller reads it), kept ${s3.retentionDays} days (knowledge/sizing.yaml network.s3).`
    : `Input files of ${formatNumber(s3.batchRecordsPerObject, 0)} records in S3, one output file each (a PUT and a GET per file each way), kept ${s3.retentionDays} days (knowledge/sizing.yaml network.s3).`;
}
