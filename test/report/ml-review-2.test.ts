import { describe, expect, it } from 'vitest';
import { budgetVerdictOf } from '../../src/core/budget-verdict.js';
import type { Recommendation } from '../../src/core/engine.js';

const rec = (ranking: unknown[], budget = 1000) =>
  ({ workload: { answers: { monthlyBudgetUsd: budget } }, ranking }) as unknown as Recommendation;

describe('D5: budget verdict wording', () => {
  it('shows a ratio that does not round a 2% overrun to 1x', () => {
    const v = budgetVerdictOf(
      rec([{ option: 'eks', rank: 1, feasible: true, monthlyCostUsd: 1020, cost: { billUsd: 1020 } }]),
    );
    expect(v.text).toContain('(1.02x the budget)');
  });
  it('says no option is feasible when none is', () => {
    const v = budgetVerdictOf(rec([{ option: 'eks', rank: 1, feasible: false, monthlyCostUsd: null }]));
    expect(v.text).toContain('No option is feasible');
    expect(v.text).not.toContain('could be priced');
  });
});
