import { advise } from '../advice.js';
import { UserInputError } from '../core/errors.js';
import type { ParsedAnswers } from '../core/answers.js';
import { recommend } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook, PricingInfo } from '../pricing/types.js';
import type { NotebookSummary } from '../report/model.js';
import { mergeRequirements } from '../notebook/requirements.js';
import { VERSION } from '../version.js';
import { loadCatalogue, type RawCatalogue } from './catalogue.js';
import { buildContext, type ScaffoldContext } from './context.js';
import { optionPlan, planScaffold, type PlannedFile } from './plan.js';
import { scaffoldReport } from './report.js';

/**
 * Answers in, planned files out: the workload, the option's cost, the ranking for
 * docs/RECOMMENDATION.md, the context, the plan. No writing here (see write.ts); the only I/O is
 * reading the template catalogue, which is passed in by tests.
 */
export interface PrepareInput {
  parsed: ParsedAnswers;
  option: OptionId;
  knowledge: Knowledge;
  /** Null when no prices could be had: the scaffold then says the cost is not modelled. */
  prices: PriceBook | null;
  catalogue?: RawCatalogue;
  /** The report's date line (the caller reads the clock; this module does not). */
  generatedOn?: string;
  /**
   * Scaffold an option the advisor marks infeasible for these answers (its blockers become
   * warnings). Without it, an infeasible option is a user error naming the blockers.
   */
  force?: boolean;
  /** A notebook the answers came from: its code seeds app/notebook_code.py, its findings the README. */
  notebook?: { code: string; summary: NotebookSummary; fromNotebook: string[] };
}

export interface Prepared {
  context: ScaffoldContext;
  files: PlannedFile[];
  /** Why the cost is missing, when it is. */
  costError?: string;
  /** Things the user must hear (on stderr), such as the blockers of a forced infeasible option. */
  warnings: string[];
  pricing: PricingInfo | null;
}

export async function prepareScaffold(input: PrepareInput): Promise<Prepared> {
  const catalogue = input.catalogue ?? (await loadCatalogue());
  const { parsed, option, knowledge, prices } = input;
  const info = knowledge.options.find((o) => o.id === option);
  const plan = optionPlan(catalogue.common, catalogue.options[option], option);
  // Without prices the ranking still stands; costs are then "not modelled", never $0.
  const adviceFor = (p: ParsedAnswers) =>
    prices
      ? advise(p, knowledge, prices)
      : recommend(p, knowledge, { source: 'snapshot', asOf: 'unknown', region: p.answers.region }, noPrices);
  const recommendation = adviceFor(parsed);
  const chosen = recommendation.ranking.find((row) => row.option === option);
  const context = buildContext({
    answers: parsed.answers,
    workload: recommendation.workload,
    option: { id: option, name: info?.name ?? option, serving: plan.serving },
    cost: chosen?.cost ?? null,
    generatorVersion: VERSION,
    targetUtilisation: knowledge.sizing.targetUtilisation,
    availabilityMin: knowledge.sizing.availability.minInstances,
    engineSizing: chosen?.sizing ?? null,
    instanceSpecs: knowledge.instances,
    ranking: recommendation.ranking.map((row) => ({
      rank: row.rank,
      option: row.option,
      name: row.name,
      feasible: row.feasible,
      score: row.score,
      monthlyCostUsd: row.monthlyCostUsd,
      blockers: row.blockers.map((b) => b.text),
      reasons: row.reasons.map((r) => `${r.text} (${r.effect > 0 ? '+' : ''}${r.effect})`),
    })),
  });
  const files = planScaffold(context, catalogue);
  const warnings: string[] = [];
  if (chosen && !chosen.feasible) {
    const blockers = chosen.blockers.map((b) => b.text.replace(/\.$/, '')).join('; ') || 'no reason recorded';
    if (!input.force) {
      throw new UserInputError(
        `--target ${option}: the advisor marks it infeasible for these answers: ${blockers}. ` +
          'Choose a feasible option (see `recommend`), or pass --force to scaffold it anyway',
      );
    }
    warnings.push(
      `${option} is infeasible for these answers (${blockers}); scaffolded anyway because of --force`,
    );
  }
  if (context.cloud?.platform === 'ec2') {
    // The stack would not deploy what the advice priced: refused as an infeasible option is.
    const mismatch =
      `the advice prices hybrid's cloud side on EC2 instances (Fargate cannot serve this model, e.g. it needs a GPU), ` +
      'but infra/ecs/stack.yaml runs Fargate tasks';
    if (!input.force) {
      throw new UserInputError(
        `--target ${option}: ${mismatch}. Choose another option (see \`recommend\`), or pass --force ` +
          'to scaffold it anyway and give the ECS service EC2 capacity of the priced type yourself',
      );
    }
    warnings.push(
      `hybrid: ${mismatch}; scaffolded anyway because of --force: give the ECS service EC2 capacity of the priced type before relying on it`,
    );
  }
  // docs/RECOMMENDATION.md is the written report, made for this option (remembered per answers
  // but the project name: see report.ts).
  let report: string;
  if (input.notebook) {
    const { renderReportMarkdown } = await import('../report/index.js');
    report = renderReportMarkdown({
      recommendation,
      knowledge,
      prices,
      target: option,
      ...(input.generatedOn ? { generatedOn: input.generatedOn } : {}),
      notebook: input.notebook.summary,
      fromNotebook: input.notebook.fromNotebook,
    });
  } else {
    report = await scaffoldReport({
      parsed,
      knowledge,
      prices,
      target: option,
      ...(input.generatedOn ? { generatedOn: input.generatedOn } : {}),
      advise: adviceFor,
    });
  }
  replaceFile(files, 'docs/RECOMMENDATION.md', report);
  if (input.notebook) addNotebook(files, input.notebook);
  const prepared: Prepared = { context, files, pricing: prices?.info ?? null, warnings };
  if (chosen?.costError) prepared.costError = chosen.costError;
  return prepared;
}

/** The pricing function of advice without prices: the ranking stands, costs are not modelled. */
function noPrices(): never {
  throw new Error('no prices were available');
}

const encoder = new TextEncoder();

function replaceFile(files: PlannedFile[], path: string, text: string): void {
  const file = files.find((f) => f.path === path);
  if (file) file.content = encoder.encode(text);
  else files.push({ path, content: encoder.encode(text), mode: 0o644 });
}

/**
 * The notebook's imports, functions and classes (credentials already removed by the notebook
 * module) become app/notebook_code.py; its findings are appended to the README.
 */
function addNotebook(files: PlannedFile[], notebook: { code: string; summary: NotebookSummary }): void {
  replaceFile(files, 'app/notebook_code.py', notebook.code);
  const requirements = files.find((f) => f.path === 'requirements.txt');
  if (requirements && notebook.summary.dependencies)
    requirements.content = encoder.encode(
      mergeRequirements(
        new TextDecoder().decode(requirements.content),
        notebook.summary.dependencies,
        notebook.summary.file,
      ),
    );
  const readme = files.find((f) => f.path === 'README.md');
  if (!readme) return;
  const section = [
    '',
    `## From the notebook ${notebook.summary.file}`,
    '',
    "`app/notebook_code.py` holds the notebook's imports, functions and classes (magics removed), with",
    '`load_model` and `predict` wired where the notebook showed how, and TODOs where it did not.',
    'What to fix before this code serves traffic:',
    '',
    notebook.summary.findingsMarkdown.trim() || 'No findings.',
    '',
    ...(notebook.summary.dependenciesMarkdown
      ? [
          '### Packages the notebook needs',
          '',
          '`requirements.txt` pins them where the notebook shows the version and marks the rest:',
          '',
          notebook.summary.dependenciesMarkdown.trim(),
          '',
        ]
      : []),
  ].join('\n');
  readme.content = encoder.encode(new TextDecoder().decode(readme.content).trimEnd() + '\n' + section);
}
