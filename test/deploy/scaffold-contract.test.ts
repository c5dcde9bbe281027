import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEPLOY_CONFIG_PATH, DEPLOY_OPTIONS, parseDeployConfig } from '../../src/deploy/config.js';
import { generate } from '../scaffold/options/generate.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { startFakeSageMaker, type FakeSageMaker } from './fake-sagemaker.js';
import { captureIo } from './helpers.js';

/**
 * The contract between `scaffold` and `deploy`: every SageMaker scaffold carries a deploy.json that
 * `deploy` accepts, and a generated repository deploys (and then updates) against the fake SageMaker.
 */
const generated = new Map<string, string>();

beforeAll(async () => {
  for (const option of DEPLOY_OPTIONS) generated.set(option, (await generate(option)).dir);
});

afterAll(() => {
  for (const dir of generated.values()) rmSync(dirname(dir), { recursive: true, force: true });
});

describe.each(DEPLOY_OPTIONS)('the %s scaffold', (option) => {
  it('carries a deploy.json that deploy accepts, and a dry run lists its calls', async () => {
    const dir = generated.get(option)!;
    const config = parseDeployConfig(JSON.parse(readFileSync(join(dir, DEPLOY_CONFIG_PATH), 'utf8')));
    expect(config.option).toBe(option);
    const run = captureIo({});
    const code = await main(['deploy', '--dir', dir, '--dry-run', '--json'], run.io);
    expect(code, run.stderr()).toBe(0);
    const out = JSON.parse(run.stdout()) as { notes: string[]; calls: { operation: string }[] };
    expect(out.notes).toEqual([]);
    expect(out.calls[0]?.operation).toBe(option === 'sagemaker-batch' ? 'CreateModel' : 'DescribeEndpoint');
  });
});

describe('a generated realtime scaffold against the fake SageMaker', () => {
  let fake: FakeSageMaker;
  beforeAll(async () => {
    fake = await startFakeSageMaker({ pendingPolls: 2 });
    vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake.server.close();
  });

  it('deploys, then updates its inference component in place with the alarms it names', async () => {
    const dir = generated.get('sagemaker-realtime')!;
    const deploy = async () => {
      const run = captureIo({ ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT: fake.server.url });
      const code = await main(['deploy', '--dir', dir, '--poll-interval', '0.01', '--json'], run.io);
      expect(code, run.stderr()).toBe(0);
      return JSON.parse(run.stdout()) as { action: string; endpointConfigName: string; models: string[] };
    };
    const first = await deploy();
    expect(first.action).toBe('created');
    // Names carry a timestamp to the second: the next deploy must not reuse them.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await deploy();
    expect(second.action).toBe('updated');
    // The endpoint (instances only) stays on its configuration; the component moves to the new model.
    expect(second.endpointConfigName).toBe(first.endpointConfigName);
    expect(fake.operations()).not.toContain('UpdateEndpoint');
    expect(fake.operations().filter((o) => o.startsWith('Delete'))).toEqual([]);
    const [update] = fake.server.inputs('UpdateInferenceComponent') as {
      InferenceComponentName: string;
      Specification: { ModelName: string };
      DeploymentConfig: { AutoRollbackConfiguration?: { Alarms: { AlarmName: string }[] } };
    }[];
    expect(update!.InferenceComponentName).toMatch(/-staging-champion$/);
    expect(update!.Specification.ModelName).toBe(second.models[0]);
    expect(update!.DeploymentConfig.AutoRollbackConfiguration?.Alarms.map((a) => a.AlarmName)).toContain(
      `${update!.InferenceComponentName.replace(/-champion$/, '')}-5xx`,
    );
  });
});
