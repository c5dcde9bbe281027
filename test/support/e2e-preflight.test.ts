import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TOOLS, preflightMessage } from './e2e-tools.js';

/**
 * `npm run test:e2e` checks every Debian tool before any test file starts and stops with one
 * apt-get line for all that is missing (test/support/e2e-preflight.ts). Simulated with PATH
 * folders of stand-ins made here, and a stand-in for Debian's Python.
 */
const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'mlda-preflight-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding an executable stand-in for each of `names`. */
function pathWith(...names: string[]): string {
  const dir = mkdtempSync(join(scratch, 'bin-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** A stand-in for /usr/bin/python3 that reports `missing` modules as not found. */
function python(...missing: string[]): string {
  const file = join(pathWith(), 'python3');
  writeFileSync(file, `#!/bin/sh\necho ${missing.join(' ')}\n`);
  chmodSync(file, 0o755);
  return file;
}

const COMMANDS = ['shellcheck', 'yamllint', 'tmux', 'chromium', 'make', 'curl'];

describe('e2e preflight', () => {
  it('checks every command the e2e suite uses, and Debian Python', () => {
    expect(E2E_TOOLS).toEqual([...COMMANDS, 'python']);
  });

  it('names every missing package on one line, then the single apt-get line for all of them', () => {
    const path = pathWith('make', 'curl', 'tmux');
    expect(preflightMessage({ path, python: python('torch', 'xgboost') })).toBe(
      'npm run test:e2e needs Debian packages that are missing: shellcheck, yamllint, chromium, ' +
        'python3-xgboost, python3-torch\n' +
        '  apt-get install -y --no-install-recommends shellcheck yamllint chromium python3-xgboost python3-torch',
    );
  });

  it('lists Python and every module package when Debian Python is absent', () => {
    const message = preflightMessage({ path: pathWith(...COMMANDS), python: join(scratch, 'no-python3') });
    expect(message?.split('\n')[1]).toBe(
      '  apt-get install -y --no-install-recommends python3 python3-fastapi python3-uvicorn python3-httpx ' +
        'python3-numpy python3-joblib python3-sklearn python3-xgboost python3-torch python3-pytest',
    );
  });

  it('says nothing when every tool is there', () => {
    expect(preflightMessage({ path: pathWith(...COMMANDS), python: python() })).toBeUndefined();
  });

  it('stops `vitest --project e2e` before any test file runs, with the apt-get line', () => {
    // PATH: one folder of every /usr/bin entry but shellcheck, and the node running this test.
    const bin = join(scratch, 'usr-bin');
    mkdirSync(bin);
    for (const name of readdirSync('/usr/bin')) {
      if (name !== 'shellcheck' && name !== 'node') symlinkSync(join('/usr/bin', name), join(bin, name));
    }
    symlinkSync(process.execPath, join(bin, 'node'));
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--project',
        'e2e',
        'test/scaffold/helpers.e2e.test.ts',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          PATH: bin,
          CI: 'true',
          NO_COLOR: '1',
          MLDA_CPU_PROBE: '',
          MLDA_CPU_PROFILE: '',
        },
      },
    );
    const out = run.stdout + run.stderr;
    expect(run.status, out).not.toBe(0);
    expect(run.status, out).not.toBeNull();
    expect(Date.now() - started, out).toBeLessThan(20_000);
    expect(out).toMatch(/^Error: npm run test:e2e needs Debian packages that are missing: .*\bshellcheck\b/m);
    const installs = out.match(/apt-get install.*/g) ?? [];
    expect(installs, out).toHaveLength(1);
    expect(installs[0]).toMatch(/^apt-get install -y --no-install-recommends (\S+ )*shellcheck( |$)/);
    expect(out).not.toMatch(/Test Files/);
    expect(out).not.toContain('helpers.e2e.test.ts >');
  }, 60_000);
});
