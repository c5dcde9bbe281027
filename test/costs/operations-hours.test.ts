import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { operationsHours } from '../../src/costs/operations.js';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const knowledge = loadKnowledge();

/** Another rules base with every option's hours doubled (the same workload must not reuse them). */
function doubled(k: Knowledge): Knowledge {
  const options = Object.fromEntries(
    Object.entries(k.tco.options).map(([id, o]) => [
      id,
      {
        ...o,
        hours: {
          ...o.hours,
          operations: o.hours.operations * 2,
          onCall: o.hours.onCall * 2,
          upgrades: o.hours.upgrades * 2,
        },
      },
    ]),
  );
  return { ...k, tco: { ...k.tco, options } } as Knowledge;
}

describe('operationsHours', () => {
  const w = deriveWorkload(
    parseAnswers({ framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 })
      .answers,
    knowledge.sizing,
  );

  it('is worked out per rules base, not kept from another asked about for the same workload', () => {
    const other = doubled(knowledge);
    const first = operationsHours('eks', w, knowledge);
    const second = operationsHours('eks', w, other);
    expect(second).toBeCloseTo(first * 2, 1);
    expect(operationsHours('eks', w, knowledge)).toBe(first);
  });

  it('is per option and per workload', () => {
    const busy = deriveWorkload({ ...w.answers, teamOpsMaturity: 'low' }, knowledge.sizing);
    const calm = deriveWorkload({ ...w.answers, teamOpsMaturity: 'high' }, knowledge.sizing);
    const low = operationsHours('eks', busy, knowledge);
    const high = operationsHours('eks', calm, knowledge);
    expect(low).toBeGreaterThan(high);
    expect(operationsHours('eks', busy, knowledge)).toBe(low);
    expect(operationsHours('lambda', busy, knowledge)).not.toBe(low);
  });
});
