import { machineNotes } from '../hardware.js';
import {
  coldStartSeconds,
  coldStartsReachP95,
  fleetAssumptions,
  fleetSummary,
  headroomNote,
  type CostModel,
  NOT_EXPLAINED,
} from '../model.js';
import { dataOutLines } from '../network.js';
import { operationsLine } from '../operations.js';
import { s3PayloadAssumption, s3PayloadLines } from '../s3.js';
import type { OptionSizing, SizingNote } from '../types.js';
import { sagemakerInstance } from '../../pricing/keys.js';
import { priceLine } from '../money.js';
import { queueAssumption, queuedFleet, type QueuedFleet } from './async-queue.js';
import { sageMakerFleet, USE_LABEL } from './sagemaker-common.js';

/**
 * SageMaker asynchronous inference: a queue in front of instances that scale to zero when idle.
 * A start from zero launches an instance (minutes): with an interactive target on idle-prone
 * traffic, the option is marked down with both numbers.
 */
/** The configuration shown, with the basis of its maximum beside the figure. */
function queuedSummary(summary: OptionSizing, q: QueuedFleet, minutes: number): OptionSizing {
  return {
    ...summary,
    description: `${summary.description}; at most ${q.fleet.max} as the queue absorbs a ${minutes}-minute peak (assumed), against ${q.unqueuedMax} to serve it as it arrives`,
  };
}

export const sagemakerAsync: CostModel = {
  option: 'sagemaker-async',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const found = sageMakerFleet('async', 'sagemaker-async', w, ctx, 0, w.answers.latencyP95Ms);
    if (!('fleet' in found)) return found;
    // The queue absorbs the peak: the fleet at the peak is sized from the backlog, and the
    // instance-hours priced again for that fleet.
    const queued = queuedFleet(found.fleet, w, sizing);
    const qf = queued.fleet;
    const r = {
      fleet: qf,
      lines: [
        priceLine(
          ctx.explain ? `${USE_LABEL.async} ${qf.machine.name} (${qf.average} x ${w.hoursPerMonth} h)` : '',
          qf.average * w.hoursPerMonth,
          ctx.prices.get(sagemakerInstance('async', qf.machine.name)),
          'instance-hour',
        ),
        ...found.lines.slice(1),
      ],
      assumptions: ctx.explain
        ? [...fleetAssumptions(qf, w, sizing), queueAssumption(queued, w, sizing)]
        : found.assumptions,
    };
    const cold = coldStartSeconds('sagemaker-async', w, sizing);
    const notes: SizingNote[] = [
      ...headroomNote('sagemaker-async', r.fleet.serving.latencyMs, w, sizing, ctx.explain),
      ...machineNotes(r.fleet.machine, sizing),
    ];
    const target = w.answers.latencyP95Ms;
    // With the availability floor (a p95 target on non-batch traffic) the queue never empties
    // the endpoint: no start from zero to mark down.
    if (r.fleet.min === 0 && target !== null && cold * 1000 > target && coldStartsReachP95(w, sizing)) {
      notes.push({
        rule: 'cold-start-over-target',
        topic: 'latency',
        text: ctx.explain
          ? `Scaling from zero takes about ${cold} s (an instance launch and the model load) against the ${target} ms target, and this traffic leaves the endpoint idle between uses.`
          : '',
        effect: sizing.coldStart.effect,
      });
    }
    const ops = operationsLine('sagemaker-async', w, ctx.knowledge, 0, ctx.explain);
    return {
      lineItems: [...r.lines, ...s3PayloadLines(w, ctx, 'async'), ...dataOutLines(w, ctx), ops],
      ...(ctx.explain
        ? {
            summary: queuedSummary(
              fleetSummary(r.fleet, w, r.fleet.min === 0 ? cold : null),
              queued,
              sizing.peakMinutes,
            ),
            sizing: {
              instanceType: r.fleet.machine.name,
              maxInstances: r.fleet.max,
              // Beside the figure: the max is sized from the queue, not the peak rate.
              maxInstancesBasis: queueAssumption(queued, w, sizing),
              averageInstances: r.fleet.average,
            },
            assumptions: [
              ...r.assumptions,
              r.fleet.min === 0
                ? `Scales to zero when the queue is empty; the first request after that waits about ${cold} s.`
                : `Keeps ${r.fleet.min} instances when the queue is empty: clients wait on a ${target} ms p95 target, so it does not scale to zero.`,
              s3PayloadAssumption(w, ctx, 'async'),
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes,
      labourUsd: ops.usd,
      covered: [{ plan: 'sagemaker', usd: r.lines[0]!.usd }],
    };
  },
};
