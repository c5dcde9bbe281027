import { processIo, type CliIo } from '../io/cli-io.js';
import { runCommand } from './run.js';

/**
 * The entry point of the fast bundle: the commands of FAST_COMMANDS (command-names.ts), which
 * bin.ts sends here, run exactly as main.ts runs them. Built as one file with none of the chat,
 * report, scaffold or deploy code (see scripts/build.mjs), so a run compiles and links one
 * module instead of thirty; each command's modules are set up only when it runs.
 */
const COMMANDS = {
  recommend: { load: async () => (await import('./commands/recommend.js')).recommendCommand },
  knowledge: { load: async () => (await import('./commands/knowledge.js')).knowledgeCommand },
  cost: { load: async () => (await import('./commands/cost.js')).costCommand },
  pricing: { load: async () => (await import('./commands/pricing.js')).pricingCommand },
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runCommand(argv, io, COMMANDS);
}
