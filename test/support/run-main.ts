import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../deploy/helpers.js';

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
