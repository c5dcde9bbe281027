import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { startFakeSageMaker, type FakeSageMaker } from './fake-sagemaker.js';
import { asyncConfig, batchConfig, realtimeConfig } from './fixtures.js';
import { captureIo, scaffoldWith } from './helpers.js';

let fake: FakeSageMaker;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  fake = await startFakeSageMaker({ pendingPolls: 2 });
  // The SDK's default credential chain reads process.env; keep it on fake keys and off instance metadata.
  vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.server.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scaffold(deployJson: unknown): string {
  const s = scaffoldWith(deployJson);
  cleanups.push(s.cleanup);
  return s.dir;
}

async function deploy(args: string[]) {
  const run = captureIo({ ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT: fake.server.url });
  const code = await main(['deploy', ...args], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('deploy command', () => {
  it('--dry-run prints every call with its input JSON and makes none', async () => {
    const dir = scaffold(realtimeConfig);
    const { code, stdout } = await deploy(['--dir', dir, '--dry-run']);
    expect(code).toBe(0);
    expect(fake.server.count()).toBe(0);
    for (const op of [
      'DescribeEndpoint',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'UpdateEndpoint',
    ]) {
      expect(stdout).toContain(`SageMaker.${op} {`);
    }
    expect(stdout).toMatch(/^# dry run: no calls are made\. SageMaker in us-east-1, endpoint churn-model\./);
    expect(stdout).toContain('"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/');
    expect(stdout).toContain('"EnableNetworkIsolation": true');
    expect(stdout).toContain(
      'if it exists: blue/green, linear steps of 25%, 120s between steps, rolls back on alarm churn-5xx',
    );

    const json = await deploy(['--dir', dir, '--dry-run', '--json', '--region', 'eu-west-1']);
    const parsed = JSON.parse(json.stdout) as {
      dryRun: boolean;
      region: string;
      calls: { operation: string }[];
    };
    expect(parsed.dryRun).toBe(true);
    expect(parsed.region).toBe('eu-west-1');
    expect(parsed.calls.map((c) => c.operation)).toEqual([
      'DescribeEndpoint',
      'CreateModel',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'UpdateEndpoint',
      'DescribeEndpoint',
    ]);
    expect(fake.server.count()).toBe(0);
  });

  it('--dry-run for batch lists the model and the transform job', async () => {
    const { code, stdout } = await deploy(['--dir', scaffold(batchConfig), '--dry-run', '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { calls: { operation: string }[] };
    expect(parsed.calls.map((c) => c.operation)).toEqual([
      'CreateModel',
      'CreateTransformJob',
      'DescribeTransformJob',
    ]);
    expect(fake.server.count()).toBe(0);
  });

  it('bad deploy.json exits 2 naming the file and the field', async () => {
    const dir = scaffold({ ...asyncConfig, async: { ...asyncConfig.async, initialInstanceCount: 0 } });
    const { code, stderr, stdout } = await deploy(['--dir', dir, '--dry-run']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^error: .*infra\/sagemaker\/deploy\.json: 1 problem in the deploy configuration\n/,
    );
    expect(stderr).toMatch(
      / {2}- .*infra\/sagemaker\/deploy\.json: async\.initialInstanceCount: .*\(got 0\)/,
    );
    expect(stderr).not.toContain('    at ');

    const broken = await deploy(['--dir', scaffold('{"option": "sagemaker-async",'), '--dry-run']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/deploy\.json: not valid JSON/);
    expect(fake.server.count()).toBe(0);
  });

  it('bad flags exit 2 naming the flag', async () => {
    const dir = scaffold(asyncConfig);
    const cases: [string[], RegExp][] = [
      [[], /deploy: --dir is required/],
      [['--dir', `${dir}/nope`], /--dir: ".*nope" is not a directory/],
      [['--dir', dir, '--region', 'mars'], /--region: "mars" is not allowed; expected a region code/],
      [
        ['--dir', dir, '--endpoint-url', 'ftp://x'],
        /--endpoint-url: "ftp:\/\/x" is not allowed; expected an http/,
      ],
      [['--dir', dir, '--wait-timeout', '0'], /--wait-timeout: "0" is not allowed; expected a number >= 1/],
      [['--dir', dir, '--bogus'], /Unknown option '--bogus'.*allowed flags: --dir, --dry-run/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await deploy(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
    expect(fake.server.count()).toBe(0);
  });

  it('creates an endpoint and prints the result (--json)', async () => {
    const { code, stdout, stderr } = await deploy([
      '--dir',
      scaffold(asyncConfig),
      '--poll-interval',
      '0.01',
      '--json',
    ]);
    expect(stderr).toContain('endpoint churn-model does not exist: creating it');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ action: 'created', name: 'churn-model', status: 'InService' });
    expect(fake.server.count('DescribeEndpoint')).toBe(4);
  });

  it('a Failed endpoint exits 1 with the FailureReason', async () => {
    await fake.server.close();
    fake = await startFakeSageMaker({
      pendingPolls: 1,
      createOutcome: { status: 'Failed', reason: 'Image 123456789012.dkr.ecr... does not exist' },
    });
    const { code, stderr, stdout } = await deploy([
      '--dir',
      scaffold(asyncConfig),
      '--poll-interval',
      '0.01',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'error: endpoint churn-model is Failed: Image 123456789012.dkr.ecr... does not exist',
    );
  });
});
