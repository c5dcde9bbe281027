import type { OptionId } from '../../core/options.js';
import type { Workload } from '../../core/workload.js';
import { ec2Instance } from '../../pricing/keys.js';
import type { CostContext } from '../context.js';
import { cheapestFleet, NOTHING_PER_PEAK, type Chosen } from '../fleet.js';
import { natPerPeak } from '../network.js';

/** The cheapest EC2 fleet for an option; `x86Only` for images published for amd64 alone. */
export function ec2Fleet(
  option: OptionId,
  w: Workload,
  ctx: CostContext,
  opts: { x86Only?: boolean; neuron?: boolean; target: number | null; nat: boolean },
): Chosen {
  const candidates = opts.x86Only ? ctx.ec2X86Gpu : ctx.ec2;
  // A fleet behind a NAT gateway pays for each machine's image pulls too (natLines).
  const perPeak = opts.nat ? natPerPeak(w, ctx) : NOTHING_PER_PEAK;
  return cheapestFleet(option, candidates, w, ctx.knowledge.sizing, 1, opts.target, perPeak);
}

export const ec2Key = ec2Instance;
