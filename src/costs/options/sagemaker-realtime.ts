import { machineNotes } from '../hardware.js';
import { operationsLine } from '../operations.js';
import { dataOutLines } from '../network.js';
import { fleetSummary, headroomNote, sig, type CostModel, NOT_EXPLAINED } from '../model.js';
import { sageMakerFleet } from './sagemaker-common.js';

/** SageMaker real-time endpoint: at least one instance always on, scaled out for the peak. */
export const sagemakerRealtime: CostModel = {
  option: 'sagemaker-realtime',
  price(w, ctx) {
    const r = sageMakerFleet('hosting', 'sagemaker-realtime', w, ctx, 1, w.answers.latencyP95Ms);
    if (!('fleet' in r)) return r;
    const ops = operationsLine('sagemaker-realtime', w, ctx.knowledge, 0, ctx.explain);
    const compute = r.lines[0]!.usd;
    return {
      lineItems: [...r.lines, ...dataOutLines(w, ctx), ops],
      ...(ctx.explain
        ? {
            summary: fleetSummary(r.fleet, w, null),
            sizing: {
              instanceType: r.fleet.machine.name,
              requestsPerSecondPerInstance: sig(r.fleet.capacityRps),
              initialInstances: r.fleet.initial,
              maxInstances: r.fleet.max,
              averageInstances: r.fleet.average,
            },
            assumptions: [
              ...r.assumptions,
              'At least one instance stays up, so no request waits for a start from zero.',
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: [
        ...headroomNote(
          'sagemaker-realtime',
          r.fleet.serving.latencyMs,
          w,
          ctx.knowledge.sizing,
          ctx.explain,
        ),
        ...machineNotes(r.fleet.machine, ctx.knowledge.sizing),
      ],
      labourUsd: ops.usd,
      covered: [{ plan: 'sagemaker', usd: compute }],
    };
  },
};
