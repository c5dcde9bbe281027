import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertTools, missingPackages, which } from './e2e-tools.js';

/**
 * The e2e suites' guard: a missing Debian tool fails the test at once with the one apt-get line
 * that installs it. Simulated with a PATH that holds only node (and stand-ins made here).
 */
const root = join(import.meta.dirname, '..', '..');
const bare = mkdtempSync(join(tmpdir(), 'mlda-bare-path-'));
symlinkSync(process.execPath, join(bare, 'node'));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

function standIn(name: string, body: string): string {
  const dir = mkdtempSync(join(bare, 'bin-'));
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('e2e tools', () => {
  it('names every missing command and the single apt-get line that installs them', () => {
    expect(missingPackages(['shellcheck', 'tmux', 'yamllint'], { path: bare })).toEqual([
      'shellcheck',
      'tmux',
      'yamllint',
    ]);
    expect(() => assertTools(['shellcheck', 'tmux'], { path: bare })).toThrow(
      /\n {2}apt-get install -y --no-install-recommends shellcheck tmux$/,
    );
  });

  it('finds a command that is on PATH', () => {
    const tmux = standIn('tmux', 'exit 0');
    const path = `${bare}:${join(tmux, '..')}`;
    expect(which('tmux', path)).toBe(tmux);
    expect(missingPackages(['tmux'], { path })).toEqual([]);
    expect(() => assertTools(['tmux'], { path })).not.toThrow();
  });

  it("names the Debian packages of the Python modules that Debian's Python lacks", () => {
    // A stand-in for /usr/bin/python3 that reports torch and pytest as not found.
    const python = standIn('python3', 'echo torch pytest');
    expect(missingPackages(['python'], { python })).toEqual(['python3-torch', 'python3-pytest']);
    expect(missingPackages(['python'], { python: join(bare, 'no-python3') })).toContain('python3');
    expect(() => assertTools(['python', 'curl'], { python, path: bare })).toThrow(
      'apt-get install -y --no-install-recommends python3-torch python3-pytest curl',
    );
  });

  it('fails an e2e test file (never skips it) when its tool is missing', () => {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', 'test/fixtures/e2e-tools'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: bare, CI: 'true', NO_COLOR: '1' } },
    );
    const out = run.stdout + run.stderr;
    expect(run.status, out).toBe(1);
    expect(out).toContain('apt-get install -y --no-install-recommends tmux');
    expect(out).toMatch(/Test Files\s+1 failed/);
  });
});
