import { MAX_ERROR_DETAILS, UserInputError } from '../core/errors.js';
import { writeLine, type CliIo, type Command } from '../io/cli-io.js';
import { COMMAND_NAMES } from './command-names.js';

/**
 * Runs the command `argv` names (the chat when it names none) with the loaders given, and turns
 * what it throws into an exit code. Both entry points share it: main.ts, which knows every
 * command, and fast.ts, the single-file bundle of the non-interactive ones.
 */
export async function runCommand(
  argv: string[],
  io: CliIo,
  commands: Partial<Record<string, { load: () => Promise<Command> }>>,
): Promise<number> {
  const [first, ...rest] = argv;
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : 'chat';
  const args = named ? rest : argv;
  const entry = commands[name];
  if (!entry) {
    writeLine(io.stderr, `error: unknown command "${name}"; commands: ${COMMAND_NAMES.join(', ')}`);
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
export { MAX_ERROR_DETAILS };

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
