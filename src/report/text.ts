import { formatNumber, formatUsd } from '../core/format.js';

/**
 * Text for Markdown. The templates are rendered with noEscape, so every value is made safe for
 * Markdown here: characters that would start emphasis, a link, an HTML tag or break a table cell
 * are backslash-escaped (CommonMark escapes, which markdown-it and markdownlint understand).
 */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*[\]<>|#]/g, '\\$&')
    .replace(/(^|\W)_|_(?=\W|$)/g, (m) => m.replace('_', '\\_'));
}

/** Inline code: the text in backticks, with backticks in the text replaced. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}

export const usd = (value: number): string => `$${formatUsd(value)}`;

/** Whole dollars above $100, cents below: "$1,161", "$36.04". */
export const usdShort = (value: number): string =>
  Math.abs(value) >= 100 ? `$${formatNumber(value, 0)}` : `$${formatUsd(value)}`;

export function percent(share: number): string {
  return `${formatNumber(share * 100, share < 0.1 ? 1 : 0)}%`;
}

export const num = (value: number, digits = 2): string => formatNumber(value, digits);

/** "a, b and c" (or "a, b or c"). */
export function listText(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * The form of a word for a count: `plural(1, 'price')` is "price", `plural(3, 'price')` "prices";
 * irregular words and verbs give both forms (`plural(n, 'is', 'are')`). Every count the report
 * writes goes through here or `counted`, so "1 prices" and "value(s)" cannot be written.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** A count with its noun: "1 price", "3 prices", "0 options". */
export const counted = (count: number, one: string, many = `${one}s`): string =>
  `${formatNumber(count, 0)} ${plural(count, one, many)}`;
