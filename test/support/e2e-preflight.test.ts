import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TOOLS, preflightMessage } from './e2e-tools.js';

/**
 * `npm run test:e2e` checks every Debian tool before any test file starts and stops with one
 * apt-get line for all that is missing (test/support/e2e-preflight.ts). Simulated with PATH
 * folders of stand-ins made here, and a stand-in for Debian's Python. The run of vitest itself
 * with a tool hidden is e2e-preflight.e2e.test.ts (a process of its own, about 3 CPU-s).
 */
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
});
