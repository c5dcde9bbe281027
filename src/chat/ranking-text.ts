import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Line } from './explain.js';
import stringWidth from 'string-width';
import { formatTable, padCells, truncateCells, usd, wrapText } from './text-table.js';

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

/** What the monthly figures hold: the modelled AWS bill plus the people's time to run it. */
export const COST_LABEL = "$/month incl. people's time";

export function pricingLine(rec: Recommendation): string {
  const p = rec.pricing;
  return `Prices: ${p.source} of ${p.asOf}, ${p.region}. Monthly costs are modelled, not quoted.`;
}

/**
 * The ranking in one line, shown under the conversation after each answer: the top three with
 * their monthly cost. The full table is /ranking (and the end of the interview).
 */
export function rankingSummary(rec: Recommendation, width = 80): string {
  const max = Math.max(20, width - 1);
  const top = rec.ranking
    .filter((r) => r.feasible)
    .slice(0, 3)
    .map((r) => `${r.rank} ${r.option} ${r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd)}`);
  if (!top.length)
    return truncateCells('Ranking: no option can serve this workload · /ranking says why', max);
  // Whole entries are dropped from the end, never cut inside one ("3 hybrid $5,06…" misleads);
  // the cost label gives way before an entry does.
  const fits = (text: string) => stringWidth(text) <= max;
  for (let n = top.length; n >= 1; n--) {
    for (const label of [` (${COST_LABEL})`, '']) {
      const line = `Ranking: ${top.slice(0, n).join(' · ')}${label} · /ranking for all`;
      if (fits(line)) return line;
    }
  }
  return truncateCells(`Ranking: ${top[0]}`, max);
}

/**
 * The ranking as plain lines: for the piped mode and for /ranking in the transcript. The reason
 * wraps in its own column (never cut: logs keep it whole); when that column would be too narrow
 * it moves to its own lines under each option. Blocked options have no rank.
 */
export function rankingLines(rec: Recommendation, width = 80): Line[] {
  const max = Math.max(20, width - 2);
  const rows = rec.ranking.map((r) => [
    r.feasible ? `${r.rank}` : '-',
    r.option,
    r.feasible ? String(r.score) : '-',
    r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd),
  ]);
  const table = formatTable(
    [
      { header: '#', align: 'right' },
      // At 40 columns the longest id gives way by a cell or two rather than wrap every row.
      { header: 'option', flex: true, min: 12 },
      { header: 'score', align: 'right' },
      { header: 'monthly', align: 'right' },
    ],
    rows,
    max,
  );
  const offset = Math.max(...table.map((t) => stringWidth(t))) + 2;
  const whyWidth = max - offset;
  const inColumn = width >= 80 && whyWidth >= 24;
  const body: Line[] = table.slice(1).flatMap((text, i) => {
    const r = rec.ranking[i]!;
    const tone = r.feasible ? {} : { tone: 'dim' as const };
    if (!inColumn) {
      return [
        { text, ...tone },
        ...wrapText(headline(r), Math.max(20, width - 8)).map((t) => ({
          text: `     ${t}`,
          tone: 'dim' as const,
        })),
      ];
    }
    const [first = '', ...rest] = wrapText(headline(r), whyWidth);
    return [
      { text: `${padCells(text, offset)}${first}`, ...tone },
      ...rest.map((t) => ({ text: `${' '.repeat(offset)}${t}`, ...tone })),
    ];
  });
  const header = inColumn ? `${padCells(table[0]!, offset)}why` : table[0]!;
  return [
    { text: header, tone: 'dim' },
    ...body,
    ...[`monthly: ${COST_LABEL}`, pricingLine(rec)]
      .flatMap((t) => wrapText(t, max))
      .map((text) => ({ text, tone: 'dim' as const })),
  ];
}
