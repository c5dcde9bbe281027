import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asNobody, CLI, cliAsNobody, exitOf, NOBODY } from '../support/run-cli.js';

/**
 * Faults where the process boundary is the point: a reader that closes the pipe, signals in the
 * middle of a write, and permissions, which only mean something for a user that is not root.
 * The machine runs the tests as root, who ignores file modes; those cases run the CLI as
 * `nobody` through `setpriv --reuid=65534 --regid=65534 --clear-groups` (util-linux).
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-proc-'));
  dirs.push(dir);
  chmodSync(dir, 0o755);
  return dir;
}

const ANSWERS = 'framework: sklearn\nrequestsPerSecond: 20\nlatencyP95Ms: 250\nmonthlyBudgetUsd: 800\n';
function answersFile(): string {
  const file = join(temp(), 'answers.yaml');
  writeFileSync(file, ANSWERS);
  chmodSync(file, 0o644);
  return file;
}

const ENV = { PATH: process.env.PATH, HOME: tmpdir() };

/** Every path and its content under a folder, to show that nothing changed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        out.push(`${p}/ ${statSync(p).mode.toString(8)}`);
        walk(p);
      } else out.push(`${p} ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out.sort();
}

function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out waiting'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

describe('a reader that closes the pipe early', () => {
  it('scaffold --dry-run | head: no EPIPE stack trace, a normal exit', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'scaffold',
        '--answers',
        answersFile(),
        '--target',
        'eks',
        '--out',
        join(temp(), 'x'),
        '--dry-run',
        '--pricing',
        'snapshot',
      ],
      { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Close our end before the CLI writes: its first write fails with EPIPE.
    child.stdout.destroy();
    const { code, stderr } = await exitOf(child);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code, stderr).toBe(0);
  });
});

describe('signals in the middle of a scaffold write', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s removes the temporary folder and leaves no target',
    async (signal) => {
      const parent = temp();
      const out = join(parent, 'repo');
      const child = spawn(
        process.execPath,
        [
          CLI,
          'scaffold',
          '--answers',
          answersFile(),
          '--target',
          'eks',
          '--out',
          out,
          '--pricing',
          'snapshot',
        ],
        { env: { ...ENV, ML_DEPLOY_ADVISOR_TEST_SLOW_WRITE_MS: '40' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exit = exitOf(child);
      await waitFor(() => readdirSync(parent).some((n) => n.includes('.scaffold-')));
      child.kill(signal);
      const { code, stderr } = await exit;
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(/interrupted: nothing was written/);
      expect(readdirSync(parent)).toEqual([]);
    },
  );
});

describe('writing into an existing folder', () => {
  it('--out . fills the current folder: same folder, same mode, the shell stays in it', () => {
    // The parent is not writable for the user (a home folder under /home): nothing may be staged there.
    const home = temp();
    const cwd = join(home, 'proj');
    mkdirSync(cwd);
    chownSync(cwd, NOBODY, NOBODY);
    chmodSync(cwd, 0o750);
    chmodSync(home, 0o555);
    const before = statSync(cwd);
    const result = spawnSync(
      ...cliAsNobody([
        'scaffold',
        '--answers',
        answersFile(),
        '--target',
        'lambda',
        '--out',
        '.',
        '--pricing',
        'snapshot',
      ]),
      { cwd, env: ENV, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const after = statSync(cwd);
    expect(after.ino).toBe(before.ino); // filled, not replaced by a new folder
    expect(after.mode & 0o777).toBe(0o750);
    expect(readdirSync(cwd)).toContain('README.md');
    expect(readdirSync(cwd).filter((n) => n.includes('.scaffold-'))).toEqual([]);
    expect(readdirSync(home)).toEqual(['proj']);
  });
});

describe('permissions, as the user nobody (setpriv)', () => {
  const runAsNobody = (args: string[], cwd: string) =>
    spawnSync(...cliAsNobody(args), { cwd, env: ENV, encoding: 'utf8', timeout: 60_000 });

  it('is really someone else: nobody cannot write in a folder of mode 0555', () => {
    const dir = temp();
    chownSync(dir, NOBODY, NOBODY);
    chmodSync(dir, 0o555);
    const probe = spawnSync(...asNobody('touch', [join(dir, 'f')]), { encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
  });

  it('scaffold --force with one read-only subfolder writes nothing (it moved 29 of 37 files in)', () => {
    const parent = temp();
    const target = join(parent, 'repo');
    mkdirSync(join(target, 'app'), { recursive: true });
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    writeFileSync(join(target, 'app', 'model.py'), '# my own model\n');
    for (const p of [
      parent,
      target,
      join(target, 'app'),
      join(target, 'notes.txt'),
      join(target, 'app', 'model.py'),
    ])
      chownSync(p, NOBODY, NOBODY);
    chmodSync(join(target, 'app'), 0o555);
    const before = listing(target);
    const result = runAsNobody(
      [
        'scaffold',
        '--answers',
        answersFile(),
        '--target',
        'lambda',
        '--out',
        target,
        '--force',
        '--pricing',
        'snapshot',
      ],
      parent,
    );
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/app is a folder we cannot write in/);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(listing(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['repo']);
  });

  it('report --out in a folder nobody cannot write in names --out, exit 2 (was a raw EACCES on a temp file)', () => {
    const dir = temp();
    chmodSync(dir, 0o555);
    const result = runAsNobody(
      ['report', '--answers', answersFile(), '--out', join(dir, 'r.md'), '--pricing', 'snapshot'],
      dir,
    );
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --out .*r\.md: cannot write in .* \(permission denied\); nothing was written$/m,
    );
    expect(result.stderr).not.toMatch(/EACCES|\.mlda-\d+/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unreadable --from-notebook names the flag, exit 2 (was a raw EACCES)', () => {
    const dir = temp();
    const nb = join(dir, 'nb.ipynb');
    writeFileSync(nb, '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}');
    chmodSync(nb, 0o600);
    const result = runAsNobody(
      ['recommend', '--answers', answersFile(), '--from-notebook', nb, '--pricing', 'snapshot'],
      dir,
    );
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --from-notebook .*nb\.ipynb: cannot be read \(permission denied\)$/m,
    );
  });

  it('pricing refresh exits 1 when the cache cannot be written', async () => {
    const { startFakePriceList } = await import('../pricing/fake-price-list.js');
    const fake = await startFakePriceList();
    try {
      const home = temp();
      const cache = join(home, 'cache');
      mkdirSync(cache);
      chownSync(home, NOBODY, NOBODY);
      chmodSync(cache, 0o555); // owned by root: nobody cannot create the cache folder in it
      const child = spawn(...cliAsNobody(['pricing', 'refresh', '--pricing-endpoint', fake.server.url]), {
        cwd: home,
        env: {
          ...ENV,
          HOME: home,
          XDG_CACHE_HOME: cache,
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const { code, stderr } = await exitOf(child);
      expect(stderr).toMatch(/could not write the price cache/);
      expect(code, stderr).toBe(1);
    } finally {
      await fake.server.close();
    }
  }, 60_000);
});
