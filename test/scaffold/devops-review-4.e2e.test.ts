import { afterAll, describe, expect, it } from 'vitest';
import { run } from './deploy-fakes.js';
import { generate, removeTempDirs } from './support.js';

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
    expect(log.some((l) => /^aws cloudformation describe-stacks --stack-name fraud-scorer-production /.test(l))).toBe(true);
    const create = log.find((l) => l.startsWith('aws sagemaker create-transform-job'));
    expect(create).toMatch(/--transform-job-name fraud-scorer-production-\d{14} /);
    expect(create).toMatch(/InstanceType=ml\.m5\.xlarge,InstanceCount=2,/);
    expect(log.join('\n')).not.toMatch(/fraud-scorer-staging/);
  });

  it('the deploy smoke test passes its environment on', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], { FAKE_MODEL_UPLOADED: '1' });
    expect(status, stderr).toBe(0);
    const create = log.find((l) => l.startsWith('aws sagemaker create-transform-job'));
    expect(create).toMatch(/--transform-job-name fraud-scorer-production-smoke-\d{14} /);
  });
});
