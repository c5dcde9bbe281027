import type { Workload } from '../../core/workload.js';
import { sagemakerInstance, SAGEMAKER_DATA_PROCESSED, type SageMakerUse } from '../../pricing/keys.js';
import type { CostContext } from '../context.js';
import { cheapestFleet, type Fleet } from '../fleet.js';
import { fleetAssumptions, NOT_EXPLAINED, unsized, type Priced } from '../model.js';
import { priceLine } from '../money.js';
import { requestGb, responseGb } from '../network.js';
import type { LineItem } from '../types.js';

/**
 * SageMaker AI instance-based inference (real-time, asynchronous, batch transform): the cheapest
 * ml.* fleet that fits and meets the target, its instance-hours, and the data processed in
 * (requests) and out (responses) for endpoints.
 */
export const USE_LABEL: Record<SageMakerUse, string> = {
  hosting: 'Real-time endpoint',
  async: 'Asynchronous inference',
  batch: 'Batch transform',
};

export function sageMakerFleet(
  use: SageMakerUse,
  option: 'sagemaker-realtime' | 'sagemaker-async' | 'sagemaker-batch',
  w: Workload,
  ctx: CostContext,
  idleMin: number,
  target: number | null,
): { fleet: Fleet; lines: LineItem[]; assumptions: string[] } | Priced {
  const chosen = cheapestFleet(option, ctx.sagemaker[use], w, ctx.knowledge.sizing, idleMin, target);
  if (!chosen.fleet) return unsized(chosen.blockers);
  const f = chosen.fleet;
  const lines = [
    priceLine(
      ctx.explain ? `${USE_LABEL[use]} ${f.machine.name} (${f.average} x ${w.hoursPerMonth} h)` : '',
      f.average * w.hoursPerMonth,
      ctx.prices.get(sagemakerInstance(use, f.machine.name)),
      'instance-hour',
    ),
  ];
  if (use !== 'batch') {
    const gb = requestGb(w) + responseGb(w, ctx);
    lines.push(
      priceLine(
        ctx.explain
          ? `Data processed (${w.answers.payloadKb} KB in, ${ctx.knowledge.sizing.network.responseKb} KB out per request)`
          : '',
        gb,
        ctx.prices.get(SAGEMAKER_DATA_PROCESSED),
      ),
    );
  }
  return {
    fleet: f,
    lines,
    assumptions: ctx.explain ? fleetAssumptions(f, w, ctx.knowledge.sizing) : NOT_EXPLAINED.assumptions,
  };
}
