import { tmpdir } from 'node:os';
import type { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { packageRoot } from '../../src/paths.js';
import { captureIo } from '../deploy/helpers.js';
import { cliEnv, type CliResult, type RunOptions } from './run-cli.js';

/** An offline environment: the bundled snapshot, never the network. */
export const OFFLINE_ENV: NodeJS.ProcessEnv = { HOME: tmpdir(), ML_DEPLOY_ADVISOR_TEST: '1' };

/**
 * Runs the CLI's main() in this process with captured streams: the exit code, what it printed,
 * and the CPU it used (user + system, in ms; CPU rather than wall time, which the machine's other
 * work inflates).
 */
export async function runMain(args: string[], env: NodeJS.ProcessEnv = OFFLINE_ENV, cwd = process.cwd()) {
  const cap = captureIo(env, cwd);
  const before = process.cpuUsage();
  const code = await main([...args], cap.io);
  const used = process.cpuUsage(before);
  return { code, stdout: cap.stdout(), stderr: cap.stderr(), cpuMs: (used.user + used.system) / 1000 };
}

/**
 * runCli's twin in this process: the same arguments, options and environment (offline, no AWS
 * configuration, no colour), main() instead of a child process. A process costs ~100 ms of CPU,
 * mostly start-up; keep real processes for what only a process shows (exit on a signal, a clean
 * stdout from the bundle, start-up loads) and use this for what a command says and returns.
 */
export async function runInProcess(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const cap = captureIo(cliEnv(options.env), options.cwd ?? packageRoot());
  if (options.input !== undefined) (cap.io.stdin as PassThrough).end(options.input);
  const code = await main([...args], cap.io);
  return { code, signal: null, stdout: cap.stdout(), stderr: cap.stderr() };
}
