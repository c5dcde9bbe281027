import type { OptionId } from '../core/options.js';
import type { CostCurves } from './curves.js';
import { num, usd, usdShort } from './text.js';

/**
 * The cost-against-traffic chart as data: a Mermaid xychart-beta block for the Markdown, the
 * series for the SVG of the HTML report, the same numbers as a table, and the break-even
 * sentences. Pure.
 */
export interface ChartModel {
  mermaid: string;
  xLabels: string[];
  series: { name: string; usd: (number | null)[] }[];
  table: { header: string; rows: string[] };
  breakEvens: string[];
  axisTitle: string;
}

export function chartModel(
  curves: CostCurves,
  nameOf: (id: OptionId) => string,
  answeredRps: number,
): ChartModel {
  const xLabels = curves.multiples.map((m) => `${num(m)}x`);
  const series = curves.curves.map((c) => ({ name: nameOf(c.option), usd: c.usd }));
  const maxUsd = Math.max(1, ...curves.curves.flatMap((c) => c.usd.filter((v): v is number => v !== null)));
  const top = niceCeiling(maxUsd);
  const axisTitle =
    answeredRps > 0
      ? `Traffic, as a multiple of ${num(answeredRps)} requests/s`
      : 'Traffic, as a multiple of 1 request/s';
  const mermaid = [
    '```mermaid',
    'xychart-beta',
    '    title "Modelled monthly cost (USD) against traffic"',
    `    x-axis "${axisTitle}" [${xLabels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "USD per month" 0 --> ${top}`,
    // A line with an unpriced point would draw it as $0: such a line is left out of the chart.
    ...curves.curves
      .filter((c) => c.usd.every((v) => v !== null))
      .map((c) => `    line [${c.usd.map((v) => Math.round(v! * 100) / 100).join(', ')}]`),
    '```',
  ].join('\n');
  const header = `| Option | ${xLabels.map((l, i) => `${l} (${num(curves.baseRequestsPerSecond * curves.multiples[i]!)} req/s)`).join(' | ')} |\n| --- |${' ---: |'.repeat(xLabels.length)}`;
  const rows = series.map(
    (s, i) =>
      `| ${i + 1}. ${s.name} | ${s.usd.map((v) => (v === null ? 'not priced' : usdShort(v))).join(' | ')} |`,
  );
  const breakEvens = curves.breakEvens.map(
    (b) =>
      `At about ${num(b.requestsPerSecond)} requests/s (${num(b.multiple)}x the answered rate, near ${usd(b.monthlyUsd)} a month) the curves of ${nameOf(b.cheaperBelow)} and ${nameOf(b.cheaperAbove)} cross: below it ${nameOf(b.cheaperBelow)} costs less, above it ${nameOf(b.cheaperAbove)} does.`,
  );
  return { mermaid, xLabels, series, table: { header, rows }, breakEvens, axisTitle };
}

/** A round axis maximum a little above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * 1.05) return step * power;
  return 10 * power;
}
