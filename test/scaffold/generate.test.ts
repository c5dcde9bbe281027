import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generate, prepare, readText, removeTempDirs, templates } from './support.js';

afterAll(removeTempDirs);

/**
 * The scaffold as a whole. Every option with every framework it supports is rendered and validated
 * in options/matrix/{aws-managed,containers}.test.ts (in process) and options/matrix/*.e2e.test.ts
 * (Debian's tools).
 */
describe('scaffold', () => {
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
    // The build's role reads the model and pushes; each environment's deploy role deploys.
    const role = (job: string) =>
      ci.jobs[job]!.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with?.[
        'role-to-assume'
      ];
    expect(role('build')).toBe('${{ vars.AWS_BUILD_ROLE_ARN }}');
    expect(role('deploy-staging')).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(role('deploy-production')).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(JSON.stringify(ci)).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    for (const job of ['build', 'deploy-staging', 'deploy-production']) {
      expect(ci.jobs[job]?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    }
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
