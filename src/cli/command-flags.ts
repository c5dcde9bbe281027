import { PRICING_FLAGS } from '../pricing/flag-help.js';

/**
 * Flags declared once, as tables: what node:util parseArgs needs (type, short) and the help line.
 * A command builds its table from the shared entries and its own, parses with `parseOptions`
 * and prints `flagHelp`, so a flag cannot be parsed without being documented or the other way
 * round. The pricing flags and their help live in src/pricing/flag-help.ts, which the chat reads
 * without loading the price sources.
 */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder shown after the flag in help: FILE, DIR, OPTION. */
  value?: string;
  /** The help text; several lines are joined with the help column's indent. Empty: not listed. */
  help: string | readonly string[];
}

export type FlagTable = Record<string, FlagSpec>;

export const HELP_FLAG = { help: { type: 'boolean', short: 'h', help: '' } } as const satisfies FlagTable;
export const JSON_FLAG = {
  json: { type: 'boolean', help: 'print the result as JSON (alone on stdout)' },
} as const satisfies FlagTable;
export const KNOWLEDGE_FLAG = {
  'knowledge-dir': {
    type: 'string',
    value: 'DIR',
    help: 'use another rules base (default: the bundled knowledge/)',
  },
} as const satisfies FlagTable;
export const ANSWERS_FLAG = {
  answers: {
    type: 'string',
    value: 'FILE',
    help: 'the answers file (see README: framework, requestsPerSecond, ...)',
  },
} as const satisfies FlagTable;
/** --from-notebook: each command says what it does with the notebook. */
export const fromNotebookFlag = (help: readonly string[]) =>
  ({ 'from-notebook': { type: 'string', value: 'NB', help } }) as const satisfies FlagTable;

/** The pricing flags as a table; their help is the shared block PRICING_FLAGS_HELP. */
export const PRICING_FLAG_TABLE = Object.fromEntries(
  Object.entries(PRICING_FLAGS).map(([name, spec]) => [name, { ...spec, help: '' }]),
) as { [K in keyof typeof PRICING_FLAGS]: (typeof PRICING_FLAGS)[K] & { help: '' } };

/** What parseArgs takes: the type and short name of each flag. */
export function parseOptions<T extends FlagTable>(
  table: T,
): { [K in keyof T]: T[K] extends { short: string } ? Pick<T[K], 'type' | 'short'> : Pick<T[K], 'type'> } {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
    ]),
  ) as never;
}

/** One help line per documented flag: `  --name VALUE` padded to `column`, then its text. */
export function flagHelp(table: FlagTable, column = 26): string {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const text = typeof spec.help === 'string' ? [spec.help] : spec.help;
    if (text.length === 0 || text[0] === '') continue;
    const head = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
    lines.push(`${head.padEnd(column - 1)} ${text[0]}`);
    for (const more of text.slice(1)) lines.push(`${' '.repeat(column)}${more}`);
  }
  return lines.join('\n');
}
