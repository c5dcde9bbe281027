import { resolve } from 'node:path';
import type { ParsedAnswers } from '../core/answers.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { LoadedNotebook } from '../notebook/index.js';
import type { PricingOptions } from '../pricing/flags.js';
import type { PriceBook } from '../pricing/types.js';
import { loadCommandPrices, type PricingFlags } from './command-prices.js';
import type { NotebookSummary } from '../report/model.js';
import type { CliIo } from '../io/cli-io.js';
import { loadAnswersAndNotebook, type LoadedAnswers } from './load-answers.js';

/**
 * What the commands that rank (recommend, report, scaffold) need, loaded one way: the rules base
 * (bundled, or --knowledge-dir), the answers (--answers, with --from-notebook's detections under
 * them) and the price book for the pricing flags (--region defaults to the answers' region), its
 * warnings printed on stderr. Each step runs in the order the commands always used, so the first
 * error a user sees is the same.
 */
export interface CommandContext {
  knowledge: Knowledge;
  /** The --knowledge-dir folder, resolved; undefined for the bundled rules base. */
  knowledgePath: string | undefined;
  parsed: LoadedAnswers;
  notebook: LoadedNotebook | undefined;
  summary: NotebookSummary | undefined;
  pricing: PricingOptions;
  book: PriceBook;
}

export interface ContextFlags extends PricingFlags {
  answers?: string | boolean | undefined;
  'from-notebook'?: string | boolean | undefined;
  'knowledge-dir'?: string | boolean | undefined;
}

export { loadCommandPrices };

/** The rules base of --knowledge-dir (resolved against the working folder), or the bundled one. */
export function loadCommandKnowledge(
  flags: ContextFlags,
  io: Pick<CliIo, 'cwd'>,
): { knowledge: Knowledge; knowledgePath: string | undefined } {
  const shown = asString(flags['knowledge-dir']);
  const knowledgePath = shown === undefined ? undefined : resolve(io.cwd, shown);
  return { knowledge: loadKnowledge(knowledgePath, shown), knowledgePath };
}

/** The answers of --answers and --from-notebook; --answers is required. */
export function loadCommandAnswers(command: string, flags: ContextFlags, io: Pick<CliIo, 'cwd'>) {
  return loadAnswersAndNotebook(
    command,
    { answers: asString(flags.answers), 'from-notebook': asString(flags['from-notebook']) },
    io.cwd,
  );
}

/** Everything at once, for the commands that need all of it, in their usual order. */
export async function loadCommandContext(
  command: string,
  flags: ContextFlags,
  io: CliIo,
  hooks: { afterAnswers?: (loaded: Awaited<ReturnType<typeof loadCommandAnswers>>) => Promise<void> } = {},
): Promise<CommandContext> {
  const { knowledge, knowledgePath } = loadCommandKnowledge(flags, io);
  const loaded = await loadCommandAnswers(command, flags, io);
  await hooks.afterAnswers?.(loaded);
  const parsed = withRegionFlag(loaded.parsed, asString(flags.region));
  const { pricing, book } = await loadCommandPrices(flags, io, parsed.answers.region);
  return {
    knowledge,
    knowledgePath,
    parsed,
    notebook: loaded.notebook,
    summary: loaded.summary,
    pricing,
    book,
  };
}

/**
 * `--region` names where the model will run, so it stands for the answers' region too: otherwise
 * the advice would price one region while its rules and notes speak of another ("no prices for
 * us-east-1 here" under `--region eu-west-1`).
 */
function withRegionFlag<T extends ParsedAnswers>(parsed: T, region: string | undefined): T {
  if (region === undefined || region === parsed.answers.region) return parsed;
  return {
    ...parsed,
    answers: { ...parsed.answers, region },
    defaulted: parsed.defaulted.filter((d) => d.field !== 'region'),
  };
}

function asString(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
