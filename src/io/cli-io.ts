import { sanitizeText } from '../core/sanitize.js';

/** The streams and environment a command runs with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command takes its own arguments (after the command name) and resolves to an exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Every line the CLI prints goes through here: escape sequences, other controls and bidi overrides
 * from answers, rules, notebooks or AWS errors are stripped, so nothing printed can clear the
 * screen, retitle the window or write the clipboard. No command prints colour on purpose.
 */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  const safe = sanitizeText(text);
  stream.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}
