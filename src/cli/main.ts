import { UserInputError } from '../core/errors.js';
import { processIo, writeLine, type CliIo, type Command } from '../io/cli-io.js';
import { VERSION } from '../version.js';

/**
 * The entry point. It only routes: each command is imported when it is run, so `recommend`
 * never loads Ink, React or the AWS SDK, and the chat loads them only for itself.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
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
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    writeLine(io.stdout, VERSION);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    writeLine(io.stdout, mainHelp());
    return 0;
  }
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : 'chat';
  const args = named ? rest : argv;
  const entry = COMMANDS[name];
  if (!entry) {
    writeLine(io.stderr, `error: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * The longest error line printed: a message quoting a rejected value (a 50 MB project name) is
 * cut, with its length said, rather than echoed whole.
 */
export const MAX_ERROR_LINE = 2000;
/** At most this many detail lines (50,000 unknown keys are not 50,000 lines). */
export const MAX_ERROR_DETAILS = 50;

function bounded(line: string): string {
  if (line.length <= MAX_ERROR_LINE) return line;
  return `${line.slice(0, MAX_ERROR_LINE).replace(/[\ud800-\udbff]$/, '')}... (cut; ${line.length} characters)`;
}

/** User errors: the message and exit 2. Anything else: exit 1, with the stack only on request. */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UserInputError) {
    writeLine(io.stderr, `error: ${bounded(error.message)}`);
    const lines = error.details.flatMap((detail) => detail.split('\n'));
    for (const line of lines.slice(0, MAX_ERROR_DETAILS)) writeLine(io.stderr, `  - ${bounded(line)}`);
    if (lines.length > MAX_ERROR_DETAILS)
      writeLine(io.stderr, `  - ... and ${lines.length - MAX_ERROR_DETAILS} more problems`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `error: ${bounded(message)}`);
  if (io.env.ML_DEPLOY_ADVISOR_DEBUG && error instanceof Error && error.stack)
    writeLine(io.stderr, error.stack);
  return 1;
}
