import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { packageRoot } from '../../src/paths.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { renderReportHtml, renderReportMarkdown, type ReportInput } from '../../src/report/index.js';

export const EXAMPLES = {
  answers: join(packageRoot(), 'examples', 'answers.yaml'),
  gpu: join(packageRoot(), 'examples', 'gpu-realtime.yaml'),
};

export function readAnswers(path: string): Record<string, unknown> {
  return parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The report input for raw answers, priced from the bundled snapshot (no network, no clock). */
export function reportInput(raw: Record<string, unknown>): ReportInput {
  const parsed = parseAnswers(raw);
  const knowledge = loadKnowledge();
  const prices = loadSnapshotPriceBook(parsed.answers.region);
  return { recommendation: advise(parsed, knowledge, prices), knowledge, prices };
}

export const markdownFor = (raw: Record<string, unknown>): string => renderReportMarkdown(reportInput(raw));
export const htmlFor = (raw: Record<string, unknown>): string => renderReportHtml(reportInput(raw));

/** The report's `## ` sections by heading (the text under each, up to the next `## `). */
export function sections(markdown: string, level = 2): Map<string, string> {
  const marker = `${'#'.repeat(level)} `;
  const out = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null) out.set(current, lines.join('\n'));
  };
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const isHeading = !inFence && line.startsWith(marker);
    const isHigher = !inFence && /^#{1,6} /.test(line) && line.indexOf(' ') < level;
    if (isHeading) {
      flush();
      current = line.slice(marker.length);
      lines = [];
    } else if (isHigher) {
      flush();
      current = null;
      lines = [];
    } else if (current !== null) {
      lines.push(line);
    }
  }
  flush();
  return out;
}

/** Each option's `#### Limits where it breaks` block, by option id (the order follows the ranking). */
export function limitBlocks(markdown: string): Record<string, string> {
  const options = sections(markdown).get('Options') ?? '';
  const out: Record<string, string> = {};
  for (const block of options.split('\n### ').slice(1)) {
    const id = /^\d+\. .+ \(`([a-z-]+)`\)$/m.exec(block)?.[1];
    const limits = block.split('\n#### ').find((part) => part.startsWith('Limits where it breaks'));
    if (id && limits) out[id] = limits;
  }
  return out;
}

/** Each option's monthly cost column in the ranking table, by option id. */
export function rankingCosts(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (sections(markdown).get('Ranking') ?? '').split('\n')) {
    const cells = line.split(' | ');
    const id = /`([a-z-]+)`/.exec(cells[2] ?? '')?.[1];
    if (/^\| \d+$/.test(cells[0] ?? '') && id) out[id] = cells[4]!;
  }
  return out;
}

/** Lines of `a` and `b` that differ (as sets), for change tests. */
export function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const la = a.split('\n');
  const lb = b.split('\n');
  return { removed: la.filter((l) => !lb.includes(l)), added: lb.filter((l) => !la.includes(l)) };
}

/** Markdown lint with the report's configuration: everything on, but line length (prose lines). */
export async function lintMarkdown(text: string): Promise<string[]> {
  const { lint } = await import('markdownlint/sync');
  const result = lint({
    strings: { report: text },
    config: { default: true, MD013: false, MD024: { siblings_only: true } },
  });
  return (result.report ?? []).map(
    (e) => `line ${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription} ${e.errorDetail ?? ''}`,
  );
}

/** The date line differs from day to day; everything else is deterministic. */
export const normaliseDate = (text: string): string =>
  text.replace(/^Generated on \d{4}-\d{2}-\d{2} /m, 'Generated on YYYY-MM-DD ');
