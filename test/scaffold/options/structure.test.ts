import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../../src/core/options.js';
import { templatesDir } from '../../../src/paths.js';
import { frameworksFor, generate } from './generate.js';

/**
 * Every option plugs into the common deploy flow: scripts/deploy.sh runs infra/deploy.sh when it
 * is executable, and README.md links infra/README.md. Files shared by several options are copies
 * (a layer's partials are its own), so they must stay identical.
 */

describe.each(OPTION_IDS)('%s layout', (option) => {
  it('has an executable infra/deploy.sh and an infra/README.md', async () => {
    const { dir, files } = await generate(option, { framework: frameworksFor(option)[0]! });
    try {
      expect(files).toContain('infra/deploy.sh');
      expect(files).toContain('infra/README.md');
      expect(statSync(join(dir, 'infra/deploy.sh')).mode & 0o111).not.toBe(0);
      for (const script of files.filter((f) => f.endsWith('.sh'))) {
        expect(statSync(join(dir, script)).mode & 0o100, `${script} is not executable`).not.toBe(0);
      }
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

const SHARED: { files: string[]; options: string[] }[] = [
  {
    files: [
      '_partials/sm-foundation.hbs',
      'scripts/package_model.sh.hbs',
      'scripts/fill_deploy_config.sh.hbs',
      'infra/deploy.sh.hbs',
    ],
    options: ['sagemaker-realtime', 'sagemaker-serverless', 'sagemaker-async', 'sagemaker-batch'],
  },
  {
    files: ['_partials/sm-monitoring.hbs'],
    options: ['sagemaker-realtime', 'sagemaker-serverless', 'sagemaker-async'],
  },
  {
    files: ['_partials/budget.hbs'],
    options: [
      'sagemaker-realtime',
      'sagemaker-serverless',
      'sagemaker-async',
      'sagemaker-batch',
      'lambda',
      'ecs-fargate',
      'tf-serving',
      'hybrid',
    ],
  },
  {
    files: ['_partials/fargate-cpu.hbs', '_partials/fargate-memory.hbs'],
    options: ['ecs-fargate', 'hybrid'],
  },
  {
    files: [
      'k8s/base/deployment.yaml.hbs',
      'k8s/base/service.yaml.hbs',
      'k8s/base/autoscaling.yaml.hbs',
      'k8s/base/network.yaml.hbs',
      '_partials/k8s-name.hbs',
    ],
    options: ['eks', 'on-prem', 'hybrid'],
  },
  {
    files: [
      '_partials/compose-model.hbs',
      'monitoring/alerts.yml.hbs',
      'monitoring/grafana/dashboards/model.json',
    ],
    options: ['on-prem', 'hybrid'],
  },
];

describe('shared template copies', () => {
  it.each(SHARED.flatMap(({ files, options }) => files.map((file) => ({ file, options }))))(
    '$file is the same in $options',
    ({ file, options }) => {
      const texts = options.map((o) => readFileSync(join(templatesDir(), 'scaffold', o, file), 'utf8'));
      for (const text of texts.slice(1)) expect(text).toBe(texts[0]);
    },
  );
});
