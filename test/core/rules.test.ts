import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/core/answers.js';
import { blockersFor, reasonsFor, scoreOf } from '../../src/core/engine.js';
import { optionFacts, workloadFacts, type Facts } from '../../src/core/facts.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { satisfy } from '../support/satisfy.js';

const knowledge = loadKnowledge();
const baseFacts: Facts = optionFacts(
  workloadFacts(
    deriveWorkload(
      parseAnswers({ framework: 'sklearn', requestsPerSecond: 5, latencyP95Ms: 300, monthlyBudgetUsd: 500 })
        .answers,
      knowledge.sizing,
    ),
  ),
  100,
);

describe('every soft rule', () => {
  for (const rule of knowledge.rules) {
    it(`${rule.id}: moves exactly the options it lists when it holds, and nothing when it does not`, () => {
      const on = satisfy(rule.when, baseFacts, true);
      const off = satisfy(rule.when, baseFacts, false);
      expect(on, 'could not find facts where the rule holds').not.toBeNull();
      expect(off, 'could not find facts where the rule does not hold').not.toBeNull();
      for (const option of OPTION_IDS) {
        const effect = rule.effects[option] ?? rule.effects['*'];
        const fired = reasonsFor(option, on!, [rule]);
        if (effect === undefined) expect(fired).toEqual([]);
        else {
          expect(fired).toEqual([expect.objectContaining({ rule: rule.id, effect, topic: rule.topic })]);
          expect(fired[0]!.text).not.toMatch(/\{\w+\}/);
        }
        expect(reasonsFor(option, off!, [rule])).toEqual([]);
      }
    });
  }
});

describe('every hard limit', () => {
  for (const limit of knowledge.limits) {
    it(`${limit.id}: blocks exactly its options and quotes the limit`, () => {
      const broken = satisfy(limit.violatedWhen, baseFacts, true)!;
      const fine = satisfy(limit.violatedWhen, baseFacts, false)!;
      for (const option of OPTION_IDS) {
        const blockers = blockersFor(option, broken, [limit]);
        if (limit.options.includes(option)) {
          expect(blockers).toHaveLength(1);
          expect(blockers[0]).toMatchObject({
            limit: limit.id,
            value: limit.limit.value,
            unit: limit.limit.unit,
          });
          expect(blockers[0]!.text).not.toMatch(/\{\w+\}/);
          expect(blockers[0]!.source).toBe(limit.source.url);
        } else {
          expect(blockers).toEqual([]);
        }
        expect(blockersFor(option, fine, [limit])).toEqual([]);
      }
    });
  }

  it('quotes the number that broke a numeric limit', () => {
    const facts = { ...baseFacts, memoryNeededMb: 14500 };
    const [blocker] = blockersFor('lambda', facts, knowledge.limits);
    expect(blocker!.text).toContain('14,500 MB');
    expect(blocker!.text).toContain('10,240 MB');
  });
});

describe('scores', () => {
  it('start at 50, add every effect and stay within 0-100', () => {
    expect(scoreOf([])).toBe(50);
    const reason = (effect: number) => ({ rule: 'r', topic: 'traffic' as const, text: 't', effect });
    expect(scoreOf([reason(12), reason(-5)])).toBe(57);
    expect(scoreOf([reason(80)])).toBe(100);
    expect(scoreOf([reason(-80)])).toBe(0);
  });
});
