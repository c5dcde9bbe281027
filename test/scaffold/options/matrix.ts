import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { OptionId } from '../../../src/core/options.js';
import type { OPTION_IDS } from '../../../src/core/options.js';
import { DEBIAN_PYTHON, requireTools } from '../../support/e2e-tools.js';
import {
  formatProblems,
  validateRepoInProcess,
  validateRepoWithTools,
  type RepoReport,
  type Validator,
} from '../../support/validate/index.js';
import { feasibility, feasibleAnswers, frameworksFor, generate } from './generate.js';

/**
 * Every option, for every framework it supports: generate the repository and run every validator
 * on every file. Also checks that each option's infrastructure was actually validated (a template
 * that no validator recognises would otherwise pass silently). `matrixFor` runs the in-process
 * validators (npm test), `matrixWithToolsFor` shellcheck, yamllint, Python's compiler and the
 * repository's own tests (npm run test:e2e).
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
/** The validators validateRepoWithTools runs; the rest run in process. */
const WITH_TOOLS: Validator[] = ['shellcheck', 'yamllint', 'python-syntax'];

function expectValid(report: RepoReport, expected: Validator[]): void {
  expect(formatProblems(report)).toBe('');
  const ran = new Set(report.ran.map((r) => r.validator));
  for (const v of expected) expect(ran, `${v} ran on no file`).toContain(v);
}

/** Files every generated repository has (the contract's parts). */
const MUST_HAVE = [
  'README.md',
  'Dockerfile',
  '.github/workflows/ci.yml',
  'docs/RECOMMENDATION.md',
  'app/model.py',
  'app/validation.py',
  'Makefile',
  'requirements.txt',
];

/**
 * Registers the in-process matrix for one option (matrix/aws-managed.test.ts and
 * matrix/containers.test.ts register five options each, so the warm-up is paid twice): each framework's repository is rendered once and checked for its parts, its
 * rendering (nothing HTML-escaped, pinned requirements, executable scripts, the answers in its
 * config) and every in-process validator.
 */
export function matrixFor(option: OptionId): void {
  const cases = frameworksFor(option).map((framework) => ({ option, framework }));
  describe.each(cases)('$option / $framework', ({ framework }) => {
    it('the advisor marks the option feasible for the answers the case uses', () => {
      expect(feasibility(option, feasibleAnswers(option, framework))).toEqual({
        feasible: true,
        blockers: [],
      });
    });

    it('renders every part and passes every in-process validator', async () => {
      const { dir, files, context } = await generate(option, feasibleAnswers(option, framework));
      try {
        for (const must of MUST_HAVE) expect(files, must).toContain(must);
        const serving = context.option.serving;
        expect(files.includes('app/handler.py')).toBe(option === 'lambda');
        expect(files.includes('app/serve.py')).toBe(serving !== 'lambda');
        expect(files.includes('scripts/load_test.py')).toBe(serving !== 'batch');
        for (const file of files) {
          const text = readFileSync(join(dir, file), 'utf8');
          // Nothing HTML-escaped by the template engine.
          expect(text, file).not.toMatch(/&#x27;|&#x3D;|&quot;/);
          if (file.endsWith('.sh'))
            expect(statSync(join(dir, file)).mode & 0o111, `${file} is executable`).not.toBe(0);
        }
        const requirements = readFileSync(join(dir, 'requirements.txt'), 'utf8');
        for (const line of requirements.split('\n').filter((l) => l && !l.startsWith('#'))) {
          expect(line, 'requirements are pinned with ==').toMatch(/^[A-Za-z0-9_.-]+==\d[\w.]*$/);
        }
        const config = parseYaml(readFileSync(join(dir, 'config/production.yaml'), 'utf8')) as Record<
          string,
          unknown
        >;
        expect(config.framework).toBe(framework);
        expect(config.option).toBe(option);

        const report = await validateRepoInProcess(dir);
        expect(report.files).toEqual([...files].sort());
        expectValid(
          report,
          EXPECTED[option].filter((v) => !WITH_TOOLS.includes(v)),
        );
        // Every file got at least the secret scan; YAML and JSON files parse.
        const scanned = new Set(report.ran.filter((r) => r.validator === 'secretlint').map((r) => r.file));
        expect(scanned).toEqual(new Set(report.files));
        for (const file of files.filter((f) => /\.(ya?ml|json)$/.test(f))) {
          const text = readFileSync(join(dir, file), 'utf8');
          if (file.endsWith('.json')) expect(() => JSON.parse(text) as unknown, file).not.toThrow();
          else for (const doc of parseAllDocuments(text)) expect(doc.errors, file).toEqual([]);
        }
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    });
  });
}

/** Registers the matrix that needs Debian's tools for one option. */
export function matrixWithToolsFor(option: OptionId): void {
  requireTools('python', 'shellcheck', 'yamllint');
  const cases = frameworksFor(option).map((framework) => ({ option, framework }));
  describe.each(cases)('$option / $framework', ({ framework }) => {
    it('passes shellcheck, yamllint and Python, and (once per option) its own tests', async () => {
      const { dir } = await generate(option, feasibleAnswers(option, framework));
      try {
        const report = validateRepoWithTools(dir);
        expectValid(
          report,
          EXPECTED[option].filter((v) => WITH_TOOLS.includes(v)),
        );
        // yamllint and the compiler saw every YAML and Python file.
        for (const file of report.files) {
          if (/\.ya?ml$/.test(file)) expect(report.ran).toContainEqual({ file, validator: 'yamllint' });
          if (file.endsWith('.py')) expect(report.ran).toContainEqual({ file, validator: 'python-syntax' });
        }
        // The repository's own tests, once per option (the first framework it supports).
        if (framework === frameworksFor(option)[0]) {
          const run = spawnSync(DEBIAN_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 240_000,
          });
          expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        }
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    }, 300_000);
  });
}
