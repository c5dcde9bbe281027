import type { OptionId } from '../core/options.js';
import { formatNumber } from '../core/format.js';
import type { Workload } from '../core/workload.js';
import type { Sizing } from '../knowledge/schema.js';
import type { SizingNote } from './types.js';

/**
 * Latency fit, scored from the margins the sizing computes and continuous in the p95 target (no
 * step at a round number, sizing.yaml latency). Pure.
 */

/**
 * Thin headroom: below thinHeadroomShare of the target left over, the option loses points in
 * proportion (thinHeadroomPoints at none, none at the share), and the reason quotes the p95, the
 * target and the headroom.
 */
export function headroomFit(
  option: OptionId,
  latencyMs: number | null,
  w: Workload,
  sizing: Sizing,
  /** False: the ranking's numbers pass, which reads the effect alone (no sentence written). */
  explain = true,
): SizingNote[] {
  const target = w.answers.latencyP95Ms;
  if (latencyMs === null || target === null) return [];
  const l = sizing.latency;
  const margin = target - latencyMs;
  const share = margin / target;
  if (share >= l.thinHeadroomShare) return [];
  const effect = round1(-l.thinHeadroomPoints * Math.min(1, 1 - Math.max(0, share) / l.thinHeadroomShare));
  if (effect === 0) return [];
  if (!explain) return [{ rule: 'thin-latency-headroom', topic: 'latency', text: '', effect }];
  const headroom = margin < 10 ? formatNumber(margin, 1) : formatNumber(Math.round(margin), 0);
  return [
    {
      rule: 'thin-latency-headroom',
      topic: 'latency',
      text: `${option} answers in about ${formatNumber(latencyMs, 1)} ms at p95 against the ${formatNumber(target, 1)} ms target: ${headroom} ms of headroom (${formatNumber(Math.max(0, share) * 100, 1)}% of the target, under the ${l.thinHeadroomShare * 100}% planned), little room for a slower request mix.`,
      effect,
    },
  ];
}

/**
 * A start from zero slower than the target where cold starts stay rare (they do not reach the
 * p95: steady traffic): points per doubling of the start over the target, with both numbers.
 */
export function rareColdStartFit(
  option: OptionId,
  coldStartS: number,
  w: Workload,
  sizing: Sizing,
  /** False: the ranking's numbers pass, which reads the effect alone (no sentence written). */
  explain = true,
): SizingNote[] {
  const target = w.answers.latencyP95Ms;
  if (target === null) return [];
  const l = sizing.latency;
  const ratio = (coldStartS * 1000) / target;
  if (ratio <= 1) return [];
  const effect = round1(-Math.min(l.coldStartMaxPenalty, l.coldStartPointsPerDoubling * Math.log2(ratio)));
  if (effect === 0) return [];
  if (!explain) return [{ rule: 'rare-cold-start-over-target', topic: 'latency', text: '', effect }];
  return [
    {
      rule: 'rare-cold-start-over-target',
      topic: 'latency',
      text: `${option}: a start from zero takes about ${formatNumber(coldStartS, 1)} s, ${formatNumber(ratio, 1)}x the ${formatNumber(target, 1)} ms target; with ${w.answers.trafficPattern} traffic only requests that land on a new environment during a scale-out wait for it.`,
      effect,
    },
  ];
}

function round1(v: number): number {
  return Math.round(v * 10) / 10 || 0;
}
