import { afterEach } from 'vitest';
import { parseDeployConfig, type DeployConfigInput } from '../../src/deploy/config.js';
import { planDeploy } from '../../src/deploy/plan.js';
import { runDeploy, type DeployResult, type RunOptions } from '../../src/deploy/run.js';
import { createSdkApi } from '../../src/deploy/sdk.js';
import type { SageMakerApi } from '../../src/deploy/api.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { startFakeSageMaker, type FakeSageMaker, type FakeSageMakerScenario } from './fake-sagemaker.js';

export interface LoopbackDeploy {
  run: Promise<DeployResult>;
  log: string[];
  fake: FakeSageMaker;
  plan: ReturnType<typeof planDeploy>;
}

/**
 * Deploys through the real SageMaker SDK client against the fake SageMaker on 127.0.0.1 (no
 * retries, 5 ms polls, a 5 s wait), planned at `now`. Call once at a test file's top level: the
 * fake and the client are closed after each test.
 */
export function loopbackSageMaker(now: Date) {
  let fake: FakeSageMaker | undefined;
  let api: SageMakerApi | undefined;
  afterEach(async () => {
    api?.close();
    await fake?.server.close();
    fake = undefined;
    api = undefined;
  });
  return {
    /** Starts the fake now (to seed it first); the test's deploys then use it. */
    async start(scenario: FakeSageMakerScenario = {}): Promise<FakeSageMaker> {
      fake = await startFakeSageMaker(scenario);
      return fake;
    },
    /** A deploy of `raw` (deploy.json contents); the fake starts with `scenario` unless started. */
    async deploy(
      raw: DeployConfigInput,
      scenario: FakeSageMakerScenario = {},
      extra: Partial<RunOptions> = {},
    ): Promise<LoopbackDeploy> {
      fake ??= await startFakeSageMaker(scenario);
      api = await createSdkApi({
        region: 'us-east-1',
        endpoint: fake.server.url,
        credentials: FAKE_CREDENTIALS,
        maxAttempts: 1,
      });
      const log: string[] = [];
      const plan = planDeploy(parseDeployConfig(raw), now);
      const run = runDeploy({
        api,
        plan,
        pollMs: 5,
        timeoutMs: 5_000,
        log: (line) => log.push(line),
        ...extra,
      });
      return { run, log, fake, plan };
    },
  };
}
