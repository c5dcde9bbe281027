import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { packageRoot } from '../../src/paths.js';
import type { RawCatalogue } from '../../src/scaffold/catalogue.js';
import { planScaffold } from '../../src/scaffold/plan.js';
import { CLI, runCli } from '../support/run-cli.js';
import { runInProcess } from '../support/run-main.js';
import { prepare, removeTempDirs, tempDir, templates } from './support.js';

afterAll(removeTempDirs);

function answersFile(extra: Record<string, unknown> = {}): string {
  const path = join(tempDir(), 'answers.json');
  writeFileSync(
    path,
    JSON.stringify({
      framework: 'sklearn',
      requestsPerSecond: 5,
      latencyP95Ms: 200,
      monthlyBudgetUsd: 400,
      ...extra,
    }),
  );
  return path;
}

// Writing a repository and Ctrl+C run the built CLI as a process; the other cases call main() in
// this process (test/support/run-main.ts), which returns the exit code the process would exit with.
describe('scaffold command', () => {
  it('writes the repository and prints where', () => {
    const out = join(tempDir(), 'repo');
    const result = runCli(['scaffold', '--answers', answersFile(), '--target', 'ecs-fargate', '--out', out]);
    expect(result.stderr).toMatch(/wrote \d+ files/);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(out);
    expect(existsSync(join(out, 'app/serve.py'))).toBe(true);
    expect(existsSync(join(out, 'docs/RECOMMENDATION.md'))).toBe(true);
  });

  it('--dry-run lists every file and writes nothing', async () => {
    const parent = tempDir();
    const out = join(parent, 'repo');
    const result = await runInProcess([
      'scaffold',
      '--answers',
      answersFile(),
      '--target',
      'lambda',
      '--out',
      out,
      '--dry-run',
    ]);
    expect(result.code).toBe(0);
    const prepared = await prepare('lambda', { monthlyBudgetUsd: 400 });
    const listed = result.stdout
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.slice(2));
    expect(listed).toEqual(prepared.files.map((f) => f.path));
    expect(result.stdout).toMatch(/^dry run: would write \d+ files/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a non-empty folder with exit 2 and leaves it untouched; --force writes', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'README.md'), 'mine\n');
    const args = ['scaffold', '--answers', answersFile(), '--target', 'eks', '--out', out];
    const refused = await runInProcess(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty \(README\.md\).*--force/);
    expect(readdirSync(out)).toEqual(['README.md']);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('mine\n');
    const forced = await runInProcess([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/replaced README\.md/);
  });

  it('bad usage is exit 2 naming the flag', async () => {
    const answers = answersFile();
    const cases: [string[], RegExp][] = [
      [['scaffold', '--target', 'eks', '--out', 'x'], /--answers is required/],
      [['scaffold', '--answers', answers, '--out', 'x'], /--target is required/],
      [['scaffold', '--answers', answers, '--target', 'eks'], /--out is required/],
      [
        ['scaffold', '--answers', answers, '--target', 'k8s', '--out', 'x'],
        /--target: "k8s" is not allowed; use one of sagemaker-realtime/,
      ],
      [
        ['scaffold', '--answers', answers, '--target', 'tf-serving', '--out', 'x'],
        /cannot be scaffolded for tf-serving; it supports tensorflow/,
      ],
      [['scaffold', '--answers', answers, '--target', 'eks', '--out', 'x', '--bogus'], /--bogus/],
      [
        ['scaffold', '--answers', '/nonexistent.yaml', '--target', 'eks', '--out', 'x'],
        /cannot read the answers file/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runInProcess(['scaffold', '--help'])).stdout).toMatch(/--dry-run/);
  });

  it('Ctrl+C during the write exits 130 and leaves nothing behind', async () => {
    const parent = tempDir();
    const out = join(parent, 'repo');
    const child = spawn(
      process.execPath,
      [CLI, 'scaffold', '--answers', answersFile(), '--target', 'eks', '--out', out],
      {
        env: { ...process.env, ML_DEPLOY_ADVISOR_TEST_SLOW_WRITE_MS: '40' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Wait until files are being written into the temporary folder, then interrupt.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !readdirSync(parent).some((n) => n.includes('.scaffold-'))) {
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: nothing was written/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('the precompiled templates in dist/ render exactly what the sources render', async () => {
    const url = pathToFileURL(join(packageRoot(), 'dist', 'scaffold-templates.mjs')).href;
    const precompiled = ((await import(url)) as { default: RawCatalogue }).default;
    expect(precompiled.precompiled).toBe(true);
    for (const option of OPTION_IDS) {
      const framework = option === 'tf-serving' ? 'tensorflow' : 'pytorch';
      const prepared = await prepare(option, { framework, projectName: `it's "$(x)"\nno` });
      const fromSource = planScaffold(prepared.context, templates());
      const fromBuild = planScaffold(prepared.context, precompiled);
      expect(fromBuild.map((f) => [f.path, f.mode])).toEqual(fromSource.map((f) => [f.path, f.mode]));
      // Byte for byte, named by path (a deep equality of Buffers took seconds for ten repositories).
      fromBuild.forEach((file, i) =>
        expect(
          Buffer.compare(Buffer.from(file.content), Buffer.from(fromSource[i]!.content)),
          file.path,
        ).toBe(0),
      );
    }
  });
});
