import { execFileSync } from 'node:child_process';
import { ensureCfnSpecCache } from './support/validate/cfn-spec.js';

/**
 * Once, before any test:
 * - tests that run the CLI as a process use the bundle: build it unless it is newer than every
 *   file it is built from (`npm test` has just built it);
 * - the CloudFormation validator reads a compact extract of the AWS resource specification: write
 *   it now, so that test workers read it instead of each loading the full database.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  ensureCfnSpecCache();
}
