import { randomBytes } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isOptionId } from '../core/options.js';
import type { AnswerDraft } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import type { Effect } from './conversation.js';
import type { Line } from './explain.js';
import { REQUIRED_KEYS } from './answer-keys.js';
import { ANSWER_KEYS } from '../core/answer-fields.js';

/** The contract's order of keys, so a saved file reads like the README's table. */

/**
 * The side effects the conversation asks for: saving the answers, writing the report, generating
 * the scaffold. Each resolves to lines for the transcript; failures become lines too, never a
 * crash of the chat.
 */
export interface EffectResult {
  lines: Line[];
  /** /save found the file already there: ask before overwriting. */
  exists?: string;
}

export interface EffectContext {
  cwd: string;
  advisor: Advisor | null;
  signal: AbortSignal;
}

/** The answers in the answers file's own key order, without the ones left to their defaults. */
export function answersToSave(draft: AnswerDraft): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const key of ANSWER_KEYS) {
    if (draft[key] !== undefined) out[key] = draft[key]!;
  }
  return out;
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a hard link (which fails if
 * the target appeared meanwhile, so nothing is overwritten without consent) or, when overwriting
 * was confirmed, a rename.
 */
export async function writeAtomic(
  path: string,
  text: string,
  overwrite: boolean,
): Promise<'written' | 'exists'> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    if (overwrite) {
      await rename(temp, path);
      return 'written';
    }
    try {
      await link(temp, path);
      return 'written';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

export async function runEffect(effect: Effect, ctx: EffectContext): Promise<EffectResult> {
  try {
    switch (effect.kind) {
      case 'save':
        return await save(effect.file, effect.draft, effect.overwrite, ctx);
      case 'report':
        return await report(effect.file, effect.draft, ctx);
      case 'scaffold':
        return await scaffold(effect.option, effect.dir, effect.draft, ctx);
      case 'quit':
        return { lines: [] };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = (error as { details?: readonly string[] }).details ?? [];
    return {
      lines: [
        { text: message, tone: 'bad' },
        ...details.map((d) => ({ text: `  ${d}`, tone: 'bad' as const })),
      ],
    };
  }
}

async function save(
  file: string,
  draft: AnswerDraft,
  overwrite: boolean,
  ctx: EffectContext,
): Promise<EffectResult> {
  const path = resolve(ctx.cwd, file);
  const data = answersToSave(draft);
  const text = /\.json$/i.test(file)
    ? `${JSON.stringify(data, null, 2)}\n`
    : (await import('yaml')).stringify(data);
  const how = await writeAtomic(path, text, overwrite);
  if (how === 'exists')
    return { exists: file, lines: [{ text: `${file} exists. Overwrite it? (y/N)`, tone: 'warn' }] };
  const missing = REQUIRED_KEYS.filter((key) => draft[key] === undefined);
  return {
    lines: [
      { text: `Saved the answers to ${file}.`, tone: 'good' },
      missing.length
        ? { text: `  It still lacks ${missing.join(', ')}, which recommend will ask for.`, tone: 'warn' }
        : { text: `  Run it again any time: ml-deploy-advisor recommend --answers ${file}`, tone: 'dim' },
    ],
  };
}

/** /report: the same report as `report --out` (src/report), Markdown or HTML by extension. */
async function report(file: string, draft: AnswerDraft, ctx: EffectContext): Promise<EffectResult> {
  if (!ctx.advisor) return { lines: [{ text: 'The rules base is still loading.', tone: 'warn' }] };
  if (!/\.(md|markdown|html?)$/i.test(file)) {
    return { lines: [{ text: `${file}: use a .md or .html name`, tone: 'warn' }] };
  }
  const report = await import('../report/index.js');
  const parsed = ctx.advisor.parse(draft);
  const prices = ctx.advisor.prices(parsed.answers.region);
  const input = {
    recommendation: ctx.advisor.advise(draft),
    knowledge: ctx.advisor.knowledge,
    prices,
    generatedOn: new Date().toISOString().slice(0, 10),
  };
  const resources = report.loadReportResources(ctx.advisor.knowledgeDir);
  const html = /\.html?$/i.test(file);
  const text = html
    ? report.renderReportHtml(input, resources)
    : report.renderReportMarkdown(input, resources);
  await report.writeFileAtomic(resolve(ctx.cwd, file), text, { shownAs: file, flag: '/report' });
  return {
    lines: [
      { text: `Wrote the report to ${file} (${html ? 'HTML' : 'Markdown'}).`, tone: 'good' },
      {
        text: `  The same from a script: ml-deploy-advisor report --answers FILE --out ${file}`,
        tone: 'dim',
      },
    ],
  };
}

async function scaffold(
  option: string,
  dir: string,
  draft: AnswerDraft,
  ctx: EffectContext,
): Promise<EffectResult> {
  if (!ctx.advisor) return { lines: [{ text: 'The rules base is still loading.', tone: 'warn' }] };
  if (!isOptionId(option)) return { lines: [{ text: `${option} is not an option id.`, tone: 'warn' }] };
  const [{ prepareScaffold }, { writeScaffold }] = await Promise.all([
    import('../scaffold/service.js'),
    import('../scaffold/write.js'),
  ]);
  const parsed = ctx.advisor.parse(draft);
  let prices = null;
  try {
    prices = ctx.advisor.prices(parsed.answers.region);
  } catch {
    prices = null;
  }
  const prepared = await prepareScaffold({ parsed, option, knowledge: ctx.advisor.knowledge, prices });
  const result = await writeScaffold(resolve(ctx.cwd, dir), prepared.files, { signal: ctx.signal });
  return {
    lines: [
      {
        text: `Wrote the ${option} starter repository (${result.files.length} files) to ${dir}.`,
        tone: 'good',
      },
      { text: `  Next: cd ${dir} and follow its README (build, test, deploy, roll back).`, tone: 'dim' },
    ],
  };
}
