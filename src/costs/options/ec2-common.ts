import type { OptionId } from '../../core/options.js';
import type { Workload } from '../../core/workload.js';
import { ec2Instance } from '../../pricing/keys.js';
import type { CostContext } from '../context.js';
import { cheapestFleet, type Chosen } from '../fleet.js';

/** The cheapest EC2 fleet for an option; `x86Only` for images published for amd64 alone. */
export function ec2Fleet(
  option: OptionId,
  w: Workload,
  ctx: CostContext,
  opts: { x86Only?: boolean; neuron?: boolean; target: number | null },
): Chosen {
  const candidates = opts.x86Only ? ctx.ec2X86Gpu : ctx.ec2;
  return cheapestFleet(option, candidates, w, ctx.knowledge.sizing, 1, opts.target);
}

export const ec2Key = ec2Instance;
