import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { WORKLOADS, type BenchWorkload } from '../../scripts/bench/advice.mjs';

const knowledge = loadKnowledge();
const book = loadSnapshotPriceBook('us-east-1');
// The benchmark's workloads, and two it does not time: on-prem only, and a model that lands on
// P-family instances, whose capacity caveat moves the score (both passes must carry it).
const BASES: readonly BenchWorkload[] = [
  ...WORKLOADS,
  { ...WORKLOADS[7]!, hosting: 'on-prem-only' },
  {
    framework: 'huggingface',
    modelSizeMb: 140000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 20000,
    monthlyBudgetUsd: 100000,
  },
];
// Each base with its rate, latency target and model size moved (deterministically).
const whatIfs = Array.from({ length: 160 }, (_, i) => {
  const b = BASES[i % BASES.length]!;
  const f = 2 ** (((i * 37) % 17) / 4 - 2);
  return parseAnswers({
    ...b,
    requestsPerSecond: Number((b.requestsPerSecond * f).toPrecision(4)),
    latencyP95Ms: b.latencyP95Ms === null ? null : Number((b.latencyP95Ms / Math.sqrt(f)).toPrecision(4)),
    modelSizeMb: Number(((b.modelSizeMb ?? 100) * 2 ** (((i * 13) % 7) / 3 - 1)).toPrecision(4)),
  });
});

/**
 * The ranking prices every option without its sentences (explain false) and writes them only for
 * an option that is read: both passes must give the same figures, or the table would show a bill
 * other than the one ranked.
 */
describe('the numbers pass and the explained cost', () => {
  it('give the same figures, line by line, for every option', () => {
    for (const parsed of whatIfs) {
      const w = deriveWorkload(parsed.answers, knowledge.sizing);
      for (const option of OPTION_IDS) {
        let numbers;
        let explained;
        try {
          numbers = estimateOptionCost(option, w, book, knowledge, false);
          explained = estimateOptionCost(option, w, book, knowledge, true);
        } catch {
          expect(() => estimateOptionCost(option, w, book, knowledge, true)).toThrow();
          continue;
        }
        const figures = (c: typeof numbers) => ({
          monthlyUsd: c.monthlyUsd,
          billUsd: c.billUsd,
          awsUsd: c.awsUsd,
          per1k: c.per1kInferencesUsd,
          lines: c.lineItems.map((l) => [l.quantity, l.unit, l.unitPriceUsd, l.usd]),
          blockers: c.blockers,
          // The notes' effects move the score; their sentences are the explained cost's alone.
          notes: c.notes?.map((n) => ({ rule: n.rule, topic: n.topic, effect: n.effect })),
        });
        expect(figures(numbers), option).toEqual(figures(explained));
        expect(explained.assumptions.length).toBeGreaterThan(0);
        for (const note of explained.notes ?? []) expect(note.text.length, note.rule).toBeGreaterThan(0);
      }
    }
  });

  const WRITTEN_LABELS: string[] = ['hybrid', 'on-prem', 'sagemaker-async', 'sagemaker-batch', 'ecs-fargate'];
  const WRITTEN_NOTES: string[] = [
    'thin-latency-headroom',
    'rare-cold-start-over-target',
    'cold-start-priced',
    'cold-start-over-target',
  ];
  it('writes no assumption or configuration, nor labels from the figures, in the numbers pass', () => {
    let hybridPriced = 0;
    for (const parsed of whatIfs) {
      const w = deriveWorkload(parsed.answers, knowledge.sizing);
      for (const option of OPTION_IDS) {
        let numbers;
        try {
          numbers = estimateOptionCost(option, w, book, knowledge, false);
        } catch {
          continue;
        }
        if (option === 'hybrid' && numbers.lineItems.length > 0) hybridPriced += 1;
        // Labels written from the figures (a constant label costs nothing and may stay).
        if (WRITTEN_LABELS.includes(option))
          expect(
            numbers.lineItems.filter((l) => l.item !== '').map((l) => l.item),
            option,
          ).toEqual([]);
        expect(numbers.assumptions, option).toEqual([]);
        expect(numbers.summary ?? null, option).toBeNull();
        // Sentences written from the figures (latency headroom, cold starts) wait for a reader.
        for (const note of numbers.notes ?? [])
          if (WRITTEN_NOTES.includes(note.rule)) expect(note.text, `${option} ${note.rule}`).toBe('');
      }
    }
    expect(hybridPriced).toBeGreaterThan(0);
  });

  it('a ranking read after other evaluations still explains its own workload', () => {
    const first = advise(whatIfs[0]!, knowledge, book, { robustness: false });
    // Other workloads reuse the machines' sizing scratch in between.
    for (const parsed of whatIfs.slice(1, 40)) advise(parsed, knowledge, book, { robustness: false });
    const late = JSON.parse(JSON.stringify(first.ranking)) as unknown[];
    const fresh = advise(parseAnswers({ ...whatIfs[0]!.answers }), knowledge, book, { robustness: false });
    expect(late).toEqual(JSON.parse(JSON.stringify(fresh.ranking)));
    for (const entry of first.ranking) {
      if (entry.cost) expect(entry.lineItems.every((l) => l.item.length > 0)).toBe(true);
      expect(entry.reasons.length).toBeGreaterThan(0);
      for (const reason of entry.reasons) expect(reason.text.length, reason.rule).toBeGreaterThan(0);
    }
  });
});
