import { randomBytes } from 'node:crypto';
import { link, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isOptionId } from '../core/options.js';
import type { AnswerDraft } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import type { Effect, Retry } from './conversation-core.js';
import type { Line } from './explain.js';
import { REQUIRED_KEYS, fieldLabel } from './answer-keys.js';
import { ANSWER_KEYS } from '../core/answer-fields.js';
import { safeLine } from './safe-text.js';
import { quoteValue } from '../core/sanitize.js';

/**
 * The side effects the conversation asks for: saving the answers, writing the report, generating
 * the scaffold. Each resolves to lines for the transcript; failures become lines too, never a
 * crash of the chat.
 */
export interface EffectResult {
  lines: Line[];
  /** The file or folder is already there: ask before overwriting (or for another name). */
  confirm?: { prompt: string; retry: Retry };
  /** /save wrote these answers. */
  saved?: AnswerDraft;
}

export interface EffectContext {
  cwd: string;
  advisor: Advisor | null;
  signal: AbortSignal;
}

/**
 * The answers as YAML: one `key: value` line each, strings double-quoted (JSON's quoting is valid
 * YAML), so any project name reads back exactly (js-yaml in `recommend --answers`).
 */
export function answersYaml(draft: AnswerDraft): string {
  const lines = Object.entries(answersToSave(draft)).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
  );
  return `# ml-deploy-advisor answers: ml-deploy-advisor recommend --answers THIS_FILE\n${lines.join('\n')}\n`;
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
        return await report(effect.file, effect.draft, effect.overwrite, ctx);
      case 'scaffold':
        return await scaffold(effect.option, effect.dir, effect.draft, effect.force, ctx);
      case 'quit':
        return { lines: [] };
    }
  } catch (error) {
    const message = safeLine(error instanceof Error ? error.message : String(error));
    const details = (error as { details?: readonly string[] }).details ?? [];
    return {
      lines: [
        { text: message, tone: 'bad' },
        ...details.map((d) => ({ text: `  ${safeLine(d)}`, tone: 'bad' as const })),
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
  const json = /\.json$/i.test(file);
  const text = json ? `${JSON.stringify(answersToSave(draft), null, 2)}\n` : answersYaml(draft);
  const how = await writeAtomic(path, text, overwrite);
  if (how === 'exists')
    return {
      confirm: {
        prompt: `${file} exists. Overwrite it? (y/N, or type another file name)`,
        retry: { kind: 'save', file, overwrite: false, draft },
      },
      lines: [{ text: `${file} exists. Overwrite it? (y/N, or type another file name)`, tone: 'warn' }],
    };
  const missing = REQUIRED_KEYS.filter((key) => draft[key] === undefined);
  return {
    saved: draft,
    lines: [
      { text: `Saved the answers to ${file} (${json ? 'JSON' : 'YAML'}).`, tone: 'good' },
      missing.length
        ? {
            text: `  It still lacks the ${missing.map(fieldLabel).join(', ')} (${missing.join(', ')}), which recommend needs.`,
            tone: 'warn',
          }
        : { text: `  Next: ml-deploy-advisor recommend --answers ${file}`, tone: 'dim' },
    ],
  };
}

/** /report: the same report as `report --out` (src/report), Markdown or HTML by extension. */
async function report(
  file: string,
  draft: AnswerDraft,
  overwrite: boolean,
  ctx: EffectContext,
): Promise<EffectResult> {
  if (!ctx.advisor) return { lines: [{ text: 'The rules base is still loading.', tone: 'warn' }] };
  if (!/\.(md|markdown|html?)$/i.test(file)) {
    return { lines: [{ text: `${quoteValue(file)}: use a .md or .html name`, tone: 'warn' }] };
  }
  if (!overwrite && (await exists(resolve(ctx.cwd, file)))) {
    const prompt = `${file} exists. Overwrite it? (y/N, or type another file name)`;
    return {
      confirm: { prompt, retry: { kind: 'report', file, overwrite: false, draft } },
      lines: [{ text: prompt, tone: 'warn' }],
    };
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
  await report.writeFileAtomic(resolve(ctx.cwd, file), text, {
    shownAs: file,
    flag: '/report',
    force: overwrite,
  });
  const top = input.recommendation.ranking[0]!.option;
  return {
    lines: [
      { text: `Wrote the report to ${file} (${html ? 'HTML' : 'Markdown'}).`, tone: 'good' },
      { text: 'Next:', tone: 'bold' },
      { text: `  ${html ? 'open' : 'less'} ${file}`, tone: 'dim' },
      { text: `  /scaffold ${top}            the starter repository for the top pick`, tone: 'dim' },
      {
        text: `  ml-deploy-advisor report --answers answers.yaml --out ${file} --force   the same from a script (after /save)`,
        tone: 'dim',
      },
    ],
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** What is in a folder besides harmless entries (.git, .DS_Store), or null when it is missing. */
async function entriesOf(dir: string): Promise<string[] | null> {
  try {
    const { HARMLESS_ENTRIES } = await import('../scaffold/write.js');
    return (await readdir(dir)).filter((name) => !HARMLESS_ENTRIES.has(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return ['(a file)'];
    throw error;
  }
}

/** The exact commands to run next in a fresh scaffold (its README has the details). */
export function scaffoldNextSteps(option: string, dir: string): string[] {
  const http = option !== 'lambda' && option !== 'sagemaker-batch';
  return [
    `cd ${/^[\w./-]+$/.test(dir) ? dir : JSON.stringify(dir)}`,
    'python3 -m pip install -r requirements-dev.txt',
    'make test',
    http
      ? 'make run              # serves on http://127.0.0.1:8080 (GET /ping, POST /invocations)'
      : 'make test-local       # runs the real model end to end',
    'make deploy ENV=staging',
  ];
}

async function scaffold(
  option: string,
  dir: string,
  draft: AnswerDraft,
  force: boolean,
  ctx: EffectContext,
): Promise<EffectResult> {
  if (!ctx.advisor) return { lines: [{ text: 'The rules base is still loading.', tone: 'warn' }] };
  if (!isOptionId(option)) return { lines: [{ text: `${option} is not an option id.`, tone: 'warn' }] };
  const target = resolve(ctx.cwd, dir);
  const present = await entriesOf(target);
  if (present && present.length && !force) {
    const shown =
      present.slice(0, 5).join(', ') + (present.length > 5 ? ` and ${present.length - 5} more` : '');
    const prompt = `${dir} is not empty (${shown}). Write into it, replacing files of the same name? (y/N, or type another folder)`;
    return {
      confirm: { prompt, retry: { kind: 'scaffold', option, dir, force: false, draft } },
      lines: [{ text: prompt, tone: 'warn' }],
    };
  }
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
  const result = await writeScaffold(target, prepared.files, { signal: ctx.signal, force });
  return {
    lines: [
      {
        text: `Wrote the ${option} starter repository (${result.files.length} files) to ${dir}.`,
        tone: 'good',
      },
      ...(result.overwritten.length
        ? [
            {
              text: `  Replaced ${result.overwritten.length} file(s) that were there.`,
              tone: 'warn' as const,
            },
          ]
        : []),
      { text: 'Next:', tone: 'bold' },
      ...scaffoldNextSteps(option, dir).map((text) => ({ text: `  ${text}`, tone: 'dim' as const })),
      { text: `  (the README in ${dir} has build, test, deploy and roll-back in full)`, tone: 'dim' },
    ],
  };
}
