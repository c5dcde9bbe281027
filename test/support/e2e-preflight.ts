import { preflightMessage } from './e2e-tools.js';

/**
 * Global setup of the e2e project (vitest.config.ts): before any test file runs, check every
 * Debian tool the suite uses and stop the run at once with the one apt-get line that installs
 * whatever is missing. Without it each file found its own missing tools: minutes of the tests
 * that could run, one apt-get line per missing set, and "N failed" files to read through.
 */
export default function preflight(): void {
  const message = preflightMessage();
  if (message === undefined) return;
  const error = new Error(message);
  // The message is the whole story: a stack into this file would only bury the apt-get line.
  error.stack = message;
  throw error;
}
