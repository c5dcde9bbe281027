import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { renderReportMarkdown } from '../../src/report/index.js';
import { EXAMPLES, normaliseDate, readAnswers, reportInput } from './support.js';

/**
 * Golden files: the whole report for four contrasting answer sets (a small CPU model on a budget,
 * a GPU model at a steady rate, offline batch scoring by a team new to operations, a team on EKS
 * for which a much cheaper option ranks second), priced from the bundled snapshot. A deliberate change to the
 * report, the knowledge or the prices shows up here as a diff: review it, then run
 * `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` to accept it.
 */
const GOLDEN = join(packageRoot(), 'test', 'golden', 'report');

describe.each([
  ['answers.md', EXAMPLES.answers],
  ['gpu-realtime.md', EXAMPLES.gpu],
  ['offline-batch.md', join(GOLDEN, 'offline-batch.yaml')],
  ['team-on-eks.md', join(GOLDEN, 'team-on-eks.yaml')],
])('golden report %s', (name, answers) => {
  it('matches the golden file', () => {
    const text = normaliseDate(
      renderReportMarkdown({ ...reportInput(readAnswers(answers)), generatedOn: '2026-01-01' }),
    );
    const path = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});

describe('the golden answer sets contrast', () => {
  it('recommend for different reasons, and not all the same option', () => {
    const a = readFileSync(join(GOLDEN, 'answers.md'), 'utf8');
    const b = readFileSync(join(GOLDEN, 'gpu-realtime.md'), 'utf8');
    const c = readFileSync(join(GOLDEN, 'offline-batch.md'), 'utf8');
    const top = (t: string) => /^### 1\. .+ \(`([a-z-]+)`\)$/m.exec(t)?.[1];
    expect(top(a)).toBeDefined();
    expect(top(b)).toBeDefined();
    expect(top(c)).toBeDefined();
    expect(new Set([top(a), top(b), top(c)]).size).toBeGreaterThan(1);
    expect(c).toContain('Offline scoring has no live traffic to split');
    expect(b).toContain('The model needs a GPU');
    expect(a).not.toContain('The model needs a GPU');
  });
});
