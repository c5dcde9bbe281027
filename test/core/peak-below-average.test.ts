import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

/**
 * A peak below the average rate cannot be: the advice plans at the average, and says so where the
 * inputs are shown (it did so silently, so the answered 5 requests/s read as what was planned).
 */
describe('an answered peak below the average', () => {
  const sizing = loadKnowledge().sizing;
  const base = { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 };

  it('is planned at the average and listed with the reason', () => {
    const w = deriveWorkload(parseAnswers({ ...base, peakRequestsPerSecond: 5 }).answers, sizing);
    expect(w.peakRequestsPerSecond).toBe(20);
    expect(w.estimates).toContainEqual({
      field: 'peakRequestsPerSecond',
      value: 20,
      how: 'the answered peak (5) is below the average rate; planned at the average',
    });
  });

  it('at or above the average, is used as answered and listed nowhere', () => {
    for (const peak of [20, 60]) {
      const w = deriveWorkload(parseAnswers({ ...base, peakRequestsPerSecond: peak }).answers, sizing);
      expect(w.peakRequestsPerSecond).toBe(peak);
      expect(w.estimates.map((e) => e.field)).not.toContain('peakRequestsPerSecond');
    }
  });
});
