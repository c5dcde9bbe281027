import { formatNumber, formatUsd } from '../core/format.js';
import { OPTION_IDS, type OptionId } from '../core/options.js';

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

/**
 * The engine's and the rules base's sentences as a reader should see them: file and key names
 * that point into this tool's sources ("(knowledge/tco.yaml)", "(onprem.ops-usd-per-hour)",
 * "sizing.yaml llm") are dropped, since the sources appendix holds them; bare numbers of four
 * digits or more are grouped ("14000 MB" -> "14,000 MB"), and long fractions of 100 or more (and
 * of dollars) cut to two places,
 * with the shared formatter; "a 80 ms" becomes "an 80 ms"; given `nameOf`, an option the engine
 * calls by its id ("for lambda") is called by its name. Then made safe for Markdown (md).
 */
/**
 * An option id in an engine sentence: one with a hyphen anywhere ("sagemaker-realtime answers"),
 * a one-word id only after "for" ("against $542 for lambda"), where it cannot be a plain word.
 */
const OPTION_ID_IN_TEXT = new RegExp(
  `(?<![\\w-])(?:${OPTION_IDS.filter((id) => id.includes('-') && id !== 'on-prem').join('|')}|(?<=\\bfor )(?:${OPTION_IDS.filter((id) => !id.includes('-') || id === 'on-prem').join('|')}))(?![\\w-])`,
  'g',
);

export function readerText(text: string, nameOf?: (id: OptionId) => string): string {
  const named = nameOf
    ? // "against $542 for lambda": an option the engine names by its id, by its name instead.
      text.replace(OPTION_ID_IN_TEXT, (id) => nameOf(id as OptionId))
    : text;
  const words = named
    // A parenthesis that only points at a file or key: "(assumption, knowledge/tco.yaml)" keeps
    // "(assumption)"; "(see the onprem.* assumptions and knowledge/sizing.yaml)" goes.
    .replace(/,\s*(?:knowledge\/)?[\w-]+\.yaml(?:\s+[\w-]+)?(?=\))/g, '')
    .replace(/\s*\([^()]*\.yaml\b[^()]*\)/g, '')
    .replace(/\s*\((?:onprem|ec2|sagemaker|lambda|fargate|elb|apigateway|data-transfer)\.[\w.*-]+\)/g, '')
    // Numbers not part of an id, a date or a version: "10500", "8888.8888888889".
    .replace(/(?<![\w.,/:$-])(\d{4,}(?:\.\d+)?|[1-9]\d{2}\.\d{3,})(?![\w/:-]|[.,]\d)/g, (n) => num(Number(n)))
    .replace(/(?<![\w.,/:-])\$(\d{4,}(?:\.\d+)?|[1-9]\d*\.\d{3,})(?![\w/:-]|[.,]\d)/g, (_m, n: string) =>
      usd(Number(n)),
    );
  return md(anBeforeVowelNumber(words));
}

/** "a 80 ms", "a 11 GB", "a 18,000 MB": the article read before the number's sound. */
export function anBeforeVowelNumber(text: string): string {
  return text.replace(/\b([Aa]) (?=(?:8[\d,.]*|11|18|1[18],\d{3}(?:,\d{3})*)(?![\d,]*\d)\b)/g, '$1n ');
}
