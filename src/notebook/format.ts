import type { Finding, Severity } from './types.js';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings listed before "and N more": a 60,000-cell notebook gave 60,000 lines of stderr. The
 * report has room for more than a terminal; the counts line always says how many there are.
 */
export const MAX_LISTED = { terminal: 20, markdown: 200 } as const;

/**
 * Findings as short lines for a terminal or Markdown (report, scaffold README). Cell numbers are
 * 1-based among all cells, markdown included.
 */
export function formatFindings(
  findings: readonly Finding[],
  style: 'terminal' | 'markdown' = 'terminal',
): string {
  if (findings.length === 0) {
    return style === 'markdown'
      ? '_No production-readiness findings._\n'
      : 'No production-readiness findings.\n';
  }
  const sorted = [...findings].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.cell - b.cell || (a.line ?? 0) - (b.line ?? 0),
  );
  const limit = style === 'markdown' ? MAX_LISTED.markdown : MAX_LISTED.terminal;
  const lines = sorted
    .slice(0, limit)
    .map((f) =>
      style === 'markdown'
        ? `- **${f.severity}** (cell ${f.cell}): ${escapeMarkdown(f.message)}`
        : `${f.severity.padEnd(7)} cell ${String(f.cell).padStart(3)}  ${f.message}`,
    );
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n > 1 ? 's' : ''}`)
    .join(', ');
  if (sorted.length > limit) {
    const more = `and ${sorted.length - limit} more (the most severe are listed first)`;
    lines.push(style === 'markdown' ? `- ${more}` : more);
  }
  const note = 'cell numbers count every cell from the top, markdown included';
  return style === 'markdown'
    ? `${counts} (${note}):\n\n${lines.join('\n')}\n`
    : `${counts} (${note})\n${lines.join('\n')}\n`;
}

/** Escapes Markdown outside code spans (inside them a backslash would show). */
function escapeMarkdown(text: string): string {
  return text
    .split('`')
    .map((part, k) => (k % 2 === 1 ? part : part.replace(/([<>*_[\]|])/g, '\\$1')))
    .join('`');
}
