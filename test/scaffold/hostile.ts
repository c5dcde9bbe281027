import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionId } from '../../src/core/options.js';
import { parse as parseYaml } from 'yaml';
import { formatProblems, validateRepo } from '../support/validate/index.js';
import { generate, HOSTILE_NAMES, PYTHON, readText, removeTempDirs, tempDir } from './support.js';

/**
 * Hostile project names: every one gives valid files that hold the name exactly where it is
 * stored as a value (YAML, Python), and running the generated shell and Make dry runs executes
 * nothing from it. The names that would run a command point at a folder this test watches.
 */
const trap = tempDir('mlda-pwned-');
const PWNED = join(trap, 'pwned');
const NAMES = [
  ...HOSTILE_NAMES.map((n) => n.replaceAll('/tmp/pwned', PWNED)),
  `"; touch ${PWNED}; echo "`,
  `'; touch ${PWNED}; echo '`,
  `\n- touch ${PWNED}`,
];

/** The suite for one option (one test file per option, so they run in parallel). */
export function hostileSuite(option: OptionId): void {
  afterAll(removeTempDirs);
  afterAll(() => {
    expect(existsSync(PWNED)).toBe(false);
    rmSync(trap, { recursive: true, force: true });
  });
  describe(`hostile project names on ${option}`, () => hostileCases(option));
}

function hostileCases(option: OptionId): void {
  it.each(NAMES.map((name) => ({ name, label: JSON.stringify(name) })))('$label', async ({ name }) => {
    const dir = await generate(option, { projectName: name });

    // Stored values round-trip exactly.
    for (const env of ['staging', 'production']) {
      const config = parseYaml(readText(dir, `config/${env}.yaml`)) as {
        project: { name: string; slug: string };
      };
      expect(config.project.name).toBe(name);
      expect(config.project.slug).toMatch(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/);
    }
    const py = spawnSync(PYTHON, ['-c', 'import sys, app.settings as s; sys.stdout.write(s.PROJECT_NAME)'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(py.stderr).toBe('');
    expect(py.stdout).toBe(name);

    // Every file is still valid: YAML, JSON, Python, shellcheck, workflow, Dockerfile...
    const report = await validateRepo(dir);
    expect(formatProblems(report)).toBe('');

    // The Markdown title keeps the name on one line.
    const title = readText(dir, 'README.md').split('\n')[0]!;
    expect(title.startsWith('# ')).toBe(true);

    // Make and shell dry runs: parse and print, run nothing from the name.
    const make = spawnSync(
      'make',
      ['-n', 'help', 'install', 'test', 'test-local', 'build', 'run', 'load-test', 'deploy', 'rollback'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
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
}
