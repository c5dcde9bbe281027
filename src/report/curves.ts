import type { OptionId } from '../core/options.js';
import { deriveWorkload, type Workload } from '../core/workload.js';
import { estimateOptionCost } from '../costs/estimate.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Sizing } from '../knowledge/schema.js';
import type { PriceBook } from '../pricing/types.js';

/**
 * Cost against traffic: each leading option re-priced with the answered request rate (and peak,
 * when answered) scaled by a multiple, everything else unchanged. Pure.
 */

/**
 * The multiples of the answered rate the chart and its table show: equal steps, so the traffic
 * axis is linear (a cost that grows in a straight line looks straight) around the answered rate.
 */
export const CHART_MULTIPLES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** The range searched for break-even points: a tenth of the answered rate to ten times it. */
export const SEARCH_RANGE = { from: 0.1, to: 10, steps: 64 } as const;

export interface CostCurve {
  option: OptionId;
  /** Monthly USD at each of CHART_MULTIPLES; null where the option cannot be priced. */
  usd: (number | null)[];
}

export interface BreakEven {
  /** Cheaper below the crossing. */
  cheaperBelow: OptionId;
  /** Cheaper above the crossing. */
  cheaperAbove: OptionId;
  multiple: number;
  requestsPerSecond: number;
  monthlyUsd: number;
}

export interface CostCurves {
  /** The rate the multiples apply to: the answered average (1 request/s when it is 0). */
  baseRequestsPerSecond: number;
  multiples: number[];
  curves: CostCurve[];
  breakEvens: BreakEven[];
}

export function scaledWorkload(workload: Workload, multiple: number, sizing: Sizing): Workload {
  const a = workload.answers;
  const base = a.requestsPerSecond > 0 ? a.requestsPerSecond : 1;
  const answers = { ...a, requestsPerSecond: base * multiple };
  if (a.peakRequestsPerSecond !== undefined) {
    answers.peakRequestsPerSecond = (a.peakRequestsPerSecond > 0 ? a.peakRequestsPerSecond : base) * multiple;
  }
  return deriveWorkload(answers, sizing);
}

/** Monthly USD of an option at a multiple of the answered rate; null where it cannot be priced. */
type CostAt = (option: OptionId, multiple: number) => number | null;

/**
 * Costs remembered per option and multiple for one set of curves: every pair's break-even search
 * walks the same grid, so each option is priced once per grid point, not once per pair.
 */
function rememberedCosts(workload: Workload, knowledge: Knowledge, prices: PriceBook): CostAt {
  const workloads = new Map<number, Workload>();
  const costs = new Map<string, number | null>();
  return (option, multiple) => {
    const key = `${option} ${multiple}`;
    const known = costs.get(key);
    if (known !== undefined) return known;
    let scaled = workloads.get(multiple);
    if (!scaled) workloads.set(multiple, (scaled = scaledWorkload(workload, multiple, knowledge.sizing)));
    let usd: number | null;
    try {
      usd = estimateOptionCost(option, scaled, prices, knowledge).monthlyUsd;
      if (!Number.isFinite(usd)) usd = null;
    } catch {
      usd = null;
    }
    costs.set(key, usd);
    return usd;
  };
}

export function costCurves(
  options: readonly OptionId[],
  workload: Workload,
  knowledge: Knowledge,
  prices: PriceBook,
  chartMultiples: readonly number[] = CHART_MULTIPLES,
): CostCurves {
  const rps = workload.answers.requestsPerSecond;
  const baseRequestsPerSecond = rps > 0 ? rps : 1;
  const costAt = rememberedCosts(workload, knowledge, prices);
  const breakEvens: BreakEven[] = [];
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      breakEvens.push(...crossings(options[i]!, options[j]!, costAt, baseRequestsPerSecond));
    }
  }
  breakEvens.sort((a, b) => a.multiple - b.multiple);
  const multiples = axisMultiples(chartMultiples, breakEvens);
  const curves = options.map((option) => ({
    option,
    usd: multiples.map((m) => costAt(option, m)),
  }));
  return { baseRequestsPerSecond, multiples, curves, breakEvens };
}

/**
 * The chart's multiples: the given ones, or, when a break-even lies beyond them (within the
 * searched range), equal steps of the answered rate up to just past the furthest one, so the
 * crossing the report names is on the chart and the axis stays linear.
 */
/** The most points an extended axis has (the table beneath it has a column for each). */
const AXIS_POINTS = 12;

export function axisMultiples(chartMultiples: readonly number[], breakEvens: readonly BreakEven[]): number[] {
  const last = chartMultiples[chartMultiples.length - 1] ?? 1;
  const furthest = Math.max(0, ...breakEvens.map((b) => b.multiple));
  if (furthest <= last || furthest > SEARCH_RANGE.to) return [...chartMultiples];
  // The finest step (a quarter, a half or the whole answered rate) that reaches past the
  // break-even in at most AXIS_POINTS points; 1 (the answered rate) is always on the grid.
  const step = [0.25, 0.5, 1].find((st) => Math.ceil((furthest * 1.05) / st) <= AXIS_POINTS) ?? 1;
  const points = Math.ceil((furthest * 1.05) / step);
  return Array.from({ length: points }, (_, k) => (k + 1) * step);
}

/** Where the cheaper of two options changes, searched on a log grid and refined by bisection. */
function crossings(a: OptionId, b: OptionId, costAt: CostAt, base: number): BreakEven[] {
  const { from, to, steps } = SEARCH_RANGE;
  const grid = Array.from({ length: steps + 1 }, (_, k) => from * (to / from) ** (k / steps));
  const diff = (m: number): number | null => {
    const ca = costAt(a, m);
    const cb = costAt(b, m);
    return ca === null || cb === null ? null : ca - cb;
  };
  const found: BreakEven[] = [];
  let prevM = grid[0]!;
  let prevD = diff(prevM);
  for (const m of grid.slice(1)) {
    const d = diff(m);
    if (prevD !== null && d !== null && prevD !== 0 && Math.sign(d) !== Math.sign(prevD)) {
      let lo = prevM;
      let hi = m;
      const loSign = Math.sign(prevD);
      for (let k = 0; k < 30; k++) {
        const mid = Math.sqrt(lo * hi);
        const dm = diff(mid);
        if (dm === null) break;
        if (Math.sign(dm) === loSign) lo = mid;
        else hi = mid;
      }
      const multiple = hi;
      const usd = costAt(a, multiple) ?? 0;
      found.push({
        cheaperBelow: loSign < 0 ? a : b,
        cheaperAbove: loSign < 0 ? b : a,
        multiple: round(multiple, 3),
        requestsPerSecond: round(base * multiple, 3),
        monthlyUsd: usd,
      });
    }
    prevM = m;
    prevD = d;
  }
  return found;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
