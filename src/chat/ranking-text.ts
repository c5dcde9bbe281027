import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Line } from './explain.js';
import { formatTable, truncateCells, usd, wrapText } from './text-table.js';

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

/**
 * The ranking in one line, shown under the conversation after each answer: the top three with
 * their monthly cost. The full table is /ranking (and the end of the interview).
 */
export function rankingSummary(rec: Recommendation, width = 80): string {
  const top = rec.ranking
    .filter((r) => r.feasible)
    .slice(0, 3)
    .map((r) => `${r.rank} ${r.option} ${r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd)}`);
  const text = top.length
    ? `Ranking: ${top.join(' · ')} · /ranking for all`
    : 'Ranking: no option can serve this workload · /ranking says why';
  return truncateCells(text, Math.max(20, width - 1));
}

/**
 * The ranking as plain lines: for the piped mode and for /ranking in the transcript. Below 80
 * columns the reason moves to its own line under each option, so it is never a sliver.
 */
export function rankingLines(rec: Recommendation, width = 80): Line[] {
  const narrow = width < 80;
  const rows = rec.ranking.map((r) => [
    `${r.rank}`,
    r.option,
    r.feasible ? String(r.score) : '-',
    r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd),
    ...(narrow ? [] : [headline(r)]),
  ]);
  const table = formatTable(
    [
      { header: '#', align: 'right' },
      { header: 'option' },
      { header: 'score', align: 'right' },
      { header: 'monthly', align: 'right' },
      ...(narrow ? [] : [{ header: 'why', flex: true, min: 6 }]),
    ],
    rows,
    Math.max(20, width - 2),
  );
  const body: Line[] = table.slice(1).flatMap((text, i) => {
    const r = rec.ranking[i]!;
    const tone = r.feasible ? {} : { tone: 'dim' as const };
    if (!narrow) return [{ text, ...tone }];
    return [
      { text, ...tone },
      ...wrapText(headline(r), Math.max(20, width - 8)).map((t) => ({
        text: `     ${t}`,
        tone: 'dim' as const,
      })),
    ];
  });
  return [
    { text: table[0]!, tone: 'dim' },
    ...body,
    { text: truncateCells(pricingLine(rec), Math.max(20, width - 2)), tone: 'dim' },
  ];
}
