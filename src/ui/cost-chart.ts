import asciichart from 'asciichart';
import type { Recommendation } from '../core/engine.js';
import type { AnswerDraft } from './answer-keys.js';
import type { Line } from './explain.js';
import { usd } from './text-table.js';

/**
 * Monthly cost against traffic for the leading options, from 1/10 to 10x the answered rate, with
 * the break-even points (where two curves cross) marked under the chart. Costs come from the same
 * cost models as the ranking; only the request rate (and an answered peak) is scaled.
 */
export interface Curve {
  option: string;
  costs: (number | null)[];
}

export interface BreakEven {
  a: string;
  b: string;
  requestsPerSecond: number;
  index: number;
}

export function trafficPoints(rps: number, count: number): number[] {
  const centre = rps > 0 ? rps : 1;
  const lo = Math.log10(centre / 10);
  const hi = Math.log10(centre * 10);
  return Array.from({ length: count }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (count - 1)));
}

export function costCurves(
  draft: AnswerDraft,
  advise: (d: AnswerDraft) => Recommendation,
  options: string[],
  points: number[],
): Curve[] {
  const base = Number(draft.requestsPerSecond ?? 0) || 1;
  const curves: Curve[] = options.map((option) => ({ option, costs: [] }));
  for (const rps of points) {
    const scaled: AnswerDraft = { ...draft, requestsPerSecond: rps };
    if (typeof draft.peakRequestsPerSecond === 'number')
      scaled.peakRequestsPerSecond = (draft.peakRequestsPerSecond * rps) / base;
    let rec: Recommendation | null = null;
    try {
      rec = advise(scaled);
    } catch {
      rec = null;
    }
    for (const curve of curves) {
      curve.costs.push(rec?.ranking.find((r) => r.option === curve.option)?.monthlyCostUsd ?? null);
    }
  }
  return curves;
}

/** Where one curve crosses another between two neighbouring points (interpolated on the log scale). */
export function breakEvens(curves: Curve[], points: number[]): BreakEven[] {
  const found: BreakEven[] = [];
  for (let i = 0; i < curves.length; i++) {
    for (let j = i + 1; j < curves.length; j++) {
      const a = curves[i]!;
      const b = curves[j]!;
      for (let k = 0; k + 1 < points.length; k++) {
        const [a0, a1, b0, b1] = [a.costs[k], a.costs[k + 1], b.costs[k], b.costs[k + 1]];
        if (a0 == null || a1 == null || b0 == null || b1 == null) continue;
        const d0 = a0 - b0;
        const d1 = a1 - b1;
        if (d0 === 0 || Math.sign(d0) === Math.sign(d1)) continue;
        const t = d0 / (d0 - d1);
        const x0 = Math.log10(points[k]!);
        const x1 = Math.log10(points[k + 1]!);
        found.push({
          a: a.option,
          b: b.option,
          requestsPerSecond: 10 ** (x0 + t * (x1 - x0)),
          index: t < 0.5 ? k : k + 1,
        });
      }
    }
  }
  return found;
}

const COLORS = [asciichart.cyan, asciichart.magenta, asciichart.yellow, asciichart.green];
const LETTERS = ['A', 'B', 'C', 'D'];
const LABEL = 9;

const rate = (rps: number) =>
  rps >= 100 ? Math.round(rps).toLocaleString('en-US') : rps >= 1 ? rps.toFixed(1) : rps.toPrecision(2);

/** The chart as lines: plot, x axis, legend and break-even marks. */
export function costChart(
  rec: Recommendation,
  draft: AnswerDraft,
  advise: (d: AnswerDraft) => Recommendation,
  { width = 80, color = false }: { width?: number; color?: boolean } = {},
): Line[] {
  const leading = rec.ranking.filter((r) => r.feasible && r.monthlyCostUsd !== null).slice(0, 3);
  const chosen =
    leading.length >= 2 ? leading : rec.ranking.filter((r) => r.monthlyCostUsd !== null).slice(0, 3);
  if (chosen.length === 0)
    return [{ text: 'No option could be priced, so there is nothing to chart.', tone: 'warn' }];
  const count = Math.max(12, Math.min(48, width - LABEL - 8));
  const points = trafficPoints(Number(draft.requestsPerSecond ?? 0), count);
  const curves = costCurves(
    draft,
    advise,
    chosen.map((r) => r.option),
    points,
  );
  const series = curves.map((c) => c.costs.map((v) => v ?? 0));
  const plot = asciichart.plot(series, {
    height: 10,
    offset: 3,
    format: (x: number) => usd(x).padStart(LABEL).slice(-LABEL),
    ...(color ? { colors: COLORS.slice(0, series.length) } : {}),
  });
  const rows = plot.split('\n');
  // Letter each curve at its right end so the chart reads without colour too.
  const all = series.flat();
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  series.forEach((s, i) => {
    const last = s[s.length - 1]!;
    const row = Math.round(((max - last) / span) * (rows.length - 1));
    rows[row] = `${rows[row]} ${LETTERS[i]}`;
  });
  const origin = LABEL + 2;
  const centre = Math.round((count - 1) / 2);
  const axisCells = Array.from({ length: origin + count + 12 }, () => ' ');
  const put = (at: number, text: string) => [...text].forEach((ch, i) => (axisCells[at + i] = ch));
  put(origin, rate(points[0]!));
  put(origin + centre, `↑${rate(points[centre]!)} now`);
  const end = `${rate(points[points.length - 1]!)} req/s`;
  put(Math.max(origin + centre + 12, origin + count - end.length), end);
  const axisLine = axisCells.join('').trimEnd();
  const evens = breakEvens(curves, points);
  const marks = Array.from({ length: origin + count + 1 }, () => ' ');
  evens.forEach((e) => (marks[origin + e.index] = '^'));
  const lines: Line[] = [
    { text: 'Monthly cost against traffic (modelled):', tone: 'bold' },
    ...rows.map((text) => ({ text })),
    ...(evens.length ? [{ text: marks.join('').trimEnd(), tone: 'warn' as const }] : []),
    { text: axisLine, tone: 'dim' },
    ...curves.map((c, i) => ({ text: `  ${LETTERS[i]} ${c.option}`, tone: 'accent' as const })),
  ];
  if (evens.length === 0)
    lines.push({ text: '  No break-even in this range: the order by cost holds from 1/10 to 10x.' });
  for (const e of evens) {
    lines.push({ text: `  ^ break-even: ${e.a} = ${e.b} at about ${rate(e.requestsPerSecond)} requests/s` });
  }
  return lines;
}
