import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OptionId } from '../../../src/core/options.js';
import type { OPTION_IDS } from '../../../src/core/options.js';
import { formatProblems, validateRepo, type Validator } from '../../support/validate/index.js';
import { frameworksFor, generate } from './generate.js';

/**
 * Every option, for every framework it supports: generate the repository and run every validator
 * on every file. Also checks that each option's infrastructure was actually validated (a template
 * that no validator recognises would otherwise pass silently).
 */

/** Validators that must have run on at least one file of each option's repository. */
const EXPECTED: Record<(typeof OPTION_IDS)[number], Validator[]> = {
  'sagemaker-realtime': ['cloudformation', 'iam', 'json', 'shellcheck', 'dockerfile', 'github-workflow'],
  'sagemaker-serverless': ['cloudformation', 'iam', 'json', 'shellcheck', 'dockerfile', 'github-workflow'],
  'sagemaker-async': ['cloudformation', 'iam', 'json', 'shellcheck', 'dockerfile', 'github-workflow'],
  'sagemaker-batch': ['cloudformation', 'iam', 'json', 'shellcheck', 'dockerfile', 'github-workflow'],
  lambda: ['cloudformation', 'iam', 'dockerfile', 'github-workflow'],
  'ecs-fargate': ['cloudformation', 'iam', 'dockerfile', 'github-workflow'],
  eks: ['kubernetes', 'kustomize', 'dockerfile', 'github-workflow'],
  'tf-serving': ['cloudformation', 'iam', 'compose', 'dockerfile', 'github-workflow'],
  'on-prem': ['compose', 'kubernetes', 'kustomize', 'dockerfile', 'github-workflow'],
  hybrid: ['compose', 'kubernetes', 'cloudformation', 'iam', 'shellcheck', 'dockerfile', 'github-workflow'],
};

/** Registers the matrix for one option (one test file per option, so options run in parallel). */
export function matrixFor(option: OptionId): void {
  const cases = frameworksFor(option).map((framework) => ({ option, framework }));
  describe.each(cases)('$option / $framework', ({ framework }) => {
    it('generates a repository that passes every validator (and its own tests)', async () => {
      const { dir, files } = await generate(option, { framework });
      try {
        const report = await validateRepo(dir);
        expect(files.length).toBeGreaterThan(0);
        expect(formatProblems(report)).toBe('');
        const ran = new Set(report.ran.map((r) => r.validator));
        for (const v of EXPECTED[option]) expect(ran, `${v} ran on no file`).toContain(v);
        // Every file got at least the secret scan.
        const scanned = new Set(report.ran.filter((r) => r.validator === 'secretlint').map((r) => r.file));
        expect(scanned).toEqual(new Set(report.files));
        // The repository's own tests, once per option (the first framework it supports).
        if (framework === frameworksFor(option)[0]) {
          const run = spawnSync(
            '/usr/bin/python3',
            ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'],
            {
              cwd: dir,
              encoding: 'utf8',
              timeout: 240_000,
            },
          );
          expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        }
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    });
  });
}
