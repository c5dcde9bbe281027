// A whole `scaffold` run (answers -> ranking -> context -> render -> atomic write) for every
// option must finish in under 0.5 s of wall time, Node's own start included (issue 5).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fmt, median, root } from '../bench-lib.mjs';

export const name = 'scaffold: a whole repository, per option (median wall time, limit 500 ms)';

const OPTIONS = [
  'sagemaker-realtime',
  'sagemaker-serverless',
  'sagemaker-async',
  'sagemaker-batch',
  'lambda',
  'ecs-fargate',
  'eks',
  'on-prem',
  'hybrid',
];
const LIMIT_MS = 500;

function timeScaffold(answers, option, out) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [cli, 'scaffold', '--answers', answers, '--target', option, '--out', out],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`scaffold ${option} exited ${result.status}: ${String(result.stderr).slice(0, 300)}`);
  return ms;
}

export async function run() {
  const answers = join(root, 'examples', 'answers.yaml');
  const work = mkdtempSync(join(tmpdir(), 'mlda-bench-scaffold-'));
  const lines = [];
  let ok = true;
  try {
    for (const option of OPTIONS) {
      const times = [];
      for (let i = 0; i < 7; i++) times.push(timeScaffold(answers, option, join(work, `${option}-${i}`)));
      const ms = median(times);
      if (ms >= LIMIT_MS) ok = false;
      lines.push(`${option.padEnd(22)} ${fmt(ms)} ${ms < LIMIT_MS ? 'ok' : 'OVER'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { ok, lines };
}
