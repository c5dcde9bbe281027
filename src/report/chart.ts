import type { OptionId } from '../core/options.js';
import type { CostCurves } from './curves.js';
import { num, usd, usdShort } from './text.js';

/**
 * The cost-against-traffic chart as data: a Mermaid xychart-beta block for the Markdown (with a
 * legend beside it, which Mermaid's xychart lacks), the series for the SVG of the HTML report,
 * the same numbers as a table, and the break-even sentences. The traffic axis is linear, in
 * requests per second. Pure.
 */

/** One colour per line, the same in the Mermaid chart (its palette) and in the SVG. */
export const CHART_COLOURS = [
  ['#1f6feb', 'blue'],
  ['#d9480f', 'orange'],
  ['#2b8a3e', 'green'],
  ['#9c36b5', 'purple'],
  ['#e67700', 'amber'],
] as const;

export interface ChartModel {
  mermaid: string;
  /** Requests per second at each point. */
  rates: number[];
  xLabels: string[];
  /** Index of the answered rate among the points. */
  answeredIndex: number;
  series: { name: string; usd: (number | null)[]; colour: string; colourName: string }[];
  legend: string;
  table: { header: string; rows: string[] };
  breakEvens: string[];
  /** Break-even points inside the charted range, for markers on the SVG. */
  markers: { rate: number; label: string }[];
  axisTitle: string;
}

export function chartModel(
  curves: CostCurves,
  nameOf: (id: OptionId) => string,
  answeredRps: number,
): ChartModel {
  const base = curves.baseRequestsPerSecond;
  const rates = curves.multiples.map((m) => base * m);
  const xLabels = rates.map((r) => num(r));
  const answeredIndex = Math.max(0, curves.multiples.indexOf(1));
  const series = curves.curves.map((c, i) => ({
    name: nameOf(c.option),
    usd: c.usd,
    colour: CHART_COLOURS[i % CHART_COLOURS.length]![0],
    colourName: CHART_COLOURS[i % CHART_COLOURS.length]![1],
  }));
  const maxUsd = Math.max(1, ...curves.curves.flatMap((c) => c.usd.filter((v): v is number => v !== null)));
  const top = niceCeiling(maxUsd);
  const axisTitle =
    answeredRps > 0
      ? `Requests per second, linear scale (answered: ${num(answeredRps)})`
      : 'Requests per second, linear scale (1 request/s stands for no traffic)';
  // A line with an unpriced point would draw it as $0: such a line is left out of the chart.
  const drawn = series.filter((s) => s.usd.every((v) => v !== null));
  const mermaid = [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${drawn.map((s) => s.colour).join(', ')}"}}}}%%`,
    'xychart-beta',
    '    title "Modelled monthly cost (USD) against traffic"',
    `    x-axis "${axisTitle}" [${xLabels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "USD per month" 0 --> ${top}`,
    ...drawn.map((s) => `    line [${s.usd.map((v) => Math.round(v! * 100) / 100).join(', ')}]`),
    '```',
  ].join('\n');
  const legend = `Legend: ${series
    .map(
      (s) =>
        `${s.colourName} line, ${s.name}${drawn.includes(s) ? '' : ' (not drawn: not priced at every point)'}`,
    )
    .join('; ')}. The answered rate is ${xLabels[answeredIndex]} requests/s.`;
  const header = `| Option | ${xLabels.map((l, i) => `${l} req/s${i === answeredIndex ? ' (answered)' : ''}`).join(' | ')} |\n| --- |${' ---: |'.repeat(xLabels.length)}`;
  const rows = series.map(
    (s) => `| ${s.name} | ${s.usd.map((v) => (v === null ? 'not priced' : usdShort(v))).join(' | ')} |`,
  );
  const breakEvens = curves.breakEvens.map(
    (b) =>
      `At about ${num(b.requestsPerSecond)} requests/s (${num(b.multiple)}x the answered rate, near ${usd(b.monthlyUsd)} a month) the curves of ${nameOf(b.cheaperBelow)} and ${nameOf(b.cheaperAbove)} cross: below it ${nameOf(b.cheaperBelow)} costs less, above it ${nameOf(b.cheaperAbove)} does.`,
  );
  const lo = rates[0]!;
  const hi = rates[rates.length - 1]!;
  const markers = curves.breakEvens
    .filter((b) => b.requestsPerSecond >= lo && b.requestsPerSecond <= hi)
    .map((b) => ({ rate: b.requestsPerSecond, label: `break-even ${num(b.requestsPerSecond)} req/s` }));
  return {
    mermaid,
    rates,
    xLabels,
    answeredIndex,
    series,
    legend,
    table: { header, rows },
    breakEvens,
    markers,
    axisTitle,
  };
}

/** A round axis maximum a little above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * 1.05) return step * power;
  return 10 * power;
}
