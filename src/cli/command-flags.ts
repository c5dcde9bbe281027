import { PRICING_FLAGS } from '../pricing/flag-help.js';

/**
 * The flags several commands share, declared once: their parse options (node:util parseArgs).
 * A command spreads the groups it takes into its own table, so `--answers` or `--knowledge-dir`
 * is the same flag everywhere. The pricing flags and their help live in src/pricing/flag-help.ts,
 * which the chat also reads without loading the price sources.
 */
export const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;
export const JSON_FLAG = { json: { type: 'boolean' } } as const;
export const ANSWERS_FLAGS = {
  answers: { type: 'string' },
  'from-notebook': { type: 'string' },
} as const;
export const KNOWLEDGE_FLAG = { 'knowledge-dir': { type: 'string' } } as const;
export { PRICING_FLAGS };

/** Flag values as parseArgs returns them. */
export type FlagValues = Record<string, string | boolean | undefined>;
