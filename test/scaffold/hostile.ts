import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionId } from '../../src/core/options.js';
import { parse as parseYaml } from 'yaml';
import { requireTools } from '../support/e2e-tools.js';
import { formatProblems, validateRepoInProcess, validateRepoWithTools } from '../support/validate/index.js';
import { generate, HOSTILE_NAMES, PYTHON, readText, removeTempDirs, tempDir } from './support.js';

/**
 * Hostile project names: every one gives valid files that hold the name exactly where it is
 * stored as a value (YAML, Python), and running the generated shell and Make dry runs executes
 * nothing from it. The names that would run a command point at a folder this test watches.
 * `hostileSuite` checks what Node can (npm test); `hostileToolsSuite` what needs Python, make,
 * shellcheck and yamllint (npm run test:e2e).
 */
/** The names, with the ones that would run a command pointing at `pwned` (a file that must never appear). */
function cases(pwned: string): { name: string; label: string }[] {
  const names = [
    ...HOSTILE_NAMES.map((n) => n.replaceAll('/tmp/pwned', pwned)),
    `"; touch ${pwned}; echo "`,
    `'; touch ${pwned}; echo '`,
    `\n- touch ${pwned}`,
  ];
  return names.map((name) => ({ name, label: JSON.stringify(name) }));
}

/** A watched folder per test file (made when the file registers its tests), removed after it. */
function trapFor(): string {
  const trap = tempDir('mlda-pwned-');
  const pwned = join(trap, 'pwned');
  afterAll(removeTempDirs);
  afterAll(() => {
    expect(existsSync(pwned)).toBe(false);
    rmSync(trap, { recursive: true, force: true });
  });
  return pwned;
}

/** The in-process suite for one option (hostile-names.test.ts registers it for each). */
export function hostileSuite(option: OptionId): void {
  const PWNED = trapFor();
  describe(`hostile project names on ${option}`, () => {
    it.each(cases(PWNED))('$label', async ({ name }) => {
      const dir = await generate(option, { projectName: name });

      // Stored values round-trip exactly.
      for (const env of ['staging', 'production']) {
        const config = parseYaml(readText(dir, `config/${env}.yaml`)) as {
          project: { name: string; slug: string };
        };
        expect(config.project.name).toBe(name);
        expect(config.project.slug).toMatch(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/);
      }

      // Every file is still valid: YAML, JSON, workflow, Dockerfile, CloudFormation...
      const report = await validateRepoInProcess(dir);
      expect(formatProblems(report)).toBe('');

      // The Markdown title keeps the name on one line.
      const title = readText(dir, 'README.md').split('\n')[0]!;
      expect(title.startsWith('# ')).toBe(true);
      expect(existsSync(PWNED)).toBe(false);
    });
  });
}

/** What needs Debian's tools, for one option: Python reads the name back, shell and Make run nothing. */
export function hostileToolsSuite(option: OptionId): void {
  requireTools('python', 'shellcheck', 'yamllint', 'make');
  const PWNED = trapFor();
  describe(`hostile project names on ${option}, with Python, make, shellcheck and yamllint`, () => {
    it.each(cases(PWNED))('$label', async ({ name }) => {
      const dir = await generate(option, { projectName: name });

      const py = spawnSync(
        PYTHON,
        ['-c', 'import sys, app.settings as s; sys.stdout.write(s.PROJECT_NAME)'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(py.stderr).toBe('');
      expect(py.stdout).toBe(name);

      // Scripts pass shellcheck, YAML passes yamllint, Python compiles.
      expect(formatProblems(validateRepoWithTools(dir))).toBe('');

      // Make and shell dry runs: parse and print, run nothing from the name.
      const make = spawnSync(
        'make',
        ['-n', 'help', 'install', 'test', 'test-local', 'build', 'run', 'load-test', 'deploy', 'rollback'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(make.status, make.stderr).toBe(0);
      expect(spawnSync('make', ['help'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
      for (const script of readdirSync(join(dir, 'scripts')).filter((f) => f.endsWith('.sh'))) {
        const syntax = spawnSync('bash', ['-n', join('scripts', script)], { cwd: dir, encoding: 'utf8' });
        expect(syntax.status, syntax.stderr).toBe(0);
      }
      // Usage errors run the scripts for real up to their argument checks.
      expect(spawnSync('bash', ['scripts/deploy.sh'], { cwd: dir, encoding: 'utf8' }).status).toBe(2);
      expect(spawnSync('bash', ['scripts/rollback.sh'], { cwd: dir, encoding: 'utf8' }).status).toBe(2);
      expect(existsSync(PWNED)).toBe(false);
    });
  });
}
