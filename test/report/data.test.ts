import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionFacts, workloadFacts } from '../../src/core/facts.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { UserInputError } from '../../src/core/errors.js';
import { knowledgeDir } from '../../src/paths.js';
import { loadReportData, ROLLOUT_STEPS } from '../../src/report/data.js';
import { chooseVariant } from '../../src/report/organisation.js';
import { peopleCost } from '../../src/report/tco.js';
import { reportInput } from './support.js';

describe("the report's knowledge files", () => {
  const data = loadReportData();

  it('have a rollout plan with every step for every option, and TCO hours for every option', () => {
    for (const id of OPTION_IDS) {
      for (const step of ROLLOUT_STEPS) expect(data.rollout.options[id][step].length).toBeGreaterThan(40);
      expect(data.tco.options[id].hours.operations).toBeGreaterThan(0);
    }
  });

  it('every organisation variant is chosen by some answers (none is dead text)', () => {
    const answerSets = [];
    for (const teamOpsMaturity of ['low', 'medium', 'high'])
      for (const kubernetes of ['none', 'eks', 'self-managed'])
        for (const monthlyBudgetUsd of [100, 1000])
          for (const [requestsPerSecond, latencyP95Ms] of [
            [5, 300],
            [0.2, 300],
            [5, null],
          ] as const)
            answerSets.push({
              framework: 'sklearn',
              requestsPerSecond,
              latencyP95Ms,
              monthlyBudgetUsd,
              teamOpsMaturity,
              kubernetes,
            });
    // No notebook, a clean one, and each kind of finding the advice answers to.
    const notebooks = [
      null,
      [],
      ['local-path', 'train-and-predict'],
      ['local-path'],
      ['train-and-predict'],
      ['credential'],
      ['execution-order'],
    ];
    const used = new Set<string>();
    for (const raw of answerSets) {
      const { recommendation } = reportInput(raw);
      const facts = optionFacts(workloadFacts(recommendation.workload), null);
      for (const findingKinds of notebooks) {
        for (const topic of data.organisation.topics) {
          used.add(`${topic.id}#${chooseVariant(topic, facts, { findingKinds })}`);
        }
      }
    }
    const all = data.organisation.topics.flatMap((t) => t.variants.map((_, i) => `${t.id}#${i}`));
    expect([...used].sort()).toEqual(all.sort());
  });

  it('people time grows for a less experienced team and shrinks where the team already runs Kubernetes', () => {
    const facts = (raw: Record<string, unknown>) =>
      optionFacts(
        workloadFacts(
          reportInput({
            framework: 'sklearn',
            requestsPerSecond: 5,
            latencyP95Ms: 300,
            monthlyBudgetUsd: 500,
            ...raw,
          }).recommendation.workload,
        ),
        100,
      );
    const low = peopleCost('eks', facts({ teamOpsMaturity: 'low' }), data.tco);
    const medium = peopleCost('eks', facts({}), data.tco);
    const onEks = peopleCost('eks', facts({ kubernetes: 'eks' }), data.tco);
    expect(low.hours).toBeGreaterThan(medium.hours);
    expect(onEks.hours).toBeLessThan(medium.hours);
    expect(onEks.adjustments).toHaveLength(1);
    expect(medium.usd).toBeCloseTo(medium.hours * data.tco.engineerUsdPerHour.value, 2);
  });

  it('a broken file is an error that names the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-report-kb-'));
    cpSync(join(knowledgeDir(), 'tco.yaml'), join(dir, 'tco.yaml'));
    const text = readFileSync(join(dir, 'tco.yaml'), 'utf8').replace('low: 1.5', 'low: lots');
    writeFileSync(join(dir, 'tco.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('low: lots')) + 1;
    expect(() => loadReportData(dir, 'my-kb')).toThrow(UserInputError);
    expect(() => loadReportData(dir, 'my-kb')).toThrow(
      new RegExp(`my-kb/tco\\.yaml:${line}: maturityFactor\\.low`),
    );
  });
});
