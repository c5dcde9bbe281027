import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, expect } from 'vitest';

/**
 * With MLDA_CPU_PROBE=<file> (see vitest.config.ts), each test file appends one line to <file>
 * when it ends: its path, the CPU seconds of its worker process (imports included) and those of
 * the child processes it waited for. Wall time on a shared machine measures the neighbours; this
 * measures the test. Linux only (/proc).
 */
afterAll(() => {
  const out = process.env.MLDA_CPU_PROBE;
  if (!out) return;
  // Fields after the command name: utime, stime, cutime, cstime are the 14th to 17th of the line.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = (n: number): number => Number(fields[n - 3]) / 100;
  const own = ticks(14) + ticks(15);
  const children = ticks(16) + ticks(17);
  const file = expect.getState().testPath ?? '?';
  appendFileSync(out, `${file}\t${own.toFixed(2)}\t${children.toFixed(2)}\n`);
});
