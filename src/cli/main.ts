import { processIo, writeLine, type CliIo, type Command } from '../io/cli-io.js';
import { VERSION } from '../version.js';
import type { CommandName } from './command-names.js';
import { runCommand } from './run.js';

/**
 * The entry point. It only routes: each command is imported when it is run, so `recommend`
 * never loads Ink, React or the AWS SDK, and the chat loads them only for itself.
 */
const COMMANDS: Record<CommandName, { summary: string; load: () => Promise<Command> }> = {
  chat: {
    summary: 'the interactive, chat-style advisor (default command)',
    load: async () => (await import('./commands/chat.js')).chatCommand,
  },
  recommend: {
    summary: 'score every option and print the ranking (table, or --json)',
    load: async () => (await import('./commands/recommend.js')).recommendCommand,
  },
  report: {
    summary: 'write the recommendation report',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  scaffold: {
    summary: 'generate the starter deployment repo for one option',
    load: async () => (await import('./commands/scaffold.js')).scaffoldCommand,
  },
  deploy: {
    summary: 'deploy a SageMaker scaffold (create or update the endpoint)',
    load: async () => (await import('./commands/deploy.js')).deployCommand,
  },
  cost: {
    summary: 'price one explicit workload for one option',
    load: async () => (await import('./commands/cost.js')).costCommand,
  },
  pricing: {
    summary: 'pricing show | pricing refresh: the prices in use, or refresh the cache',
    load: async () => (await import('./commands/pricing.js')).pricingCommand,
  },
  knowledge: {
    summary: 'knowledge check [--dir DIR]: validate a rules base',
    load: async () => (await import('./commands/knowledge.js')).knowledgeCommand,
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    `ml-deploy-advisor ${VERSION}: where to run an ML model, what it costs, and a repo that deploys it.`,
    '',
    'Usage: ml-deploy-advisor [COMMAND] [FLAGS]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `ml-deploy-advisor COMMAND --help` for the flags of one command.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first] = argv;
  if (first === '--version' || first === '-v') {
    writeLine(io.stdout, VERSION);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    writeLine(io.stdout, mainHelp());
    return 0;
  }
  return runCommand(argv, io, COMMANDS);
}

export { MAX_ERROR_DETAILS, MAX_ERROR_LINE, reportError } from './run.js';
