import asciichart from 'asciichart';
import type { Recommendation } from '../core/engine.js';
import type { CostCurvesAt } from './advisor-types.js';
import type { Line, Segment } from './explain.js';
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

/** One colour per option, and without colour one letter and one line style each. */
const COLORS = ['cyan', 'magenta', 'yellow'] as const;
const LETTERS = ['A', 'B', 'C'];
const PLAIN_STYLES = [null, '·', '+'];
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
  const {
    base: base_,
    series,
    breakEvens,
  } = curvesAt(
    chosen.map((r) => r.option),
    multiples,
  );
  const plotted = series.map((s) => s.map((v) => v ?? 0));
  const all = plotted.flat();
  const min = Math.min(...all);
  const max = Math.max(...all);
  const config = {
    height: 10,
    offset: 3,
    min,
    max,
    format: (x: number) => usd(x).padStart(LABEL).slice(-LABEL),
  };
  // Each curve is plotted alone on the same scale, then laid over the others cell by cell, so
  // each cell knows which option drew it (and takes that option's colour).
  const layers = plotted.map((s) => asciichart.plot([s], config).split('\n'));
  const base = layers[0]!;
  const axisAt = Math.max(0, base[0]!.search(/[┤┼]/)) + 1;
  const owners: number[][] = base.map((row) => [...row].map(() => -1));
  const cells: string[][] = base.map((row) => [...row]);
  layers.forEach((rows, i) => {
    rows.forEach((row, r) => {
      [...row].forEach((ch, c) => {
        if (c < axisAt || ch === ' ' || owners[r]![c]! >= 0) return;
        owners[r]![c] = i;
        cells[r]![c] = !color && PLAIN_STYLES[i] ? PLAIN_STYLES[i]! : ch;
      });
    });
  });
  // Letter each curve at its right end; curves ending on one row share a label ("A,B").
  const span = max - min || 1;
  const ends = new Map<number, number[]>();
  plotted.forEach((s, i) => {
    const row = Math.round(((max - s[s.length - 1]!) / span) * (base.length - 1));
    ends.set(row, [...(ends.get(row) ?? []), i]);
  });
  const chartLines: Line[] = cells.map((row, r) => {
    const segments: Segment[] = [];
    row.forEach((ch, c) => {
      const owner = owners[r]![c]!;
      const colour = color && owner >= 0 ? COLORS[owner] : undefined;
      const last = segments[segments.length - 1];
      if (last && last.color === colour) last.text += ch;
      else segments.push(colour ? { text: ch, color: colour } : { text: ch });
    });
    const labels = ends.get(r);
    if (labels) {
      segments.push({ text: ' ' });
      labels.forEach((i, k) => {
        if (k) segments.push({ text: ',' });
        segments.push(color ? { text: LETTERS[i]!, color: COLORS[i] } : { text: LETTERS[i]! });
      });
    }
    const text = segments.map((x) => x.text).join('');
    return color ? { text, segments } : { text };
  });
  const origin = axisAt;
  const centre = columnOf(1, count);
  const axis = Array.from({ length: origin + count + 14 }, () => ' ');
  const put = (at: number, text: string) => [...text].forEach((ch, i) => (axis[at + i] = ch));
  // Axis labels that would overlap are left out (the start one gives way first).
  const startLabel = rate(base_ / 10);
  const nowLabel = `↑${rate(base_)} now`;
  const endLabel = `${rate(base_ * 10)} req/s`;
  const nowAt = origin + centre;
  const endAt = Math.max(nowAt + nowLabel.length + 2, origin + count - endLabel.length);
  if (startLabel.length + 1 < centre) put(origin, startLabel);
  put(nowAt, nowLabel);
  put(endAt, endLabel);
  const marks = Array.from({ length: origin + count }, () => ' ');
  for (const b of breakEvens) marks[origin + columnOf(b.requestsPerSecond / base_, count)] = '^';
  const legendStyle = (i: number) =>
    color ? '──' : PLAIN_STYLES[i] ? `${PLAIN_STYLES[i]}${PLAIN_STYLES[i]}` : '──';
  const lines: Line[] = [
    { text: 'Monthly cost against traffic (modelled):', tone: 'bold' },
    ...chartLines,
    ...(breakEvens.length ? [{ text: marks.join('').trimEnd(), tone: 'warn' as const }] : []),
    { text: axis.join('').trimEnd(), tone: 'dim' },
    ...chosen.map((r, i): Line => {
      const text = `  ${LETTERS[i]} ${legendStyle(i)} ${r.option}`;
      return color ? { text, segments: [{ text, color: COLORS[i] }] } : { text };
    }),
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
