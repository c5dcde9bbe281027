import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnswers, type AnswersInput, type Framework } from '../../../src/core/answers.js';
import type { OptionId } from '../../../src/core/options.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { RawCatalogue } from '../../../src/scaffold/catalogue.js';
import type { ScaffoldContext } from '../../../src/scaffold/context.js';
import { optionPlan } from '../../../src/scaffold/plan.js';
import { prepareScaffold } from '../../../src/scaffold/service.js';
import { writeScaffold } from '../../../src/scaffold/write.js';
import { advise } from '../../../src/advice.js';
import { precompiledCatalogue } from '../../support/scaffold-catalogue.js';
import { snapshotPrices } from '../../support/snapshot-prices.js';
import { FEASIBLE } from '../support.js';

/**
 * Generates one option's repository into a fresh temp folder through the same path as the
 * `scaffold` command (answers -> recommendation -> context -> plan -> atomic write).
 */

/** The templates, precompiled once per test process (as the bundled CLI has them). */
export function templates(): RawCatalogue {
  return precompiledCatalogue();
}

/** The frameworks an option's manifest accepts (all of them when it names none). */
export function frameworksFor(option: OptionId): Framework[] {
  const all: Framework[] = ['sklearn', 'xgboost', 'pytorch', 'tensorflow', 'onnx', 'huggingface', 'other'];
  const plan = optionPlan(templates().common, templates().options[option], option);
  return (plan.frameworks as Framework[] | undefined) ?? all;
}

export const BASE_ANSWERS: AnswersInput = {
  framework: 'sklearn',
  requestsPerSecond: 20,
  latencyP95Ms: 200,
  monthlyBudgetUsd: 500,
  projectName: 'Fraud Scorer',
};

/**
 * The answers a matrix case for this option and framework uses. Each is checked against advise()
 * (assertFeasible): if the engine ever marks the option infeasible for them, the case fails naming
 * the blockers, so the matrix never quietly tests a target the scaffold would refuse.
 */
export function feasibleAnswers(option: OptionId, framework: Framework): AnswersInput {
  return { ...BASE_ANSWERS, ...FEASIBLE[option], framework };
}

/** The advisor's own verdict on the option for these answers: feasible, or the blockers. */
export function feasibility(
  option: OptionId,
  answers: AnswersInput,
): { feasible: boolean; blockers: string[] } {
  const recommendation = advise(parseAnswers(answers), loadKnowledge(), snapshotPrices('us-east-1'));
  const row = recommendation.ranking.find((r) => r.option === option);
  return {
    feasible: row?.feasible ?? false,
    blockers: row ? row.blockers.map((b) => b.text) : ['not ranked'],
  };
}

export interface Generated {
  dir: string;
  context: ScaffoldContext;
  files: string[];
}

export async function generate(option: OptionId, answers: Partial<AnswersInput> = {}): Promise<Generated> {
  const parsed = parseAnswers({ ...BASE_ANSWERS, ...FEASIBLE[option], ...answers });
  const prepared = await prepareScaffold({
    parsed,
    option,
    knowledge: loadKnowledge(),
    prices: snapshotPrices('us-east-1'),
    catalogue: templates(),
  });
  const dir = join(mkdtempSync(join(tmpdir(), `scaffold-${option}-`)), 'repo');
  await writeScaffold(dir, prepared.files);
  return { dir, context: prepared.context, files: prepared.files.map((f) => f.path) };
}
