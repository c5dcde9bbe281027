import stringWidth from 'string-width';
import { formatNumber, wrapText as wrapWords } from '../core/format.js';

/**
 * Plain-text columns measured in terminal cells, not characters, so names with wide characters
 * (CJK, emoji) keep the columns aligned. Used for replies and the piped (line) mode.
 */
export function padCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fitted = truncateCells(text, width);
  const gap = ' '.repeat(Math.max(0, width - stringWidth(fitted)));
  return align === 'left' ? fitted + gap : gap + fitted;
}

/** Cuts text to at most `width` cells, marking the cut with an ellipsis. */
export function truncateCells(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** The column that gives way when the table is too wide (at most one). */
  flex?: boolean;
  min?: number;
}

/** Lays rows out in columns that fit `maxWidth` cells, shrinking the flexible column first. */
export function formatTable(columns: Column[], rows: string[][], maxWidth = 80): string[] {
  const widths = columns.map((c, i) =>
    Math.max(stringWidth(c.header), ...rows.map((r) => stringWidth(r[i] ?? ''))),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0 && total() > maxWidth) {
    widths[flex] = Math.max(columns[flex]!.min ?? 8, widths[flex]! - (total() - maxWidth));
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => padCells(cell, widths[i]!, columns[i]!.align))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}

/** Wraps prose at word boundaries to `width` terminal cells (wide characters count double). */
export const wrapText = (text: string, width: number): string[] => wrapWords(text, width, stringWidth);

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const digits = Math.abs(value) < 10 ? 2 : 0;
  return `$${formatNumber(value, digits, digits)}`;
}
