import { rareColdStartFit } from '../latency-fit.js';
import { formatNumber } from '../../core/format.js';
import { lambdaLineItems, type LambdaParams } from '../lambda.js';
import { memoryFitBlocker } from '../fleet.js';
import {
  coldStartCause,
  coldStartSeconds,
  coldStartsReachP95,
  headroomNote,
  unsized,
  provisioned,
  warmConcurrency,
  type CostModel,
  NOT_EXPLAINED,
} from '../model.js';
import { apiGatewayLines, dataOutLines } from '../network.js';
import { operationsLine } from '../operations.js';
import type { SizingBlocker, SizingNote } from '../types.js';

/** Lambda gives one full vCPU at 1,769 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const LAMBDA_ONE_VCPU_MB = 1769;
const LAMBDA_MAX_MB = 10240;
/** vCPUs one request may be split over (intra-op threads, as on any CPU: hardware.ts). */
const LAMBDA_VCPUS = [1, 2, 4] as const;

/**
 * AWS Lambda behind an API Gateway HTTP API (invoked directly by a batch job), on CPU (Lambda functions have no GPU): memory for the
 * model and at least one vCPU; each request billed for one CPU inference. Where cold starts would
 * reach the p95, provisioned concurrency for the usual concurrency is priced all month.
 */
export const lambda: CostModel = {
  option: 'lambda',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const target = w.answers.latencyP95Ms;
    const needMb = Math.ceil(w.memoryNeededMb);
    if (needMb > LAMBDA_MAX_MB) {
      // The limit's own blocker says so too: no size holds the model, so there is no bill to show.
      return unsized([
        memoryFitBlocker(
          'lambda',
          w,
          `it needs about ${formatNumber(needMb)} MB of memory; the largest function has ${formatNumber(LAMBDA_MAX_MB)} MB`,
          LAMBDA_MAX_MB,
          sizing,
        ),
      ]);
    }
    // One vCPU per 1,769 MB: a slow model may take 2 or 4 vCPUs (intra-op threads) to answer sooner.
    const latencyWith = (vcpus: number) =>
      Math.round(
        ((w.cpuMs / vcpus ** sizing.hardware.cpu.threadScaling) * sizing.latency.p95OverInference +
          sizing.latency.overheadMs.lambda) *
          10,
      ) / 10;
    const memoryWith = (vcpus: number) =>
      Math.min(LAMBDA_MAX_MB, Math.max(LAMBDA_ONE_VCPU_MB * vcpus, needMb));
    const durationWith = (vcpus: number) => Math.ceil(w.cpuMs / vcpus ** sizing.hardware.cpu.threadScaling);
    // Of the sizes that meet the target, the one billed least: GB-seconds (memory x duration) price
    // both the requests and provisioned concurrency. More vCPUs can cost less (the request ends
    // sooner than the memory grows), so the fewest that meet the target made a looser target dearer.
    let vcpus = 0;
    for (const v of LAMBDA_VCPUS) {
      if (target !== null && latencyWith(v) > target) continue;
      if (vcpus === 0 || memoryWith(v) * durationWith(v) < memoryWith(vcpus) * durationWith(vcpus)) vcpus = v;
    }
    if (vcpus === 0) {
      const most = LAMBDA_VCPUS[LAMBDA_VCPUS.length - 1]!;
      const src = sizing.latency.source;
      const blocker: SizingBlocker = {
        limit: 'latency-target',
        title: 'No hardware this option offers meets the latency target',
        text: `Even split over ${most} Lambda vCPUs the model answers in about ${formatNumber(latencyWith(most), 1)} ms at p95 (${formatNumber(w.cpuMs, 2)} ms of CPU inference on one core; Lambda has no GPU), over the ${formatNumber(target!, 2)} ms target.`,
        value: latencyWith(most),
        unit: 'ms',
        source: src.url,
        checked: src.checked,
      };
      return unsized([blocker]);
    }
    const latencyMs = latencyWith(vcpus);
    const memoryMb = memoryWith(vcpus);
    const durationMs = durationWith(vcpus);
    const cold = coldStartSeconds('lambda', w, sizing);
    const notes: SizingNote[] = headroomNote('lambda', latencyMs, w, sizing, ctx.explain);
    const needsWarm = target !== null && cold * 1000 > target && coldStartsReachP95(w, sizing);
    if (!needsWarm && !coldStartsReachP95(w, sizing))
      notes.push(...rareColdStartFit('lambda', cold, w, sizing, ctx.explain));
    const concurrency = warmConcurrency(w, sizing, durationMs);
    const params: LambdaParams = {
      memoryMb,
      requests: w.monthlyRequests,
      durationMs,
      arch: 'x86_64',
      ephemeralStorageMb: 512,
      provisionedConcurrency: needsWarm ? concurrency : 0,
      provisionedHours: needsWarm ? w.hoursPerMonth : 0,
      freeTier: false,
    };
    if (needsWarm) {
      notes.push({
        rule: 'cold-start-priced',
        topic: 'latency',
        text: ctx.explain
          ? `A cold start takes about ${cold} s against the ${target} ms target (p95), and ${coldStartCause(w, sizing)}: priced with ${provisioned(concurrency)} all month so requests find a warm function.`
          : '',
        effect: 0,
      });
    }
    const compute = lambdaLineItems(params, ctx.prices);
    const ops = operationsLine('lambda', w, ctx.knowledge, 0, ctx.explain);
    // A batch job invokes the function directly (an S3 event, a Step Functions map) and writes its
    // results to S3 in the region: no API Gateway in front and no responses to the internet.
    const batch = w.answers.trafficPattern === 'batch';
    const front = batch ? [] : [...apiGatewayLines(w, ctx), ...dataOutLines(w, ctx)];
    const lineItems = [...compute, ...front, ops];
    const committed = compute.filter((l) => !l.item.startsWith('Requests')).reduce((s, l) => s + l.usd, 0);
    return {
      lineItems,
      ...(ctx.explain
        ? {
            summary: {
              hardware: 'serverless',
              instanceType: null,
              count: needsWarm ? concurrency : 0,
              minCount: needsWarm ? concurrency : 0,
              maxCount: Math.max(1, Math.ceil((w.peakRequestsPerSecond * durationMs) / 1000)),
              accelerator: null,
              memoryFitMarginPct: Math.round(((memoryMb - w.memoryNeededMb) / memoryMb) * 1000) / 10,
              latencyMs,
              latencyMarginMs: target === null ? null : Math.round((target - latencyMs) * 10) / 10,
              coldStartS: needsWarm ? null : cold,
              description: `${formatNumber(memoryMb)} MB function (x86_64, ${formatNumber(vcpus)} vCPU) ${batch ? 'invoked by the batch job' : 'behind an HTTP API'}${needsWarm ? `, ${provisioned(concurrency)}` : ''}; ${formatNumber(durationMs)} ms per request`,
            },
            sizing: {
              memoryMb,
              durationMs: params.durationMs,
              requestsPerMonth: w.monthlyRequests,
              provisionedConcurrency: params.provisionedConcurrency,
            },
            assumptions: [
              `${formatNumber(memoryMb)} MB: the model needs ${formatNumber(w.memoryNeededMb)} MB and Lambda gives a vCPU per ${formatNumber(LAMBDA_ONE_VCPU_MB)} MB; each request runs ${params.durationMs} ms of CPU inference on ${vcpus} vCPU (Lambda has no GPU).`,
              needsWarm
                ? `Provisioned concurrency ${concurrency} all month avoids cold starts of about ${cold} s.`
                : `A start from zero takes about ${cold} s (runtime, ${w.answers.framework} import, model load).`,
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes,
      labourUsd: ops.usd,
      covered: [{ plan: 'compute-lambda', usd: committed }],
    };
  },
};
