import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { OPTION_IDS } from '../../src/core/options.js';
import { formatProblems, validateRepoInProcess } from '../support/validate/index.js';
import { frameworksFor, generate, prepare, readText, removeTempDirs, templates } from './support.js';

afterAll(removeTempDirs);

/**
 * Every option with every framework it supports: the common layer (and whatever per-option
 * templates exist) renders and every YAML/JSON file parses. One framework per option also goes
 * through every in-process repository validator. Python's compiler, shellcheck and yamllint see
 * every file in options/matrix/*.e2e.test.ts.
 */
const MATRIX = OPTION_IDS.flatMap((option) =>
  frameworksFor(option).map((framework) => ({ option, framework })),
);

describe('scaffold matrix', () => {
  it.each(MATRIX)('$option / $framework renders, compiles and parses', async ({ option, framework }) => {
    const prepared = await prepare(option, { framework });
    const files = prepared.files.map((f) => f.path);
    // The contract's parts: serving code, tests, Dockerfile, CI, README, the report.
    for (const must of [
      'README.md',
      'Dockerfile',
      '.github/workflows/ci.yml',
      'docs/RECOMMENDATION.md',
      'app/model.py',
      'app/validation.py',
      'Makefile',
      'requirements.txt',
    ]) {
      expect(files, must).toContain(must);
    }
    const serving = prepared.context.option.serving;
    expect(files.includes('app/handler.py')).toBe(option === 'lambda');
    expect(files.includes('app/serve.py')).toBe(serving !== 'lambda');
    expect(files.includes('scripts/load_test.py')).toBe(serving !== 'batch');

    const dir = await generate(option, { framework });
    for (const file of files) {
      const text = readText(dir, file);
      if (/\.ya?ml$/.test(file)) {
        for (const doc of parseAllDocuments(text)) expect(doc.errors, file).toEqual([]);
      }
      if (file.endsWith('.json')) expect(() => JSON.parse(text), file).not.toThrow();
      if (file.endsWith('.sh')) {
        expect(statSync(join(dir, file)).mode & 0o111, `${file} is executable`).not.toBe(0);
      }
      // Nothing left unrendered, nothing HTML-escaped.
      expect(text, file).not.toMatch(/&#x27;|&#x3D;|&quot;/);
    }
    const requirements = readText(dir, 'requirements.txt');
    for (const line of requirements.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line, 'requirements are pinned with ==').toMatch(/^[A-Za-z0-9_.-]+==\d[\w.]*$/);
    }
    const config = parseYaml(readText(dir, 'config/production.yaml')) as Record<string, unknown>;
    expect(config.framework).toBe(framework);
    expect(config.option).toBe(option);
  });

  it.each(OPTION_IDS.map((option) => ({ option, framework: frameworksFor(option)[0]! })))(
    '$option / $framework passes every in-process repository validator',
    async ({ option, framework }) => {
      const dir = await generate(option, { framework });
      const report = await validateRepoInProcess(dir);
      expect(formatProblems(report)).toBe('');
      expect(report.ran.some((r) => r.validator === 'github-workflow')).toBe(true);
      expect(report.ran.some((r) => r.validator === 'dockerfile')).toBe(true);
    },
  );

  it('every common file belongs to a part and every part entry matches a file', () => {
    const raw = templates();
    const outNames = raw.files.filter((f) => f.layer === 'common').map((f) => f.source.replace(/\.hbs$/, ''));
    for (const [part, entries] of Object.entries(raw.common.parts)) {
      for (const entry of entries) {
        const hit = outNames.some((name) => (entry.endsWith('/') ? name.startsWith(entry) : name === entry));
        expect(hit, `${part}: ${entry} matches no file in templates/scaffold/common`).toBe(true);
      }
    }
  });

  it('the CI workflow is least-privilege and uses OIDC, with actions pinned by commit', async () => {
    const dir = await generate('ecs-fargate');
    const ci = parseYaml(readText(dir, '.github/workflows/ci.yml')) as {
      permissions: Record<string, string>;
      jobs: Record<
        string,
        { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }
      >;
    };
    expect(ci.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(ci.jobs).flatMap((job) => job.steps);
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
    const aws = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    expect(aws?.with?.['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(JSON.stringify(ci)).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    expect(ci.jobs.deploy?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(steps.some((s) => s.uses?.startsWith('aquasecurity/trivy-action'))).toBe(true);
  });

  it('a framework an option cannot serve is a user error naming what it supports', async () => {
    await expect(prepare('tf-serving', { framework: 'sklearn' })).rejects.toThrow(/supports tensorflow/);
  });

  it('the report and README carry the ranking and the modelled cost', async () => {
    const prepared = await prepare('sagemaker-realtime');
    const dir = await generate('sagemaker-realtime');
    const report = readText(dir, 'docs/RECOMMENDATION.md');
    for (const row of prepared.context.ranking) expect(report).toContain(`| ${row.rank} |`);
    // docs/RECOMMENDATION.md is the written report, aimed at the scaffolded option.
    expect(report).toMatch(/^# Deployment recommendation/);
    expect(report).toContain('This repository targets SageMaker real-time endpoint');
    const cost = prepared.context.cost;
    expect(cost).not.toBeNull();
    const usd = `$${cost!.monthlyUsd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(readText(dir, 'README.md')).toContain(usd);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/## Roll back/);
  });
});
