import { coldStartSeconds, fleetSummary, type CostModel } from '../model.js';
import { neuronNotes } from '../hardware.js';
import { operationsLine } from '../operations.js';
import { sageMakerFleet } from './sagemaker-common.js';

/** SageMaker batch transform: instances started per job, billed only while the job runs. */
export const sagemakerBatch: CostModel = {
  option: 'sagemaker-batch',
  price(w, ctx) {
    const r = sageMakerFleet('batch', 'sagemaker-batch', w, ctx, 0, null);
    if (!('fleet' in r)) return r;
    const ops = operationsLine('sagemaker-batch', w, ctx.knowledge);
    const summary = fleetSummary(r.fleet, w, coldStartSeconds('sagemaker-batch', w, ctx.knowledge.sizing));
    return {
      lineItems: [...r.lines, ops],
      summary: { ...summary, latencyMs: null, latencyMarginMs: null },
      sizing: {
        instanceType: r.fleet.machine.name,
        instancesPerJob: r.fleet.initial,
        averageInstances: r.fleet.average,
      },
      assumptions: [
        ...r.assumptions,
        `Jobs run ${Math.round(w.activeShare * 1000) / 10}% of the month; each starts its instances (minutes) before the first record.`,
      ],
      blockers: [],
      notes: neuronNotes(r.fleet.machine, ctx.knowledge.sizing),
      labourUsd: ops.usd,
      covered: [{ plan: 'sagemaker', usd: r.lines[0]!.usd }],
    };
  },
};
