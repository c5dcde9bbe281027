// Writes test/cpu-costs.json: the CPU seconds each unit test file takes (its worker's and its child
// processes'), which test/support/sequencer.ts reads to start the heaviest files first. Run it
// after adding or changing a heavy test: `node scripts/test-costs.mjs` (about as long as npm test's
// tests; needs dist/, as they do). CPU time, not wall time, so other work on the machine changes
// little; the order only needs the big files roughly right.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'mlda-costs-'));
const probe = join(dir, 'cpu.tsv');
// The dot reporter: a line of progress, and the failures in full.
const run = spawnSync(
  join('node_modules', '.bin', 'vitest'),
  ['run', '--project', 'unit*', '--reporter=dot'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, MLDA_CPU_PROBE: probe },
  },
);
let lines = [];
try {
  lines = readFileSync(probe, 'utf8').trim().split('\n');
} catch {
  // no file ran
}
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0 || lines.length === 0) {
  process.stderr.write('test-costs: the tests did not pass; test/cpu-costs.json is unchanged\n');
  process.exit(1);
}
const costs = lines
  .map((line) => line.split('\t'))
  .map(([file, own, children]) => [
    relative(root, file).split('\\').join('/'),
    Math.round((Number(own) + Number(children)) * 10) / 10,
  ])
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const out = {
  about:
    'CPU seconds per unit test file, most first: the order test/support/sequencer.ts starts them in. ' +
    'Regenerate with `node scripts/test-costs.mjs`.',
  files: Object.fromEntries(costs),
};
writeFileSync(join(root, 'test', 'cpu-costs.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(
  `test-costs: ${costs.length} files, ${costs.reduce((s, [, c]) => s + c, 0).toFixed(0)} CPU-s\n`,
);
