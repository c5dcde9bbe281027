import { budgetVerdictOf } from '../core/budget-verdict.js';
import type { Recommendation } from '../core/engine.js';
import type { NotebookSummary } from '../report/model.js';

const cents = (usd: number | null): number | null => (usd === null ? null : Math.round(usd * 100) / 100);

/**
 * The `recommend --json` document: the contract's fields (pricing, ranking with option, rank,
 * feasible, score, monthlyCostUsd, blockers, reasons) plus what explains them (inputs, sizing,
 * line items). Every cost is modelled from list prices, and says so.
 */
export function recommendationJson(
  rec: Recommendation,
  fromNotebook: readonly string[] = [],
  notebook?: NotebookSummary,
) {
  return {
    pricing: rec.pricing,
    ranking: rec.ranking.map((r) => ({
      option: r.option,
      name: r.name,
      rank: r.rank,
      feasible: r.feasible,
      score: r.score,
      monthlyCostUsd: cents(r.monthlyCostUsd),
      per1kInferencesUsd: r.per1kInferencesUsd === null ? null : Math.round(r.per1kInferencesUsd * 1e4) / 1e4,
      blockers: r.blockers,
      reasons: r.reasons,
      sizing: r.sizing,
      lineItems: r.lineItems,
      costReason: r.costReason,
      commitments: r.commitments,
      ...(r.cost
        ? {
            cost: {
              modelled: true,
              monthlyUsd: cents(r.cost.monthlyUsd),
              // Which part of the month is the AWS bill and which the team's own servers (README).
              billUsd: cents(r.cost.billUsd ?? r.cost.monthlyUsd),
              awsUsd: cents(r.cost.awsUsd ?? r.cost.billUsd ?? r.cost.monthlyUsd),
              ownHardwareUsd: cents(r.cost.ownHardwareUsd ?? 0),
              ...(r.cost.hardwareUpfrontUsd !== undefined
                ? { hardwareUpfrontUsd: cents(r.cost.hardwareUpfrontUsd) }
                : {}),
              lineItems: r.cost.lineItems,
              sizing: r.cost.sizing,
              assumptions: r.cost.assumptions,
            },
          }
        : { costError: r.costError ?? 'not priced' }),
    })),
    robustness: rec.robustness,
    // Where the pick's own bill jumps by more than a quarter as the latency target moves: an empty
    // list when it does not within the searched range (or there is no target), as robustness is,
    // so that a reader of the JSON finds the field every time.
    costCliffs: rec.costCliffs ?? [],
    // Whether anything feasible fits the budget (bills, people's time apart): the top-level signal.
    budget: budgetVerdictOf(rec),
    inputs: {
      answers: rec.workload.answers,
      defaulted: rec.defaulted,
      // With --from-notebook: the answers it gave and the pip packages it needs.
      ...(notebook
        ? {
            fromNotebook: {
              file: notebook.file,
              fields: fromNotebook,
              dependencies: notebook.dependencies ?? [],
            },
          }
        : {}),
      estimated: rec.workload.estimates,
    },
  };
}
