import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/cli-io.js';

/** Runs a CLI command in this process (no spawn), offline, with captured output. */
export async function runInProcess(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        into.push(chunk.toString());
        callback();
      },
    });
  const io: CliIo = {
    stdout: sink(out),
    stderr: sink(err),
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH, HOME: cwd },
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

export const ANSWERS = 'requestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 500\n';

/** A temporary working folder with an answers file. */
export function workDir(): { dir: string; answers: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nb-run-'));
  const answers = join(dir, 'answers.yaml');
  writeFileSync(answers, ANSWERS);
  return { dir, answers };
}

/** Every file under a folder, as path -> text. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** recommend --json, report and scaffold for one notebook: what each wrote. */
export async function everyCommand(notebookPath: string) {
  const { dir, answers } = workDir();
  const pricing = ['--pricing', 'snapshot'];
  const json = await runInProcess(
    ['recommend', '--answers', answers, '--from-notebook', notebookPath, '--json', ...pricing],
    dir,
  );
  const reportPath = join(dir, 'report.md');
  const report = await runInProcess(
    ['report', '--answers', answers, '--from-notebook', notebookPath, '--out', reportPath, ...pricing],
    dir,
  );
  const out = join(dir, 'repo');
  const scaffold = await runInProcess(
    [
      'scaffold',
      '--answers',
      answers,
      '--from-notebook',
      notebookPath,
      '--target',
      'ecs-fargate',
      '--out',
      out,
      ...pricing,
    ],
    dir,
  );
  return {
    json,
    report,
    reportText: report.code === 0 ? readFileSync(reportPath, 'utf8') : '',
    scaffold,
    files: scaffold.code === 0 ? readTree(out) : new Map<string, string>(),
  };
}
