import { afterAll, describe, expect, it } from 'vitest';
import { run } from './deploy-fakes.js';
import { generate, removeTempDirs } from './support.js';

/** The fifth DevOps review's checks that run generated scripts (bash, under recorded fakes). */

afterAll(removeTempDirs);

describe('sagemaker-batch: scripts/run_transform.sh reports how its job ended', () => {
  it('a Failed job prints its FailureReason and exits 1', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/run_transform.sh', 'production'], {
      FAKE_TRANSFORM: 'Failed',
      TRANSFORM_POLL_SECONDS: '0',
    });
    expect(status, stderr).toBe(1);
    expect(stderr).toMatch(/fraud-scorer-production-\d{14} Failed: ClientError: the model failed/);
    expect(log.join('\n')).not.toMatch(/sagemaker wait/);
  });

  it('a job still running when TRANSFORM_TIMEOUT_SECONDS runs out exits 3 and says it runs on', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, stderr } = run(dir, ['scripts/run_transform.sh', 'staging'], {
      FAKE_TRANSFORM: 'InProgress',
      TRANSFORM_POLL_SECONDS: '0',
      TRANSFORM_TIMEOUT_SECONDS: '0',
    });
    expect(status, stderr).toBe(3);
    expect(stderr).toMatch(/still InProgress after 0 s .*stop-transform-job/);
  });

  it('the job it starts carries the project tag the budget filters on', async () => {
    const dir = await generate('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/run_transform.sh', 'production']);
    expect(status, stderr).toBe(0);
    const create = log.find((l) => l.startsWith('aws sagemaker create-transform-job'));
    expect(create).toMatch(/--tags Key=project,Value=fraud-scorer Key=environment,Value=production /);
  });
});
