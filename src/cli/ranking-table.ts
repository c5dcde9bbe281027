import { budgetVerdictOf } from '../core/budget-verdict.js';
import { unusedAnswer } from '../core/answers.js';
import type { RankedOption, Recommendation } from '../core/engine.js';
import { formatNumber, formatUsd, wrapText } from '../core/format.js';

/**
 * The plain-text ranking `recommend` prints: one row per option, feasible first, each with its
 * strongest reason or its blocker. ASCII only, so it aligns in any terminal and in a pipe.
 */
export function rankingTable(rec: Recommendation, columns = 100): string {
  const width = Math.max(60, Math.min(columns, 160));
  const header = ['#', 'option', 'score', '$/month', '$/1k inf.', 'why'];
  const p = rec.pricing;
  // Priced with another region's rates: the headline figure carries a mark, the note sits under it.
  const mark = (r: RankedOption) =>
    p.regionNote !== null && r === rec.ranking[0] && r.monthlyCostUsd !== null ? '*' : '';
  const rows = rec.ranking.map((r) => [
    String(r.rank),
    r.option,
    r.feasible ? String(r.score) : '-',
    money(r.monthlyCostUsd) + mark(r),
    r.per1kInferencesUsd === null ? '-' : r.per1kInferencesUsd.toFixed(4),
    r.feasible ? topReason(r) : `BLOCKED: ${r.blockers[0]?.text ?? ''}`,
  ]);
  const fixed = header.slice(0, 5).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const indent = fixed.reduce((a, b) => a + b + 2, 0);
  const whyWidth = Math.max(24, width - indent);
  // The reason is wrapped under its column rather than cut: a blocker must be read whole.
  const line = (cells: string[]) => {
    const left = cells
      .slice(0, 5)
      .map((cell, i) => (i >= 2 ? cell.padStart(fixed[i]!) : cell.padEnd(fixed[i]!)))
      .join('  ');
    const [first = '', ...more] = wrapText(cells[5]!, whyWidth);
    return [`${left}  ${first}`.trimEnd(), ...more.map((l) => `${' '.repeat(indent)}${l}`)].join('\n');
  };
  return [
    line(header),
    ...rows.map(line),
    '',
    p.regionNote === null ? null : `* ${p.regionNote}`,
    budgetLine(rec),
    `Costs are modelled from ${p.source} prices (${p.priceRegion}, as of ${p.asOf}), people's time included; scores 0-100 from the rules base.`,
    commitmentLine(rec),
    robustnessLine(rec),
    cliffLine(rec),
    defaultsLine(rec),
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/** The budget signal, when the pick or every feasible option is over the budget. */
function budgetLine(rec: Recommendation): string | null {
  const v = budgetVerdictOf(rec);
  return v.cheapestFeasible === null || v.topWithinBudget ? null : `Budget: ${v.text}`;
}

/** What speaks most for an option (or, when nothing does, what speaks most against it). */
function topReason(r: RankedOption): string {
  const byEffect = [...r.reasons].sort((a, b) => b.effect - a.effect);
  const strongest = byEffect[0] && byEffect[0].effect > 0 ? byEffect[0] : byEffect[byEffect.length - 1];
  return strongest ? `${strongest.effect > 0 ? '+' : ''}${strongest.effect} ${strongest.text}` : '';
}

function money(usd: number | null): string {
  if (usd === null) return 'n/a';
  return formatUsd(usd);
}

function defaultsLine(rec: Recommendation): string | null {
  const assumed = rec.defaulted
    .filter((d) => unusedAnswer(d.field, rec.workload.answers) === null)
    .map((d) => `${d.field}=${d.value}`);
  const estimated = rec.workload.estimates
    .filter((e) => e.field !== 'memoryNeededMb')
    .map((e) => `${e.field}~${e.value}`);
  const all = [...assumed, ...estimated];
  return all.length ? `Assumed: ${all.join(', ')}.` : null;
}

const INPUT_WORDS: Record<string, [string, string]> = {
  requestsPerSecond: ['traffic', ' requests/s'],
  latencyP95Ms: ['the p95 target', ' ms'],
  monthlyBudgetUsd: ['the budget', ' USD/month'],
  modelSizeMb: ['the model size', ' MB'],
};

/** The nearest p95 target each way past which the pick's own bill moves >25% (recommend --json costCliffs). */
function cliffLine(rec: Recommendation): string | null {
  const top = rec.ranking[0];
  const cliffs = rec.costCliffs ?? [];
  if (!top || cliffs.length === 0) return null;
  const k = (v: number) => `$${formatNumber(v / 1000, 1)}k`;
  // costCliffsOf keeps the nearest cliff each way: at most one below and one above.
  const parts = cliffs.map(
    (c) =>
      `p95 ${c.direction} ${formatNumber(c.threshold, 0)} ms: ${c.toUsd === null ? 'cannot be met' : `${k(c.fromUsd)} -> ${k(c.toUsd)}`}`,
  );
  return `${top.option}'s bill moves >25% at ${parts.join('; ')}.`;
}

/** Where the top pick would change, nearest input first. */
function robustnessLine(rec: Recommendation): string | null {
  const top = rec.ranking[0];
  const changes = rec.robustness.filter((r) => r.threshold !== null && r.newTop !== null);
  if (!top || !top.feasible || rec.robustness.length === 0) return null;
  if (changes.length === 0)
    return `${top.option} stays first from 1/100 to 100x each of traffic, target, budget and model size.`;
  const parts = changes.map((r) => {
    const [what, unit] = INPUT_WORDS[r.input]!;
    return `${what} ${r.direction} ${formatNumber(r.threshold!, 2)}${unit} (now ${formatNumber(r.current, 2)}) -> ${r.newTop}`;
  });
  return `${top.option} stays first unless ${parts.join('; ')}.`;
}

/** Savings Plans beside on-demand for the top option: which plan, and the 1- and 3-year figures. */
function commitmentLine(rec: Recommendation): string | null {
  const top = rec.ranking[0];
  if (!top || !top.feasible || top.monthlyCostUsd === null || top.commitments.length === 0) return null;
  const parts = top.commitments.map(
    (c) =>
      `a ${c.plan} (covers ${c.covers}) brings ${top.option} to $${formatUsd(c.oneYearMonthlyUsd)} (1 year) or $${formatUsd(c.threeYearMonthlyUsd)} (3 years) a month`,
  );
  return `Committed: ${parts.join('; ')}, against $${formatUsd(top.monthlyCostUsd)} on demand.`;
}
