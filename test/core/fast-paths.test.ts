import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORKS,
  GPU_NEEDS,
  HOSTING,
  KUBERNETES,
  OPS_MATURITY,
  TRAFFIC_PATTERNS,
  parseAnswers,
  type AnswersInput,
} from '../../src/core/answers.js';
import { compileCondition, compileText, fillText, holds } from '../../src/core/condition.js';
import { costTable, evaluate, topOption } from '../../src/core/engine.js';
import { optionFacts, workloadFacts, type Facts } from '../../src/core/facts.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { costFunction } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { satisfy } from '../support/satisfy.js';

/**
 * The engine's fast paths (compiled conditions and sentences, the robustness search's top pick
 * from the numbers alone) must give exactly what the plain ones give.
 */
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');
const costFor = costFunction(prices, knowledge);

const answersArb: fc.Arbitrary<AnswersInput> = fc.record(
  {
    framework: fc.constantFrom(...FRAMEWORKS),
    modelSizeMb: fc.double({ min: 1, max: 60_000, noNaN: true }),
    gpu: fc.constantFrom(...GPU_NEEDS),
    trafficPattern: fc.constantFrom(...TRAFFIC_PATTERNS),
    requestsPerSecond: fc.double({ min: 0, max: 5_000, noNaN: true }),
    payloadKb: fc.double({ min: 0.1, max: 2_000_000, noNaN: true }),
    inferenceMs: fc.double({ min: 0.1, max: 50_000, noNaN: true }),
    latencyP95Ms: fc.option(fc.double({ min: 1, max: 100_000, noNaN: true }), { nil: null }),
    monthlyBudgetUsd: fc.double({ min: 0, max: 1_000_000, noNaN: true }),
    hosting: fc.constantFrom(...HOSTING),
    kubernetes: fc.constantFrom(...KUBERNETES),
    teamOpsMaturity: fc.constantFrom(...OPS_MATURITY),
  },
  { requiredKeys: ['framework', 'requestsPerSecond', 'latencyP95Ms', 'monthlyBudgetUsd'] },
);

const factsOf = (answers: AnswersInput, monthlyCostUsd: number | null): Facts =>
  optionFacts(workloadFacts(deriveWorkload(parseAnswers(answers).answers, knowledge.sizing)), monthlyCostUsd);

const conditions = [
  ...knowledge.rules.map((r) => ({ id: r.id, condition: r.when, text: r.because })),
  ...knowledge.limits.map((l) => ({ id: l.id, condition: l.violatedWhen, text: l.blocker })),
];

describe('compiled conditions and sentences', () => {
  it('hold exactly where holds() does, for every rule and limit', () => {
    const base = factsOf(
      { framework: 'sklearn', requestsPerSecond: 5, latencyP95Ms: 300, monthlyBudgetUsd: 500 },
      100,
    );
    for (const { id, condition } of conditions) {
      const test = compileCondition(condition);
      for (const want of [true, false]) {
        const facts = satisfy(condition, base, want);
        if (facts) expect(test(facts), `${id} (${want})`).toBe(want);
      }
    }
    fc.assert(
      fc.property(answersArb, fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })), (answers, usd) => {
        const facts = factsOf(answers, usd);
        for (const { id, condition } of conditions) {
          expect(compileCondition(condition)(facts), id).toBe(holds(condition, facts));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('fill every sentence as fillText() does, extra values winning', () => {
    fc.assert(
      fc.property(answersArb, fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })), (answers, usd) => {
        const facts = factsOf(answers, usd);
        const extra = { limit: 10_240, unit: 'MB', monthlyBudgetUsd: 12.5 };
        for (const { id, text } of conditions) {
          const compiled = compileText(text);
          expect(compiled.fill(facts), id).toBe(fillText(text, facts));
          expect(compiled.fill(facts, extra), id).toBe(fillText(text, { ...facts, ...extra }));
        }
      }),
      { numRuns: 60 },
    );
    const odd = '{a} and {b}{c}, {missing} {a}';
    expect(compileText(odd).fill({ a: 1234.5, b: 'x', c: null })).toBe(
      fillText(odd, { a: 1234.5, b: 'x', c: null }),
    );
    expect(compileText('no placeholders').fill({})).toBe('no placeholders');
  });
});

describe("the robustness search's top pick", () => {
  it('is the first option of the full ranking when it is feasible, else null', () => {
    fc.assert(
      fc.property(answersArb, (input) => {
        const answers = parseAnswers(input).answers;
        const first = evaluate(answers, knowledge, costFor)[0]!;
        expect(topOption(answers, knowledge, costFor)).toBe(first.feasible ? first.option : null);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the budget', () => {
  // The robustness search rescores the answered costs for its budget probes rather than price
  // again: it relies on this.
  it('changes no cost: it is compared with the bill, never part of it', () => {
    fc.assert(
      fc.property(answersArb, fc.double({ min: 0, max: 1_000_000, noNaN: true }), (input, budget) => {
        const answers = parseAnswers(input).answers;
        const other = { ...answers, monthlyBudgetUsd: budget };
        expect(costTable(deriveWorkload(other, knowledge.sizing), costFor)).toEqual(
          costTable(deriveWorkload(answers, knowledge.sizing), costFor),
        );
      }),
      { numRuns: 60 },
    );
  });
});
