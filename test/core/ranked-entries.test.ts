import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

// A ranked option works out its reasons and explained cost only when first read. Whatever reads
// it (a property, JSON, a spread, Object.entries, a descriptor, freezing) sees a plain object
// with every field, in the same order, and a reader may set a field of its own copy.
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');
const input = { framework: 'xgboost', requestsPerSecond: 35, latencyP95Ms: 180, monthlyBudgetUsd: 1200 };
const KEYS = [
  'option',
  'name',
  'feasible',
  'score',
  'monthlyCostUsd',
  'per1kInferencesUsd',
  'blockers',
  'reasons',
  'cost',
  'sizing',
  'lineItems',
  'costReason',
  'commitments',
];

const fresh = () => advise(parseAnswers(input), knowledge, prices, { robustness: false }).ranking[0]!;
/** The same entry as a plain object, every field read by name. */
const byName = () => {
  const entry = fresh();
  return Object.fromEntries(Object.keys(entry).map((key) => [key, entry[key as keyof typeof entry]]));
};

describe('a ranked option read any way', () => {
  it('lists every field in order, the lazy ones included, and no other', () => {
    const entry = fresh();
    expect(Object.keys(entry)).toEqual([...KEYS, 'rank']);
    expect(Object.getOwnPropertySymbols(entry)).toEqual([]);
  });

  it('gives the worked-out values to a spread, Object.entries, JSON and a descriptor', () => {
    const expected = byName();
    expect(Array.isArray(expected.reasons)).toBe(true);
    expect((expected.reasons as unknown[]).length).toBeGreaterThan(0);
    expect(typeof expected.costReason).toBe('string');
    expect({ ...fresh() }).toEqual(expected);
    expect(Object.fromEntries(Object.entries(fresh()))).toEqual(expected);
    expect(JSON.parse(JSON.stringify(fresh()))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(Object.getOwnPropertyDescriptor(fresh(), 'reasons')!.value).toEqual(expected.reasons);
    expect(Object.assign({}, fresh())).toEqual(expected);
  });

  it('is complete when frozen, and a frozen entry reads as it did', () => {
    const expected = byName();
    const frozen = Object.freeze(fresh());
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(frozen.reasons).toEqual(expected.reasons);
    expect(frozen.lineItems).toEqual(expected.lineItems);
  });

  it('takes a value set by its reader, before or after the field was read', () => {
    const before = fresh();
    before.reasons = [];
    expect(before.reasons).toEqual([]);
    const after = fresh();
    expect(after.costReason.length).toBeGreaterThan(0);
    after.costReason = 'mine';
    expect(after.costReason).toBe('mine');
    // Another reader's copy is not changed.
    expect(fresh().costReason).not.toBe('mine');
  });
});

describe('the blockers of a ranked option', () => {
  // A model too large for some options (memory limits) and a budget some bills break.
  const blocked = {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 1500,
    monthlyBudgetUsd: 300,
  };
  const other = { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 };

  it('read after other evaluations are those read at once', () => {
    // Another price book: its own pricing function, so no ranking is shared with the first.
    const againPrices = loadSnapshotPriceBook('us-east-1');
    const atOnce = JSON.stringify(
      advise(parseAnswers(blocked), knowledge, againPrices, { robustness: false }).ranking.map(
        (e) => e.blockers,
      ),
    );
    const later = advise(parseAnswers(blocked), knowledge, prices, { robustness: false }).ranking;
    JSON.stringify(advise(parseAnswers(other), knowledge, prices, { robustness: false }));
    expect(JSON.stringify(later.map((e) => e.blockers))).toBe(atOnce);
    expect(later.some((e) => e.blockers.length > 0)).toBe(true);
    for (const e of later) expect(e.feasible).toBe(e.blockers.length === 0);
  });
});
