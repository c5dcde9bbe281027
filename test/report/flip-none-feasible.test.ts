import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

// A re-check (2026-12-03): for an on-premises-only team the report said "no single change of
// traffic, latency target, budget or model size makes another option the pick" while its own
// robustness search had found targets and model sizes at which no option is feasible at all. It
// now names those changes.
describe('what would change the decision, when a change leaves nothing feasible', () => {
  it('names the changes that leave no option feasible instead of saying the pick stands', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flip-'));
    const file = join(dir, 'a.json');
    writeFileSync(
      file,
      JSON.stringify({
        framework: 'onnx',
        modelSizeMb: 400,
        gpu: 'optional',
        requestsPerSecond: 30,
        latencyP95Ms: 150,
        monthlyBudgetUsd: 2000,
        hosting: 'on-prem-only',
      }),
    );
    const out = join(dir, 'r.md');
    const r = await runMain(['report', '--answers', file, '--pricing', 'snapshot', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8').replace(/\s+/g, ' ');
    expect(text).toMatch(/below about [\d.,]+ ms \(now 150 ms\)[^.]*: no option is feasible\./);
    expect(text).not.toMatch(/Within the range searched \(a hundredth/);
  });
});
