import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Line } from './explain.js';
import { formatTable, truncateCells, usd } from './text-table.js';

/**
 * The one-line reason shown beside an option: its first blocker, else its strongest rule in
 * favour. Budget rules come last: the cost is already in its own column.
 */
export function headline(r: RankedOption): string {
  if (!r.feasible) return r.blockers[0]?.text ?? 'blocked';
  const favour = [...r.reasons]
    .filter((reason) => reason.effect > 0)
    .sort((a, b) => Number(a.topic === 'budget') - Number(b.topic === 'budget') || b.effect - a.effect);
  if (favour[0]) return favour[0].text;
  if (r.monthlyCostUsd === null) return r.costError ?? 'not priced';
  const against = [...r.reasons].sort((a, b) => a.effect - b.effect)[0];
  return against?.text ?? 'no rule moved its score';
}

export function pricingLine(rec: Recommendation): string {
  const p = rec.pricing;
  return `Prices: ${p.source} of ${p.asOf}, ${p.region}. Monthly costs are modelled, not quoted.`;
}

/** The ranking as plain lines: for the piped mode and for /ranking in the transcript. */
export function rankingLines(rec: Recommendation, width = 80): Line[] {
  const rows = rec.ranking.map((r) => [
    `${r.rank}`,
    r.option,
    r.feasible ? String(r.score) : '-',
    r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd),
    headline(r),
  ]);
  const table = formatTable(
    [
      { header: '#', align: 'right' },
      { header: 'option' },
      { header: 'score', align: 'right' },
      { header: 'monthly', align: 'right' },
      { header: 'why', flex: true, min: 6 },
    ],
    rows,
    Math.max(20, width - 2),
  );
  return [
    { text: table[0]!, tone: 'dim' },
    ...table
      .slice(1)
      .map((text, i) => ({ text, ...(rec.ranking[i]!.feasible ? {} : { tone: 'dim' as const }) })),
    { text: truncateCells(pricingLine(rec), Math.max(20, width - 2)), tone: 'dim' },
  ];
}
