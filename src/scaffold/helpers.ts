import { stringify } from 'yaml';
import { toDnsLabel } from './context.js';
import { formatAmount, formatUsd } from '../core/format.js';

/**
 * Quoting for each language a scaffold is written in. Every value a template interpolates goes
 * through one of these (render.ts refuses a bare `{{x}}`), so a project name such as
 * `x"\nevil: true` or `$(touch /tmp/pwned)` stays one literal value in YAML, shell, Python, JSON,
 * HCL and Markdown. Each function throws on a value it cannot represent rather than guessing.
 */

export class QuotingError extends Error {
  override readonly name = 'QuotingError';
}

type Scalar = string | number | boolean | null;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `the string ${JSON.stringify(value).slice(0, 40)}`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}

function assertFiniteNumber(helper: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new QuotingError(`{{${helper}}} needs a finite number, got ${describe(value)}`);
  }
}

/** A YAML flow value (scalar, or flow sequence/mapping) that parses back to exactly `value`. */
export function yamlValue(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    throw new QuotingError(`{{yaml}} cannot write ${describe(value)}`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new QuotingError(`{{yaml}} got ${value}`);
  const text = stringify(value, {
    lineWidth: 0,
    minContentWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    // Escapes exactly as JSON does, on one line: no folded line breaks inside the quotes.
    doubleQuotedAsJSON: true,
    defaultKeyType: 'PLAIN',
    collectionStyle: 'flow',
  });
  return text.replace(/\n$/, '');
}

/** One POSIX shell word: single-quoted, with embedded quotes closed, escaped and reopened. */
export function shellWord(value: unknown): string {
  if (typeof value === 'number') {
    assertFiniteNumber('sh', value);
    return String(value);
  }
  if (typeof value !== 'string')
    throw new QuotingError(`{{sh}} needs a string or number, got ${describe(value)}`);
  if (value.includes('\0')) throw new QuotingError('{{sh}}: a shell word cannot hold a NUL character');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Python literal: str with only ASCII in the source (\xXX, \uXXXX, \UXXXXXXXX), or number, bool, None, list, dict. */
export function pythonLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    assertFiniteNumber('py', value);
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pythonString(k)}: ${pythonLiteral(v)}`,
    );
    return `{${items.join(', ')}}`;
  }
  throw new QuotingError(`{{py}} cannot write ${describe(value)}`);
}

function pythonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** JSON text for any JSON value; U+2028/U+2029 escaped so the text is also safe in JavaScript. */
export function jsonValue(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    throw new QuotingError(`{{json}} cannot write ${describe(value)}`);
  }
  if (typeof value === 'number') assertFiniteNumber('json', value);
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A DNS-1123 label for Kubernetes and AWS resource names. `suffix` (itself a label fragment such
 * as `-role`) is kept whole and the rest is shortened so the total fits `max` (default 63).
 */
export function dnsLabel(value: unknown, max = 63, suffix = ''): string {
  if (typeof value !== 'string') throw new QuotingError(`{{dns}} needs a string, got ${describe(value)}`);
  if (!/^[a-z0-9-]*$/.test(suffix) || suffix.length >= max) {
    throw new QuotingError(
      `{{dns}}: suffix ${JSON.stringify(suffix)} must be lowercase letters, digits and '-'`,
    );
  }
  return `${toDnsLabel(value, max - suffix.length)}${suffix}`;
}

/** A number as plain text; `digits` fixes the decimals. */
export function numberText(value: unknown, digits?: number): string {
  assertFiniteNumber('num', value);
  return digits === undefined ? String(value) : value.toFixed(digits);
}

/** A quantity for prose, as the CLI's cost table prints it: `3,007.507324`. */
export function quantityText(value: unknown): string {
  assertFiniteNumber('qty', value);
  return formatAmount(value);
}

/** US dollars for prose: `$1,234.56`. */
export function usdText(value: unknown): string {
  assertFiniteNumber('usd', value);
  return `$${formatUsd(value)}`;
}

/** Inline Markdown text: ASCII punctuation backslash-escaped, line breaks and controls as entities. */
export function markdownText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new QuotingError(`{{md}} needs a string, got ${describe(value)}`);
  // Control characters are matched on purpose: they become numeric entities.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>&"'~=:$@%^]|[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return `&#${code};`;
    return `\\${ch}`;
  });
}

/** A Terraform/HCL quoted string: JSON escapes plus `$${` and `%%{` so nothing is interpolated. */
export function hclString(value: unknown): string {
  if (typeof value === 'number') {
    assertFiniteNumber('hcl', value);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string')
    throw new QuotingError(`{{hcl}} needs a string or number, got ${describe(value)}`);
  return jsonValue(value).replace(/([$%])\{/g, (_match, sign: string) => `${sign}${sign}{`);
}

/** The helpers a mustache `{{helper value}}` may use: each quotes for one language. */
export const QUOTING_HELPERS = ['yaml', 'sh', 'py', 'json', 'dns', 'num', 'qty', 'usd', 'md', 'hcl'] as const;
/** Helpers for block statements (`{{#if}}`) and subexpressions: they decide, never print. */
export const LOGIC_HELPERS = [
  'if',
  'unless',
  'each',
  'with',
  'eq',
  'ne',
  'not',
  'and',
  'or',
  'gt',
  'lt',
] as const;

type HelperOptions = { hash?: Record<string, unknown> };
type HelperFn = (...args: unknown[]) => unknown;

function hashOf(args: unknown[]): Record<string, unknown> {
  const options = args[args.length - 1] as HelperOptions | undefined;
  return options?.hash ?? {};
}

/** A logic helper's arguments (without Handlebars' options), refusing undefined ones. */
function defined(name: string, args: unknown[]): unknown[] {
  const values = args.slice(0, -1);
  if (values.length === 0 || values.some((v) => v === undefined)) {
    throw new QuotingError(`(${name} ...) needs defined values (is a variable missing?)`);
  }
  return values;
}

/** The helper functions, keyed by name, as Handlebars calls them (the last argument is `options`). */
export function helperTable(): Record<string, HelperFn> {
  const one =
    (name: string, fn: (value: unknown, hash: Record<string, unknown>) => string): HelperFn =>
    (...args) => {
      if (args.length !== 2) throw new QuotingError(`{{${name}}} takes exactly one value`);
      return fn(args[0], hashOf(args));
    };
  const optionalNumber = (hash: Record<string, unknown>, key: string): number | undefined => {
    const v = hash[key];
    if (v === undefined) return undefined;
    assertFiniteNumber(key, v);
    return v;
  };
  const compare = (fn: (a: unknown, b: unknown) => boolean): HelperFn => {
    return (...args) => {
      if (args.length !== 3 || args[0] === undefined || args[1] === undefined) {
        throw new QuotingError('comparison helpers take exactly two defined values (is a variable missing?)');
      }
      return fn(args[0], args[1]);
    };
  };
  return {
    yaml: one('yaml', (v) => yamlValue(v)),
    sh: one('sh', (v) => shellWord(v)),
    py: one('py', (v) => pythonLiteral(v)),
    json: one('json', (v) => jsonValue(v)),
    dns: one('dns', (v, hash) =>
      dnsLabel(v, optionalNumber(hash, 'max') ?? 63, typeof hash.suffix === 'string' ? hash.suffix : ''),
    ),
    num: one('num', (v, hash) => numberText(v, optionalNumber(hash, 'digits'))),
    qty: one('qty', (v) => quantityText(v)),
    usd: one('usd', (v) => usdText(v)),
    md: one('md', (v) => markdownText(v)),
    hcl: one('hcl', (v) => hclString(v)),
    eq: compare((a, b) => a === b),
    ne: compare((a, b) => a !== b),
    gt: compare((a, b) => typeof a === 'number' && typeof b === 'number' && a > b),
    lt: compare((a, b) => typeof a === 'number' && typeof b === 'number' && a < b),
    not: (...args) => !defined('not', args)[0],
    and: (...args) => defined('and', args).every(Boolean),
    or: (...args) => defined('or', args).some(Boolean),
  };
}

export type { Scalar };
