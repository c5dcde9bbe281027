import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserInputError } from '../core/errors.js';
import { quoteValue } from '../core/sanitize.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags with node:util (no dependency, nothing to load at start-up) and
 * turns its errors into user errors that name the flag and list the ones allowed.
 */
export function parseFlags<T extends Options>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : '';
    const allowed = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UserInputError(`${command}: ${message}; allowed flags: ${allowed}`);
  }
  // node:util keeps the last of a repeated flag silently: `--memory-mb 512 --memory-mb 1024`
  // priced 1024 without a word. Every flag here takes one value, so a repeat is an error.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) {
      throw new UserInputError(`${command}: --${token.name} is given more than once; give it once`);
    }
    seen.add(token.name);
  }
  const { values, positionals } = parsed;
  return { values, positionals };
}

/** A plain decimal number: digits, an optional fraction and exponent; no hex, octal, binary or Infinity. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Past this a number stops meaning anything a price can multiply: 1e300 requests priced at
 * $2e-7 each is still finite, but tiers and totals overflow to Infinity. Far above any real
 * workload (a trillion requests, hours or GB a month).
 */
export const FLAG_MAX = 1e12;

/**
 * A numeric flag: absent gives undefined; anything but a finite number in [min, max] (or above
 * min when `above` is set: counts whose zero would price a workload at $0) is a user error.
 */
export function numberFlag(
  name: string,
  value: string | boolean | undefined,
  {
    min = 0,
    max = FLAG_MAX,
    integer = false,
    above = false,
  }: { min?: number; max?: number; integer?: boolean; above?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  // Number() also reads "0x10", "0b1", " 12 " and "-0": only a decimal number is a flag value.
  const n =
    typeof value === 'string' && DECIMAL.test(value) && !/^-0*(\.0*)?([eE]|$)/.test(value)
      ? Number(value)
      : Number.NaN;
  const low = above ? n <= min : n < min;
  if (!Number.isFinite(n) || low || n > max || (integer && !Number.isInteger(n))) {
    throw new UserInputError(
      `--${name}: ${quoteValue(String(value))} is not allowed; expected ${integer ? 'an integer' : 'a number'} ${above ? '>' : '>='} ${min} and <= ${max}`,
    );
  }
  return n;
}

/** A flag whose value must be one of a fixed list. */
export function choiceFlag<C extends string>(
  name: string,
  value: string | boolean | undefined,
  choices: readonly C[],
): C | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
  throw new UserInputError(
    `--${name}: ${quoteValue(String(value))} is not allowed; use one of ${choices.join(', ')}`,
  );
}

export function requireFlag<V>(command: string, name: string, value: V | undefined, what: string): V {
  if (value === undefined || value === '') {
    throw new UserInputError(`${command}: --${name} is required (${what})`);
  }
  return value;
}
