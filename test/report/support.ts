import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { OPTION_IDS, type OptionId } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { packageRoot } from '../../src/paths.js';
import { renderReportHtml, renderReportMarkdown, type ReportInput } from '../../src/report/index.js';
import { snapshotPrices } from '../support/snapshot-prices.js';

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
  const prices = snapshotPrices(parsed.answers.region);
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

/** Each option's appendix section (under `### n. Name (`id`)`), by option id. */
export function optionBlocks(markdown: string): Record<string, string> {
  const options = sections(markdown).get('Appendix A: the options') ?? '';
  const out: Record<string, string> = {};
  for (const block of options.split('\n### ').slice(1)) {
    const id = /^\d+\. .+ \(`([a-z-]+)`\)$/m.exec(block)?.[1];
    if (id) out[id] = block;
  }
  return out;
}

/** Each option's `#### Limits that apply` block, by option id (the order follows the ranking). */
export function limitBlocks(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, block] of Object.entries(optionBlocks(markdown))) {
    const limits = block.split('\n#### ').find((part) => part.startsWith('Limits that apply'));
    if (limits) out[id] = limits;
  }
  return out;
}

/** The option a comparison row links to: its appendix heading's anchor ends with the option's id. */
export function rowOption(row: string): OptionId | undefined {
  const target = /\]\(#([a-z0-9-]+)\)/.exec(row)?.[1] ?? '';
  return [...OPTION_IDS].sort((a, b) => b.length - a.length).find((id) => target.endsWith(`-${id}`));
}

/** Each option's monthly total (with people's time) in the comparison table, by option id. */
export function rankingCosts(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (sections(markdown).get('Comparison') ?? '').split('\n')) {
    const cells = line.split(' | ');
    const id = rowOption(cells[1] ?? '');
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

/** The one-page decision's word budget (issue 16): a page a reader finishes. */
export const DECISION_WORDS = 450;

/** Text as a reader sees it: no Markdown links' targets, code marks, emphasis or escapes. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\\(.)/g, '$1');
}

/** Words in Markdown as a reader counts them (table pipes, list marks and headings' hashes aside). */
export function wordCount(markdown: string): number {
  return plainText(markdown)
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}$]/u.test(w)).length;
}

/**
 * The report's sentences: runs of at least `minWords` words that end in `.`, `!` or `?`, from
 * prose, list items and table cells, plus any list item or table cell of twelve words or more
 * (a cell need not end in a full stop to be a sentence). Shorter fragments, such as an option's
 * name in a table or a heading, are labels, not sentences.
 */
export function sentencesOf(markdown: string, minWords = 6): string[] {
  const out: string[] = [];
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  for (const line of plainText(markdown).split('\n')) {
    if (/^#{1,6} /.test(line) || /^\| ?-/.test(line)) continue;
    const text = line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '');
    const parts = text.includes(' | ') ? text.split(' | ') : [text];
    for (const part of parts) {
      const cell = part.replace(/^\|\s*|\s*\|$/g, '').trim();
      for (const sentence of cell.split(/(?<=[.!?])\s+(?=[A-Z0-9$])/)) {
        const s = sentence.trim();
        if ((/[.!?]$/.test(s) && words(s) >= minWords) || words(s) >= 12) out.push(s);
      }
    }
  }
  return out;
}

/** Sentences that occur more than once, with their count. */
export function repeatedSentences(markdown: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of sentencesOf(markdown)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}
