import { execFileSync } from 'node:child_process';

/** Tests that run the CLI as a process use the bundle: build it once, fresh, before any test. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
