// Shared helpers for scripts/bench/*.mjs: wall-time medians of whole commands, interleaved so
// that machine noise hits the baseline and the subject alike.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cli = join(root, 'dist', 'cli.js');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs each command `runs` times, alternating between them; returns the median ms of each. */
export function interleavedMedians(commands, runs = 15, options = {}) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(([cmd, args], k) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, ...options });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) {
        throw new Error(
          `${cmd} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 300)}`,
        );
      }
      times[k].push(ms);
    });
  }
  return times.map(median);
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;
