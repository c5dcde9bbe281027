import { formatNumber, formatUsd } from './format.js';
import type { Facts } from './facts.js';

/**
 * The budget factor: points from the bill's share of the monthly budget, continuous in it (no
 * step at half the budget or at the budget itself), so that a few dollars either side of the
 * line never swing the ranking (sizing.yaml costScoring.budget). Pure.
 */
export interface BudgetScoring {
  withinPoints: number;
  overPointsPerDoubling: number;
  maxPenalty: number;
}

/** The factor's points for a bill at `costToBudget` of the budget; null when not priced. */
export function budgetEffect(costToBudget: unknown, b: BudgetScoring): number | null {
  if (typeof costToBudget !== 'number' || Number.isNaN(costToBudget)) return null;
  const r = costToBudget;
  const points =
    r <= 1
      ? b.withinPoints * Math.min(1, 2 * (1 - r))
      : -Math.min(b.maxPenalty, b.overPointsPerDoubling * Math.log2(r));
  return Math.round(points * 10) / 10 || 0;
}

/** The factor's sentence, on the bill's basis (facts.billBasis) and with people's time beside it. */
export function budgetText(facts: Facts): string {
  const r = Number(facts.costToBudget);
  const budget = `$${formatNumber(Number(facts.monthlyBudgetUsd), 0)}`;
  const share =
    r === Infinity
      ? 'with no budget to spend'
      : r <= 1
        ? `${Math.round(r * 100)}% of it`
        : `${formatNumber(r, 1)}x it`;
  const verdict =
    r <= 0.5
      ? `well within the ${budget} budget at ${share}`
      : r <= 1
        ? `within the ${budget} budget at ${share}`
        : r === Infinity
          ? `over a ${budget} budget`
          : `over the ${budget} budget on its own at ${share}`;
  const people = Number(facts.peopleCostUsd);
  const total = Number(facts.totalCostUsd);
  return `${String(facts.billBasis ?? '')}, ${verdict}; people's time adds ${money(people)} (total ${money(total)}).`;
}

function money(usd: number): string {
  return `$${Number.isInteger(usd) ? formatNumber(usd, 0) : formatUsd(usd)}`;
}
