import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');
const input = { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 };

describe('the per-workload ranking cache', () => {
  it('gives the same ranking again without pricing again, and shares it read-only', () => {
    const first = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    const again = advise(parseAnswers({ ...input }), knowledge, prices, { robustness: false });
    expect(again.ranking).toEqual(first.ranking);
    expect(again.ranking[0]!.reasons).toBe(first.ranking[0]!.reasons);
    expect(() => (first.ranking[0]!.reasons as unknown[]).push({})).toThrow();
  });

  it('tells different answers apart', () => {
    const low = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    const high = advise(parseAnswers({ ...input, requestsPerSecond: 2000 }), knowledge, prices, {
      robustness: false,
    });
    expect(high.ranking.map((r) => r.monthlyCostUsd)).not.toEqual(low.ranking.map((r) => r.monthlyCostUsd));
  });

  it('shares the ranking between answers that differ only outside the facts (the project name)', () => {
    const one = advise(parseAnswers({ ...input, projectName: 'alpha' }), knowledge, prices, {
      robustness: false,
    });
    const two = advise(parseAnswers({ ...input, projectName: 'beta' }), knowledge, prices, {
      robustness: false,
    });
    expect(two.ranking[0]!.reasons).toBe(one.ranking[0]!.reasons);
  });

  it('tells apart answers that differ in any fact', () => {
    const base = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    for (const changed of [{ region: 'eu-west-1' }, { teamOpsMaturity: 'high' }, { payloadKb: 500 }]) {
      const other = advise(parseAnswers({ ...input, ...changed }), knowledge, prices, { robustness: false });
      expect(other.ranking[0]!.reasons, JSON.stringify(changed)).not.toBe(base.ranking[0]!.reasons);
    }
  });
});

describe('a recommendation without robustness', () => {
  it('has the empty searches as plain fields, and reads as one with them searched lazily', () => {
    const plain = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    expect(Object.keys(plain)).toEqual([
      'pricing',
      'ranking',
      'workload',
      'defaulted',
      'robustness',
      'costCliffs',
    ]);
    expect(plain.robustness).toEqual([]);
    expect(plain.costCliffs).toEqual([]);
    expect(plain.robustness).toBe(plain.robustness);
    const lazy = advise(parseAnswers(input), knowledge, prices);
    expect(Object.keys(lazy)).toEqual(Object.keys(plain));
    expect(lazy.robustness.length).toBeGreaterThan(0);
  });
});

describe('the ranking cache after other answers', () => {
  it('still shares the ranking of answers asked for a few evaluations before', () => {
    const first = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    for (const requestsPerSecond of [21, 22, 23]) {
      advise(parseAnswers({ ...input, requestsPerSecond }), knowledge, prices, { robustness: false });
    }
    const again = advise(parseAnswers(input), knowledge, prices, { robustness: false });
    expect(again.ranking[0]!.reasons).toBe(first.ranking[0]!.reasons);
  });
});
