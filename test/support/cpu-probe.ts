import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * With MLDA_CPU_PROBE=<file> (see vitest.config.ts), each test file appends one line to <file>
 * when it ends: its path, the CPU seconds its worker process spent on it (from the file's first
 * hook to its last, so imports made before are not counted when a worker runs several files) and
 * those of the child processes it waited for. Wall time on a shared machine measures the
 * neighbours; this measures the test. Linux only (/proc).
 */
function cpu(): { own: number; children: number } {
  // Fields after the command name: utime, stime, cutime, cstime are the 14th to 17th of the line.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = (n: number): number => Number(fields[n - 3]) / 100;
  return { own: ticks(14) + ticks(15), children: ticks(16) + ticks(17) };
}

let start = { own: 0, children: 0 };
beforeAll(() => {
  start = cpu();
});
afterAll(() => {
  const out = process.env.MLDA_CPU_PROBE;
  if (!out) return;
  const end = cpu();
  const file = expect.getState().testPath ?? '?';
  const own = (end.own - start.own).toFixed(2);
  appendFileSync(out, `${file}\t${own}\t${(end.children - start.children).toFixed(2)}\n`);
});
