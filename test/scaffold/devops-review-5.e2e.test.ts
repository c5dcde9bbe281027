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

describe('sagemaker: the release before is recorded only once the new one has passed', () => {
  it.each(['sagemaker-realtime', 'sagemaker-serverless'] as const)(
    '%s: a failed deploy that goes back leaves the record as it was',
    async (option) => {
      const dir = await generate(option);
      const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
        FAKE_INVOKE_FAILS_ONCE: '1',
        FAKE_MODEL_UPLOADED: '1',
        FAKE_STACK: 'fraud-scorer-production',
      });
      expect(status).toBe(1);
      expect(log.filter((l) => l.startsWith('aws ssm put-parameter'))).toEqual([]);
    },
  );

  it('sagemaker-realtime: a passing deploy records the release it replaced after its smoke test', async () => {
    const dir = await generate('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_MODEL_UPLOADED: '1',
      FAKE_STACK: 'fraud-scorer-production',
    });
    expect(status, stderr).toBe(0);
    const record = log.findIndex((l) =>
      /^aws ssm put-parameter --name \/fraud-scorer\/production\/previous-release .*--value \S+fraud-scorer:old old/.test(
        l,
      ),
    );
    const smoke = log.findIndex((l) => l.startsWith('aws sagemaker-runtime invoke-endpoint '));
    expect(smoke).toBeGreaterThan(-1);
    expect(record).toBeGreaterThan(smoke);
  });
});

describe('sagemaker-batch: the deploy says whether the nightly schedule runs', () => {
  it('staging says its schedule is disabled; production that it starts the nightly jobs', async () => {
    const dir = await generate('sagemaker-batch');
    const staging = run(dir, ['scripts/deploy.sh', 'staging'], { FAKE_MODEL_UPLOADED: '1' });
    expect(staging.status, staging.stderr).toBe(0);
    expect(staging.stderr).toMatch(
      /staging's nightly schedule is disabled unless TransformScheduleState=ENABLED/,
    );
    expect(staging.stderr).not.toMatch(/the nightly schedule starts its transform jobs/);
    const production = run(dir, ['scripts/deploy.sh', 'production'], { FAKE_MODEL_UPLOADED: '1' });
    expect(production.status, production.stderr).toBe(0);
    expect(production.stderr).toMatch(/the nightly schedule starts its transform jobs/);
  });
});
