import asciichart from 'asciichart';
import type { Recommendation } from '../core/engine.js';
import type { CostCurvesAt } from './advisor-types.js';
import type { Line } from './explain.js';
import { usd } from './text-table.js';
import { formatNumber } from '../core/format.js';

/**
 * Monthly cost against traffic for the leading options, from 1/10 to 10x the answered rate, with
 * the break-even points marked under the chart. The numbers come from the advisor (the cost
 * models, and the report's break-even search in src/report/curves.ts), so the chat and the report
 * agree; this module only lays them out.
 */
export function multiplesFor(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (-1 + (2 * i) / (count - 1)));
}

const COLORS = [asciichart.cyan, asciichart.magenta, asciichart.yellow];
const LETTERS = ['A', 'B', 'C'];
const LABEL = 9;

const rate = (rps: number) =>
  rps >= 100 ? formatNumber(Math.round(rps), 0) : rps >= 1 ? rps.toFixed(1) : rps.toPrecision(2);

/** The column of the plotted point nearest to a multiple of the answered rate (log scale). */
export function columnOf(multiple: number, count: number): number {
  const t = (Math.log10(multiple) + 1) / 2;
  return Math.max(0, Math.min(count - 1, Math.round(t * (count - 1))));
}

export function costChart(
  rec: Recommendation,
  curvesAt: CostCurvesAt,
  { width = 80, color = false }: { width?: number; color?: boolean } = {},
): Line[] {
  const leading = rec.ranking.filter((r) => r.feasible && r.monthlyCostUsd !== null).slice(0, 3);
  const chosen =
    leading.length >= 2 ? leading : rec.ranking.filter((r) => r.monthlyCostUsd !== null).slice(0, 3);
  if (chosen.length === 0) {
    return [{ text: 'No option could be priced, so there is nothing to chart.', tone: 'warn' }];
  }
  const count = Math.max(12, Math.min(48, width - LABEL - 12));
  const multiples = multiplesFor(count);
  const { base, series, breakEvens } = curvesAt(
    chosen.map((r) => r.option),
    multiples,
  );
  const plotted = series.map((s) => s.map((v) => v ?? 0));
  const plot = asciichart.plot(plotted, {
    height: 10,
    offset: 3,
    format: (x: number) => usd(x).padStart(LABEL).slice(-LABEL),
    ...(color ? { colors: COLORS.slice(0, plotted.length) } : {}),
  });
  const rows = plot.split('\n');
  // Letter each curve at its right end so the chart reads without colour too.
  const all = plotted.flat();
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  plotted.forEach((s, i) => {
    const row = Math.round(((max - s[s.length - 1]!) / span) * (rows.length - 1));
    rows[row] = `${rows[row]} ${LETTERS[i]}`;
  });
  const origin = LABEL + 2;
  const centre = columnOf(1, count);
  const axis = Array.from({ length: origin + count + 14 }, () => ' ');
  const put = (at: number, text: string) => [...text].forEach((ch, i) => (axis[at + i] = ch));
  put(origin, rate(base / 10));
  put(origin + centre, `↑${rate(base)} now`);
  const end = `${rate(base * 10)} req/s`;
  put(Math.max(origin + centre + 12, origin + count - end.length), end);
  const marks = Array.from({ length: origin + count }, () => ' ');
  for (const b of breakEvens) marks[origin + columnOf(b.requestsPerSecond / base, count)] = '^';
  const lines: Line[] = [
    { text: 'Monthly cost against traffic (modelled):', tone: 'bold' },
    ...rows.map((text) => ({ text })),
    ...(breakEvens.length ? [{ text: marks.join('').trimEnd(), tone: 'warn' as const }] : []),
    { text: axis.join('').trimEnd(), tone: 'dim' },
    ...chosen.map((r, i) => ({ text: `  ${LETTERS[i]} ${r.option}`, tone: 'accent' as const })),
  ];
  if (breakEvens.length === 0) {
    lines.push({ text: '  No break-even in this range: the order by cost holds from 1/10 to 10x.' });
  }
  for (const b of breakEvens) {
    lines.push({
      text: `  ^ break-even at about ${rate(b.requestsPerSecond)} requests/s (${usd(b.monthlyUsd)}/month): ${b.cheaperBelow} is cheaper below, ${b.cheaperAbove} above`,
    });
  }
  return lines;
}
