import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { recommend } from '../../src/core/engine.js';
import type { ParsedAnswers } from '../../src/core/answers.js';
import type { OptionId } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { renderReportMarkdown } from '../../src/report/index.js';
import { prepareScaffold } from '../../src/scaffold/service.js';
import { precompiledCatalogue } from '../support/scaffold-catalogue.js';
import { answers, FEASIBLE, HOSTILE_NAMES } from './support.js';

/**
 * docs/RECOMMENDATION.md is remembered per answers but the project name (src/scaffold/report.ts):
 * a render from the cache must give what rendering the report afresh gives, for any name, and
 * never the report of other answers.
 */
const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');

async function scaffolded(option: OptionId, parsed: ParsedAnswers, withPrices = true): Promise<string> {
  const prepared = await prepareScaffold({
    parsed,
    option,
    knowledge,
    prices: withPrices ? prices : null,
    catalogue: precompiledCatalogue(),
    generatedOn: '2026-12-02',
  });
  const file = prepared.files.find((f) => f.path === 'docs/RECOMMENDATION.md')!;
  return new TextDecoder().decode(file.content);
}

/** The report rendered afresh, not through the scaffold's cache. */
function cold(option: OptionId, parsed: ParsedAnswers, withPrices = true): string {
  const recommendation = withPrices
    ? advise(parsed, knowledge, prices)
    : recommend(
        parsed,
        knowledge,
        { source: 'snapshot', asOf: 'unknown', region: parsed.answers.region },
        () => {
          throw new Error('no prices were available');
        },
      );
  return renderReportMarkdown({
    recommendation,
    knowledge,
    prices: withPrices ? prices : null,
    target: option,
    generatedOn: '2026-12-02',
  });
}

describe('the scaffold report cache', () => {
  it('renders under another project name exactly what a fresh render gives', async () => {
    const option: OptionId = 'ecs-fargate';
    const first = await scaffolded(option, answers({ projectName: 'first-name' }));
    expect(first).toBe(cold(option, answers({ projectName: 'first-name' })));
    // Names md() escapes, collapses or trims (underscores at the ends, pipes, backticks, newlines).
    const names = ['_x_', ' padded  name ', ...HOSTILE_NAMES.filter((n) => /[`|#\n\\]/.test(n))];
    for (const projectName of names) {
      const parsed = answers({ projectName });
      const warm = await scaffolded(option, parsed);
      expect(warm, JSON.stringify(projectName)).toBe(cold(option, parsed));
      expect(warm).not.toContain('first-name');
      expect(warm).not.toContain('MldaProjectNameStandIn');
    }
  });

  it('keeps a defaulted project name apart from the same name given', async () => {
    const given = answers({ projectName: 'ml-model' });
    const defaulted = answers({ projectName: undefined });
    expect(defaulted.defaulted.some((d) => d.field === 'projectName')).toBe(true);
    const a = await scaffolded('lambda', given);
    const b = await scaffolded('lambda', defaulted);
    expect(a).toBe(cold('lambda', given));
    expect(b).toBe(cold('lambda', defaulted));
    expect(a).not.toBe(b);
  });

  it('never serves the report of other answers, another option, date or price book', async () => {
    const base = answers({ projectName: 'same' });
    const reports = new Map<string, string>();
    const cases: [string, OptionId, ParsedAnswers, boolean][] = [
      ['base', 'ecs-fargate', base, true],
      ['more traffic', 'ecs-fargate', answers({ projectName: 'same', requestsPerSecond: 40 }), true],
      ['other budget', 'ecs-fargate', answers({ projectName: 'same', monthlyBudgetUsd: 90 }), true],
      ['other region', 'ecs-fargate', answers({ projectName: 'same', region: 'eu-west-1' }), true],
      ['other option', 'eks', base, true],
      ['no prices', 'ecs-fargate', base, false],
      ['batch', 'sagemaker-batch', answers({ projectName: 'same', ...FEASIBLE['sagemaker-batch'] }), true],
    ];
    for (const [label, option, parsed, withPrices] of cases) {
      const warm = await scaffolded(option, parsed, withPrices);
      expect(warm, label).toBe(cold(option, parsed, withPrices));
      for (const [other, text] of reports) expect(warm, `${label} vs ${other}`).not.toBe(text);
      reports.set(label, warm);
    }
    // And back: the first answers again give their own report, not the last one's.
    expect(await scaffolded('ecs-fargate', base)).toBe(reports.get('base'));
  });
});
