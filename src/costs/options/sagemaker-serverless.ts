import { rareColdStartFit } from '../latency-fit.js';
import { formatNumber } from '../../core/format.js';
import {
  SAGEMAKER_SERVERLESS_PC_GB_SECOND,
  SERVERLESS_MEMORY_SIZES_MB,
  sagemakerServerlessLineItems,
} from '../sagemaker-serverless.js';
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
import { dataOutLines, requestGb, responseGb } from '../network.js';
import { memoryFitBlocker } from '../fleet.js';
import { operationsLine } from '../operations.js';
import type { SizingNote } from '../types.js';

/**
 * SageMaker Serverless Inference, on CPU (no GPU): the smallest memory size that holds the model,
 * each request billed for its CPU inference. Where cold starts would reach the p95, provisioned
 * concurrency is priced when the book has its price; otherwise the option is marked down with
 * both numbers.
 */
export const sagemakerServerless: CostModel = {
  option: 'sagemaker-serverless',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const target = w.answers.latencyP95Ms;
    const memoryMb = SERVERLESS_MEMORY_SIZES_MB.find((m) => m >= w.memoryNeededMb);
    if (memoryMb === undefined) {
      // The limit's own blocker says so too: no size holds the model, so there is no bill to show.
      const largest = SERVERLESS_MEMORY_SIZES_MB[SERVERLESS_MEMORY_SIZES_MB.length - 1]!;
      return unsized([
        memoryFitBlocker(
          'sagemaker-serverless',
          w,
          `it needs about ${formatNumber(Math.ceil(w.memoryNeededMb))} MB of memory; the largest memory size is ${formatNumber(largest)} MB`,
          largest,
          sizing,
        ),
      ]);
    }
    const latencyMs =
      Math.round(
        (w.cpuMs * sizing.latency.p95OverInference + sizing.latency.overheadMs['sagemaker-serverless']) * 10,
      ) / 10;
    if (target !== null && latencyMs > target) {
      const src = sizing.latency.source;
      return unsized([
        {
          limit: 'latency-target',
          title: 'No hardware this option offers meets the latency target',
          text: `Serverless Inference runs on CPU only: about ${formatNumber(latencyMs, 1)} ms at p95 (${formatNumber(w.cpuMs, 2)} ms of CPU inference), over the ${formatNumber(target!, 2)} ms target.`,
          value: latencyMs,
          unit: 'ms',
          source: src.url,
          checked: src.checked,
        },
      ]);
    }
    const cold = coldStartSeconds('sagemaker-serverless', w, sizing);
    const notes: SizingNote[] = headroomNote('sagemaker-serverless', latencyMs, w, sizing, ctx.explain);
    const hit = target !== null && cold * 1000 > target && coldStartsReachP95(w, sizing);
    if (!coldStartsReachP95(w, sizing))
      notes.push(...rareColdStartFit('sagemaker-serverless', cold, w, sizing, ctx.explain));
    const canWarm = hit && ctx.prices.has(SAGEMAKER_SERVERLESS_PC_GB_SECOND);
    const concurrency = warmConcurrency(w, sizing, w.cpuMs);
    if (hit && !canWarm) {
      notes.push({
        rule: 'cold-start-over-target',
        topic: 'latency',
        text: ctx.explain
          ? `A cold start takes about ${cold} s against the ${target} ms target (p95), and ${coldStartCause(w, sizing)} (provisioned concurrency would avoid it; its price is not in this price book).`
          : '',
        effect: sizing.coldStart.effect,
      });
    }
    if (canWarm) {
      notes.push({
        rule: 'cold-start-priced',
        topic: 'latency',
        text: ctx.explain
          ? `A cold start takes about ${cold} s against the ${target} ms target (p95), and ${coldStartCause(w, sizing)}: priced with ${provisioned(concurrency)} all month so requests find a warm endpoint.`
          : '',
        effect: 0,
      });
    }
    const dataGb = requestGb(w) + responseGb(w, ctx);
    const compute = sagemakerServerlessLineItems(
      {
        memoryMb,
        requests: w.monthlyRequests,
        durationMs: w.cpuMs,
        dataGb,
        provisionedConcurrency: canWarm ? concurrency : 0,
        provisionedHours: canWarm ? w.hoursPerMonth : 0,
      },
      ctx.prices,
    );
    const ops = operationsLine('sagemaker-serverless', w, ctx.knowledge, 0, ctx.explain);
    const committed = compute.filter((l) => !l.item.startsWith('Data')).reduce((s, l) => s + l.usd, 0);
    return {
      lineItems: [...compute, ...dataOutLines(w, ctx), ops],
      ...(ctx.explain
        ? {
            summary: {
              hardware: 'serverless',
              instanceType: null,
              count: canWarm ? concurrency : 0,
              minCount: canWarm ? concurrency : 0,
              maxCount: Math.max(1, Math.ceil((w.peakRequestsPerSecond * w.cpuMs) / 1000)),
              accelerator: null,
              memoryFitMarginPct: Math.round(((memoryMb - w.memoryNeededMb) / memoryMb) * 1000) / 10,
              latencyMs,
              latencyMarginMs: target === null ? null : Math.round((target - latencyMs) * 10) / 10,
              coldStartS: canWarm ? null : cold,
              description: `${formatNumber(memoryMb)} MB serverless endpoint (CPU); ${w.cpuMs} ms per request`,
            },
            sizing: {
              memoryMb,
              durationMs: w.cpuMs,
              requestsPerMonth: w.monthlyRequests,
              dataGb: Math.round(dataGb * 1000) / 1000,
            },
            assumptions: [
              `${formatNumber(memoryMb)} MB: the smallest serverless size that holds the model's ${formatNumber(w.memoryNeededMb)} MB; ${w.cpuMs} ms of CPU inference per request (no GPU).`,
              `A start from zero takes about ${cold} s (container, ${w.answers.framework} import, model load).`,
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes,
      labourUsd: ops.usd,
      covered: [{ plan: 'sagemaker', usd: committed }],
    };
  },
};
