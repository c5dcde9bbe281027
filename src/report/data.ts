import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { OPTION_IDS, type OptionId } from '../core/options.js';
import { conditionSchema } from '../knowledge/schema.js';
import { FileProblemError, readYamlFile } from '../knowledge/yaml-file.js';
import { knowledgeDir } from '../paths.js';
import { loadPhrases, type Phrases } from './phrases.js';
import { tcoSchema, type TcoData } from '../knowledge/tco-schema.js';

/**
 * The report's own knowledge files, beside the rules base: people's time beyond the bill
 * (tco.yaml), organisation advice with variants chosen by the answers (organisation.yaml) and the
 * rollout plan per option (rollout.yaml). Validated with zod/mini; errors name file and line.
 */

const text = () => z.string().check(z.minLength(1));

const byOption = <T extends z.ZodMiniType>(value: T) =>
  z.strictObject(Object.fromEntries(OPTION_IDS.map((id) => [id, value])) as Record<OptionId, T>);

// people's time beyond the bill: the engine prices it too, so its schema lives in src/knowledge.
export { tcoSchema, type TcoData };

/**
 * A condition on the notebook given with `--from-notebook`: `given` (a notebook was read, or not)
 * and `findings` (every finding kind listed was found, e.g. local-path, train-and-predict).
 */
const notebookCondition = z.strictObject({
  given: z.optional(z.boolean()),
  findings: z.optional(z.array(text()).check(z.minLength(1))),
});
export type NotebookCondition = z.infer<typeof notebookCondition>;

export const organisationSchema = z.strictObject({
  topics: z.array(
    z.strictObject({
      id: text(),
      title: text(),
      variants: z
        .array(
          z.strictObject({
            when: z.optional(conditionSchema),
            notebook: z.optional(notebookCondition),
            text: text(),
          }),
        )
        .check(
          z.minLength(1),
          z.refine(
            (v) => v[v.length - 1]?.when === undefined && v[v.length - 1]?.notebook === undefined,
            'the last variant must have no `when` and no `notebook`',
          ),
        ),
    }),
  ),
});
export type OrganisationData = z.infer<typeof organisationSchema>;

export const ROLLOUT_STEPS = [
  'packaging',
  'cicd',
  'preproduction',
  'release',
  'monitoring',
  'rollback',
] as const;
export type RolloutStep = (typeof ROLLOUT_STEPS)[number];

/** When a next action applies: always, for online or offline work, or when the decision has that risk. */
export const ACTION_WHEN = [
  'always',
  'online',
  'offline',
  'movingAssumptions',
  'thinLatency',
  'regionFallback',
  'weakPrices',
  'overBudget',
  'nearTie',
  'notebookFindings',
] as const;
export type ActionWhen = (typeof ACTION_WHEN)[number];

export const rolloutSchema = z.strictObject({
  nextActions: z.array(z.strictObject({ when: z.enum(ACTION_WHEN), text: text() })).check(z.minLength(3)),
  steps: z
    .array(z.strictObject({ id: z.enum(ROLLOUT_STEPS), title: text() }))
    .check(z.length(ROLLOUT_STEPS.length)),
  options: byOption(
    z.strictObject({
      ...(Object.fromEntries(ROLLOUT_STEPS.map((s) => [s, text()])) as Record<
        RolloutStep,
        ReturnType<typeof text>
      >),
      see: z.optional(z.array(z.url())),
    }),
  ),
});
export type RolloutData = z.infer<typeof rolloutSchema>;

export interface ReportData {
  /** The sentences the model composes (templates/report/phrases.yaml). */
  phrases: Phrases;
  tco: TcoData;
  organisation: OrganisationData;
  rollout: RolloutData;
}

export const REPORT_FILES = {
  tco: ['tco.yaml', tcoSchema],
  organisation: ['organisation.yaml', organisationSchema],
  rollout: ['rollout.yaml', rolloutSchema],
} as const;

const cache = new Map<string, ReportData>();

/**
 * Loads the report's files from `dir` (a `--knowledge-dir`); a file missing there comes from the
 * bundled knowledge/, so another rules base need not copy them.
 */
export function loadReportData(dir: string = knowledgeDir(), shownAs?: string): ReportData {
  const cached = cache.get(dir);
  if (cached) return cached;
  const read = <K extends keyof typeof REPORT_FILES>(key: K) => {
    const [file, schema] = REPORT_FILES[key];
    const own = join(dir, file);
    const path = existsSync(own) ? own : join(knowledgeDir(), file);
    if (!existsSync(path))
      throw new FileProblemError(join(shownAs ?? dir, file), undefined, 'file is missing');
    const label = path === own && shownAs ? join(shownAs, file) : join('knowledge', file);
    return readYamlFile(path, schema, label);
  };
  const data: ReportData = {
    phrases: loadPhrases(),
    tco: read('tco') as TcoData,
    organisation: read('organisation') as OrganisationData,
    rollout: read('rollout') as RolloutData,
  };
  cache.set(dir, data);
  return data;
}
