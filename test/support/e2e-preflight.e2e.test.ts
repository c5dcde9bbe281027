import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run test:e2e` with a Debian tool hidden stops before any test file runs, with one apt-get
 * line (test/support/e2e-preflight.ts; its decisions are unit-tested in e2e-preflight.test.ts).
 * It runs here, in the e2e suite, as it starts a vitest process of its own.
 */
const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'mlda-preflight-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('e2e preflight, as a run', () => {
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
