/**
 * Number formatting without Intl: the first toLocaleString() call in a Node process loads ICU
 * data and costs about 30 ms, a quarter of `recommend`'s whole start-up budget.
 */

/** 1234567.891 -> "1,234,567.89" (at most `maxFractionDigits`, at least `minFractionDigits`). */
export function formatNumber(value: number, maxFractionDigits = 2, minFractionDigits = 0): string {
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : String(value);
  const abs = Math.abs(value);
  // Past 1e21 toFixed() writes an exponent: the general path below spells the digits out.
  if (abs >= 1e21) return formatAnyNumber(value, maxFractionDigits, minFractionDigits);
  // Every sentence of every evaluation formats numbers: digits grouped by hand, not by regex.
  const fixed =
    Number.isInteger(abs) && abs <= Number.MAX_SAFE_INTEGER ? String(abs) : abs.toFixed(maxFractionDigits);
  const dot = fixed.indexOf('.');
  let end = fixed.length;
  if (dot >= 0) while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48) end--;
  let fraction = dot < 0 || end === dot + 1 ? '' : fixed.slice(dot + 1, end);
  while (fraction.length < minFractionDigits) fraction += '0';
  const whole = grouped(dot < 0 ? fixed : fixed.slice(0, dot));
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "1234567" -> "1,234,567". */
function grouped(digits: string): string {
  if (digits.length <= 3) return digits;
  let i = digits.length % 3 || 3;
  let out = digits.slice(0, i);
  for (; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

function formatAnyNumber(value: number, maxFractionDigits: number, minFractionDigits: number): string {
  // toFixed() writes an exponent from 1e21 on; such a number is an integer, which BigInt spells out.
  const abs = Math.abs(value);
  const fixed = abs >= 1e21 ? BigInt(abs).toString() : abs.toFixed(maxFractionDigits);
  let [whole = '0', fraction = ''] = fixed.split('.');
  fraction = fraction.replace(/0+$/, '');
  while (fraction.length < minFractionDigits) fraction += '0';
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A count and its noun, formatted and agreeing: plural(1, 'task') -> "1 task", plural(2500,
 * 'task') -> "2,500 tasks". `many` for irregular plurals (plural(2, 'copy', 'copies')).
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/**
 * A number with its indefinite article, as it is read aloud: "a 500 MB", "an 800 MB", "an 11 ms",
 * "an 18,000 MB" (eight, eleven and eighteen open with a vowel sound).
 */
export function withArticle(value: number, maxFractionDigits = 2): string {
  const text = formatNumber(value, maxFractionDigits);
  // The digits before the first comma or point, read without a regular expression (every
  // estimate sentence of every evaluation has one).
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 46) end++;
  const lead = text.slice(start, end);
  const an = lead.charCodeAt(0) === 56 || lead === '11' || lead === '18';
  return `${an ? 'an' : 'a'} ${text}`;
}

/** "a 800 MB" -> "an 800 MB", "an 500 ms" -> "a 500 ms": each article before a number, as read aloud. */
export function fixArticles(text: string): string {
  return text.replace(/\b(an?|An?) (\d[\d,]*(?:\.\d+)?)/g, (_whole, article: string, digits: string) => {
    const fixed = withArticle(Number(digits.replace(/,/g, '')), 20).split(' ')[0]!;
    return `${article[0] === 'A' ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed} ${digits}`;
  });
}

/**
 * The money format used everywhere: US dollars with cents and thousands separators, 1234.5 ->
 * "1,234.50", never an exponent. A positive amount that would round to "0.00" keeps two
 * significant digits instead (0.0019 -> "0.0019"), so a cost is never shown as nothing; below
 * 1e-20 it reads "<0.00000000000000000001".
 */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  if (abs === 0 || abs >= 0.005 || !Number.isFinite(abs)) return formatNumber(usd, 2, 2);
  const sign = usd < 0 ? '-' : '';
  if (abs < 1e-20) return `${sign}<0.${'0'.repeat(19)}1`;
  const decimals = Math.min(20, 1 - Math.floor(Math.log10(abs)));
  return sign + abs.toFixed(decimals).replace(/0+$/, '');
}

/**
 * Wraps prose at word boundaries to `width` columns. `measure` gives a string's width in terminal
 * cells; the default counts characters, the chat passes string-width for wide characters.
 */
export function wrapText(
  text: string,
  width: number,
  measure: (s: string) => number = (s) => s.length,
): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && measure(`${current} ${word}`) > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * Quantities and unit prices in full, as the cost table prints them: digits grouped, at most six
 * decimals, and tiny values keep three significant digits ($0.0000166667).
 */
export function formatAmount(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.001) {
    // Enough decimals for three significant digits, never an empty "0." for a tiny positive value.
    const decimals = Math.min(100, Math.max(12, 2 - Math.floor(Math.log10(Math.abs(n)))));
    return n.toFixed(decimals).replace(/0+$/, '');
  }
  return formatNumber(n, 6);
}
