import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built CLI that the chat process tests run. */
export const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** No CI variables (Ink holds frames back in CI), no AWS credentials, a fresh HOME (no price cache). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'chat-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
  for (const key of Object.keys(env)) {
    if (/^(CI|CONTINUOUS_INTEGRATION|CI_.*|AWS_.*|ML_DEPLOY_ADVISOR_.*)$/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}
