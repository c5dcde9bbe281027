import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetVerdictOf } from '../../src/core/budget-verdict.js';
import type { Recommendation } from '../../src/core/engine.js';
import { runMain } from '../support/run-main.js';

const rec = (ranking: unknown[], budget = 1000) =>
  ({ workload: { answers: { monthlyBudgetUsd: budget } }, ranking }) as unknown as Recommendation;

describe('D5: budget verdict wording', () => {
  it('shows a ratio that does not round a 2% overrun to 1x', () => {
    const v = budgetVerdictOf(
      rec([{ option: 'eks', rank: 1, feasible: true, monthlyCostUsd: 1020, cost: { billUsd: 1020 } }]),
    );
    expect(v.text).toContain('(1.02x the budget)');
  });
  it('says no option is feasible when none is', () => {
    const v = budgetVerdictOf(rec([{ option: 'eks', rank: 1, feasible: false, monthlyCostUsd: null }]));
    expect(v.text).toContain('No option is feasible');
    expect(v.text).not.toContain('could be priced');
  });
});

/** The reviewer's 7B at 2 requests/s and a 4 s target: its bill moves >25% either side. */
async function cliffAnswers(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mr2-'));
  const file = join(dir, 'a.json');
  writeFileSync(
    file,
    JSON.stringify({
      framework: 'huggingface',
      modelSizeMb: 14000,
      gpu: 'required',
      trafficPattern: 'steady',
      requestsPerSecond: 2,
      latencyP95Ms: 4000,
      monthlyBudgetUsd: 3000,
      inferenceMs: 2500,
      payloadKb: 4,
    }),
  );
  return { dir, file };
}

describe('D1: the table footer names the cost cliffs of the pick', () => {
  it('shows the nearest p95 cliff', async () => {
    const { file } = await cliffAnswers();
    const json = JSON.parse(
      (await runMain(['recommend', '--answers', file, '--pricing', 'snapshot', '--json'])).stdout,
    );
    expect(json.costCliffs?.length).toBeGreaterThan(0);
    const table = await runMain(['recommend', '--answers', file, '--pricing', 'snapshot']);
    expect(table.stdout).toMatch(/bill moves >25% at p95 (below|above) [\d,]+ ms/);
  });
});

describe("D1: the report's decision names the cost cliffs of the pick", () => {
  it('says where the bill moves and that the pick stays, each way', async () => {
    const { dir, file } = await cliffAnswers();
    const out = join(dir, 'r.md');
    const r = await runMain(['report', '--answers', file, '--pricing', 'snapshot', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(
      /A p95 target below about 3,650 ms \(now 4,000 ms\) moves the pick's own bill from \$6,537\.81 to \$10,729\.47 a month \(it stays the pick\)\./,
    );
    // Right past today's target: said as such, not "above about 4,000 ms (now 4,000 ms)".
    expect(text).toMatch(/A p95 target any looser than today's 4,000 ms moves the pick's own bill from/);
  });
});
