import { describe, expect, it } from 'vitest';
import type { AnswersInput } from '../../src/core/answers.js';
import { entry, run } from './support.js';

// Found by the "more traffic never costs less" property: the server search weighed hardware and
// electricity only, so at 4,345 requests/s it bought three single-L4 servers ($4,234 a month with
// the care each takes) while two 4 x L4 servers ($4,139) would also have served, and the bill
// fell when traffic rose by half.
describe('on-prem server choice counts the care each server takes', () => {
  const answers: AnswersInput = {
    framework: 'pytorch',
    gpu: 'required',
    requestsPerSecond: 4344.83,
    inferenceMs: 2.314375,
    latencyP95Ms: null,
    monthlyBudgetUsd: 0,
  };

  it("picks the fleet that is cheapest with people's time, so more traffic never costs less", () => {
    const low = entry(run(answers), 'on-prem');
    const high = entry(run({ ...answers, requestsPerSecond: answers.requestsPerSecond * 1.5 }), 'on-prem');
    expect(low.monthlyCostUsd).not.toBeNull();
    expect(high.monthlyCostUsd!).toBeGreaterThanOrEqual(low.monthlyCostUsd!);
  });
});
