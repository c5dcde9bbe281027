import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './deploy-fakes.js';
import { generate, removeTempDirs, tempDir } from './support.js';

/** The fourth DevOps review's checks that run generated scripts (bash, under recorded fakes). */

afterAll(removeTempDirs);

describe('sagemaker-batch: scripts/run_transform.sh needs the environment', () => {
  it('without one it stops before any AWS call, naming the choices', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/run_transform.sh']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: .* staging\|production/);
    expect(log).toEqual([]);
    expect(run(dir, ['scripts/run_transform.sh', 'ml.m5.xlarge']).status).toBe(2);
  });

  it('production starts its job on the production stack', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/run_transform.sh', 'production', 'ml.m5.xlarge', '2']);
    expect(status, stderr).toBe(0);
    expect(
      log.some((l) => /^aws cloudformation describe-stacks --stack-name fraud-scorer-production /.test(l)),
    ).toBe(true);
    const create = log.find((l) => l.startsWith('aws sagemaker create-transform-job'));
    expect(create).toMatch(/--transform-job-name fraud-scorer-production-\d{14} /);
    expect(create).toMatch(/InstanceType=ml\.m5\.xlarge,InstanceCount=2,/);
    expect(log.join('\n')).not.toMatch(/fraud-scorer-staging/);
  });

  it('the deploy smoke test passes its environment on', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_MODEL_UPLOADED: '1',
    });
    expect(status, stderr).toBe(0);
    const create = log.find((l) => l.startsWith('aws sagemaker create-transform-job'));
    expect(create).toMatch(/--transform-job-name fraud-scorer-production-smoke-\d{14} /);
  });
});

describe('on-prem: the host env file names a receiver Alertmanager has', () => {
  it('host-env.sh stops on an unknown ALERT_RECEIVER and passes a known one', async () => {
    const dir = await generate('on-prem');
    const envFile = join(tempDir('mlda-host-'), 'fraud-scorer.env');
    const script = ['infra/host-env.sh', envFile, 'infra/host.env.example'];
    writeFileSync(
      envFile,
      'ALERT_RECEIVER=msteams\nALERT_SECRET=https://x.example.com/y\nGRAFANA_ADMIN_PASSWORD=s\n',
    );
    const bad = spawnSync('sh', script, { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(
      /ALERT_RECEIVER .* must be slack, teams, pagerduty, opsgenie or webhook, not msteams/,
    );
    writeFileSync(
      envFile,
      'ALERT_RECEIVER=teams\nALERT_SECRET=https://x.example.com/y\nGRAFANA_ADMIN_PASSWORD=s\n',
    );
    const good = spawnSync('sh', script, { cwd: dir, encoding: 'utf8' });
    expect(good.status, good.stderr).toBe(0);
  });
});

describe('on-prem on Kubernetes: the overlay alerting is applied where the operator runs', () => {
  it('with the Prometheus Operator CRDs, monitoring.yaml goes to the namespace after the overlay', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_TARGET: 'k8s',
    });
    expect(status, stderr).toBe(0);
    const overlay = log.findIndex((l) => /^kubectl apply -f \/tmp\//.test(l));
    const monitoring = log.indexOf(
      'kubectl -n fraud-scorer-production apply -f k8s/overlays/production/monitoring.yaml',
    );
    expect(overlay).toBeGreaterThan(-1);
    expect(monitoring).toBeGreaterThan(overlay);
  });

  it('without them the deploy goes on and warns that nothing alerts', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_TARGET: 'k8s',
      FAKE_NO_CRDS: '1',
    });
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(
      /no Prometheus Operator CRDs: k8s\/overlays\/staging\/monitoring\.yaml not applied/,
    );
    expect(log.join('\n')).not.toMatch(/monitoring\.yaml/);
  });
});
