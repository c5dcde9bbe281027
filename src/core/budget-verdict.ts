import { formatNumber, formatUsd } from './format.js';
import type { RankedOption, Recommendation } from './engine.js';
import type { OptionId } from './options.js';

/**
 * Whether anything feasible fits the monthly budget: the ranking's top-level budget signal
 * (`recommend --json` budget, the table's footer, the report's verdict). Compared on the bill
 * (people's time apart), as each option's budget factor is. Pure.
 */
export interface BudgetVerdict {
  monthlyBudgetUsd: number;
  /** Some feasible option's bill is within the budget. */
  anyFeasibleWithinBudget: boolean;
  /** The first-ranked option's bill is within the budget; null when nothing is feasible and priced. */
  topWithinBudget: boolean | null;
  /** The feasible option with the lowest bill, and that bill. */
  cheapestFeasible: { option: OptionId; billUsd: number; monthlyCostUsd: number } | null;
  /** The best-ranked feasible option within the budget, when there is one and it is not the top. */
  bestWithinBudget: { option: OptionId; rank: number; billUsd: number } | null;
  text: string;
}

const billOf = (r: RankedOption): number | null =>
  r.monthlyCostUsd === null ? null : (r.cost?.billUsd ?? r.monthlyCostUsd);

const usd = (v: number) => `$${v >= 100 ? formatNumber(v, 0) : formatUsd(v)}`;

export function budgetVerdictOf(rec: Recommendation): BudgetVerdict {
  const budget = rec.workload.answers.monthlyBudgetUsd;
  const priced = rec.ranking.filter((r) => r.feasible && billOf(r) !== null);
  const within = priced.filter((r) => billOf(r)! <= budget);
  const top = priced[0] ?? null;
  let cheapest: RankedOption | null = null;
  for (const r of priced) if (!cheapest || billOf(r)! < billOf(cheapest)!) cheapest = r;
  const topWithin = top ? billOf(top)! <= budget : null;
  const best = within[0] ?? null;
  // Two decimals below 10x, so a bill 2% over never reads as "1x the budget".
  const times = (bill: number) =>
    budget > 0 ? `${(bill / budget).toFixed(bill / budget < 10 ? 2 : 0)}x` : 'over';
  const anyFeasible = rec.ranking.some((r) => r.feasible);
  const text = !cheapest
    ? anyFeasible
      ? 'No feasible option could be priced, so none is known to fit the budget.'
      : 'No option is feasible, so none fits the budget.'
    : within.length === 0
      ? `Nothing feasible fits the ${usd(budget)} monthly budget: the cheapest feasible option, ${cheapest.option}, bills ${usd(billOf(cheapest)!)} a month (${times(billOf(cheapest)!)} the budget), people's time apart. Raise the budget or relax the workload (target, traffic, model size).`
      : topWithin
        ? `The first-ranked option, ${top!.option}, fits the ${usd(budget)} monthly budget (${usd(billOf(top!)!)} a month, people's time apart).`
        : `The first-ranked option, ${top!.option}, bills ${usd(billOf(top!)!)} a month, over the ${usd(budget)} budget; ${best!.option} (rank ${best!.rank}) fits it at ${usd(billOf(best!)!)}.`;
  return {
    monthlyBudgetUsd: budget,
    anyFeasibleWithinBudget: within.length > 0,
    topWithinBudget: topWithin,
    cheapestFeasible: cheapest
      ? {
          option: cheapest.option,
          billUsd: round(billOf(cheapest)!),
          monthlyCostUsd: round(cheapest.monthlyCostUsd!),
        }
      : null,
    bestWithinBudget:
      best && best !== top ? { option: best.option, rank: best.rank, billUsd: round(billOf(best)!) } : null,
    text,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
