import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORKS,
  GPU_NEEDS,
  HOSTING,
  KUBERNETES,
  OPS_MATURITY,
  TRAFFIC_PATTERNS,
} from '../../src/core/answers.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { renderReportMarkdown } from '../../src/report/index.js';
import {
  DECISION_WORDS,
  lintMarkdown,
  repeatedSentences,
  reportInput,
  sections,
  wordCount,
} from './support.js';

const answers = fc.record(
  {
    framework: fc.constantFrom(...FRAMEWORKS),
    modelSizeMb: fc.constantFrom(5, 50, 400, 3000, 12000),
    gpu: fc.constantFrom(...GPU_NEEDS),
    trafficPattern: fc.constantFrom(...TRAFFIC_PATTERNS),
    requestsPerSecond: fc.constantFrom(0, 0.01, 2, 40, 900),
    payloadKb: fc.constantFrom(1, 10, 5000, 200000),
    latencyP95Ms: fc.constantFrom(null, 30, 250, 5000),
    monthlyBudgetUsd: fc.constantFrom(0, 50, 800, 20000),
    hosting: fc.constantFrom(...HOSTING),
    kubernetes: fc.constantFrom(...KUBERNETES),
    teamOpsMaturity: fc.constantFrom(...OPS_MATURITY),
    projectName: fc.constantFrom('churn', 'a|b *c* _d_ <e> [f](g) `h`', '# not a heading'),
  },
  { requiredKeys: ['framework', 'requestsPerSecond', 'latencyP95Ms', 'monthlyBudgetUsd'] },
);

describe('the report for any answers', () => {
  it('lints clean, keeps its sections, covers all ten options, repeats no sentence and keeps the decision to a page', async () => {
    const samples = fc.sample(answers, { numRuns: 10, seed: 61 });
    for (const raw of samples) {
      const text = renderReportMarkdown(reportInput(raw));
      const where = JSON.stringify(raw);
      expect(await lintMarkdown(text), where).toEqual([]);
      expect([...sections(text).keys()].slice(0, 3), where).toEqual(['Decision', 'Contents', 'Comparison']);
      expect(sections(text).has('Appendix D: sources'), where).toBe(true);
      for (const id of OPTION_IDS) {
        expect(sections(text).get('Appendix A: the options'), where).toContain(`(\`${id}\`)`);
      }
      expect(repeatedSentences(text), where).toEqual([]);
      expect(wordCount(sections(text).get('Decision')!), where).toBeLessThan(DECISION_WORDS);
      expect(text, where).not.toMatch(/undefined|NaN|\[object |\{[a-zA-Z]+\}/);
      expect(text.split('\n')[0], where).toMatch(/^# Deployment recommendation: /);
    }
  }, 240_000);

  it('without any prices (the scaffold offline) it still renders, saying costs are not modelled', async () => {
    const input = reportInput({
      framework: 'sklearn',
      requestsPerSecond: 20,
      latencyP95Ms: 250,
      monthlyBudgetUsd: 800,
    });
    const { recommend } = await import('../../src/core/engine.js');
    const { parseAnswers } = await import('../../src/core/answers.js');
    const recommendation = recommend(
      parseAnswers({ framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 }),
      input.knowledge,
      { source: 'snapshot', asOf: 'unknown', region: 'us-east-1' },
      () => {
        throw new Error('no prices were available');
      },
    );
    const text = renderReportMarkdown({ recommendation, knowledge: input.knowledge, prices: null });
    expect(await lintMarkdown(text)).toEqual([]);
    expect(sections(text).get('Decision')).toContain('its cost could not be modelled');
    expect(sections(text).get('Comparison')).toContain('not priced');
    expect(text).not.toContain('$0.00 a month');
    expect(sections(text).get('Costs')).toContain('No cost curves');
  });
});

describe('a report for a scaffold target', () => {
  it('names the target when it is not the recommendation, and plans its rollout', () => {
    const input = reportInput({
      framework: 'sklearn',
      requestsPerSecond: 20,
      latencyP95Ms: 250,
      monthlyBudgetUsd: 800,
    });
    const top = input.recommendation.ranking[0]!.option;
    const target = input.recommendation.ranking.find((r) => r.feasible && r.option !== top)!.option;
    const plain = renderReportMarkdown(input);
    const targeted = renderReportMarkdown({ ...input, target });
    expect(sections(plain).get('Decision')).not.toContain('This repository targets');
    const targetName = input.knowledge.options.find((o) => o.id === target)!.name;
    expect(sections(targeted).get('Decision')).toContain(`**This repository targets ${targetName}**, ranked`);
    expect(sections(targeted).get('Rollout plan')).not.toBe(sections(plain).get('Rollout plan'));
    expect(renderReportMarkdown({ ...input, target: top })).toBe(plain);
  });
});
