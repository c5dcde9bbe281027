import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../src/deploy/config.js';
import { planDeploy } from '../../src/deploy/plan.js';
import { plannedCalls } from '../../src/deploy/dry-run.js';
import { DeployFailure, DeployInterrupted } from '../../src/deploy/run.js';
import { AwsJsonError } from '../support/aws-json-server.js';
import { loopbackSageMaker } from './loopback.js';
import { asyncConfig, batchConfig, realtimeConfig, serverlessConfig } from './fixtures.js';

const NOW = new Date('2026-11-26T21:30:05Z');
const STAMP = '20261126213005';

const { start, deploy } = loopbackSageMaker(NOW);

describe('runDeploy against the SageMaker wire protocol', () => {
  it('creates model, endpoint configuration and endpoint, then polls until InService', async () => {
    const { run, log, fake, plan } = await deploy(realtimeConfig, { pendingPolls: 3 });
    const result = await run;
    // What the dry run prints is what is sent, byte for byte as JSON (the create path).
    const planned = plannedCalls(plan)
      .calls.filter((c) => c.operation !== 'UpdateEndpoint')
      .map((c) => ({ operation: c.operation, input: JSON.parse(JSON.stringify(c.input)) as unknown }));
    expect(
      fake.server.requests.slice(0, planned.length).map((r) => ({ operation: r.operation, input: r.input })),
    ).toEqual(planned);
    expect(result).toMatchObject({ action: 'created', name: 'churn-model', status: 'InService' });
    expect(fake.operations()).toEqual([
      'DescribeEndpoint',
      'CreateModel',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    expect(log).toContain('endpoint churn-model: Creating (0s)');
    expect(log.some((l) => l.startsWith('endpoint churn-model: InService'))).toBe(true);

    // A/B: one model per variant, private mode (VPC + network isolation), tags.
    const model = fake.server.inputs('CreateModel')[1];
    expect(model).toMatchObject({
      ModelName: `churn-model-green-${STAMP}`,
      ExecutionRoleArn: realtimeConfig.executionRoleArn,
      PrimaryContainer: {
        Image: realtimeConfig.imageUri,
        ModelDataUrl: realtimeConfig.variants[1]?.modelDataUrl,
      },
      VpcConfig: { Subnets: ['subnet-0abc1234', 'subnet-0def5678'], SecurityGroupIds: ['sg-0abc1234'] },
      EnableNetworkIsolation: true,
      Tags: [
        { Key: 'project', Value: 'churn-model' },
        { Key: 'managed-by', Value: 'ml-deploy-advisor' },
      ],
    });
    expect(fake.server.inputs('CreateEndpointConfig')[0]).toMatchObject({
      EndpointConfigName: `churn-model-${STAMP}`,
      KmsKeyId: realtimeConfig.kmsKeyId,
      ProductionVariants: [
        {
          VariantName: 'blue',
          ModelName: `churn-model-blue-${STAMP}`,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 2,
          InitialVariantWeight: 0.9,
        },
        { VariantName: 'green', ModelName: `churn-model-green-${STAMP}`, InitialVariantWeight: 0.1 },
      ],
    });
    expect(fake.server.inputs('CreateEndpoint')[0]).toMatchObject({
      EndpointName: 'churn-model',
      EndpointConfigName: `churn-model-${STAMP}`,
    });
  });

  it('updates an existing endpoint through a new configuration with linear traffic shifting and rollback alarms', async () => {
    const fake = await start({ pendingPolls: 2 });
    fake.seedEndpoint('churn-model', 'churn-model-20261001000000', ['blue', 'green']);
    const { run, log } = await deploy(realtimeConfig);
    const result = await run;
    expect(result).toMatchObject({
      action: 'updated',
      status: 'InService',
      endpointConfigName: `churn-model-${STAMP}`,
    });
    expect(fake.operations()).toEqual([
      'DescribeEndpoint',
      'CreateModel',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    expect(fake.server.count('CreateEndpoint')).toBe(0);
    expect(fake.server.inputs('UpdateEndpoint')).toEqual([
      {
        EndpointName: 'churn-model',
        EndpointConfigName: `churn-model-${STAMP}`,
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'LINEAR',
              LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
              WaitIntervalInSeconds: 120,
            },
            TerminationWaitInSeconds: 0,
          },
          AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-5xx' }] },
        },
      },
    ]);
    expect(fake.endpoints.get('churn-model')?.config).toBe(`churn-model-${STAMP}`);
    expect(log).toContain('endpoint churn-model exists (config churn-model-20261001000000): updating');
    expect(log.some((l) => l.startsWith('warning:') || l.startsWith('note:'))).toBe(false);
  });

  it('canary is the default update; differing variant names are warned about', async () => {
    const fake = await start({ pendingPolls: 1 });
    fake.seedEndpoint('churn-model', 'churn-model-old', ['primary']);
    const { run, log } = await deploy(asyncConfig);
    await run;
    const update = fake.server.inputs('UpdateEndpoint')[0] as {
      DeploymentConfig: Record<string, unknown> & { BlueGreenUpdatePolicy: Record<string, unknown> };
    };
    expect(update.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration).toEqual({
      Type: 'CANARY',
      CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
      WaitIntervalInSeconds: 300,
    });
    expect(update.DeploymentConfig.AutoRollbackConfiguration).toBeUndefined();
    expect(log).toContain(
      'note: deployment.autoRollbackAlarms is empty: traffic shifts in steps, but no alarm can roll the update back',
    );
    expect(log.find((l) => l.startsWith('warning:'))).toMatch(
      /variants \(primary\) differ from the new ones \(AllTraffic\)/,
    );
  });

  it('a rolled-back update fails with the reason', async () => {
    const fake = await start({
      pendingPolls: 2,
      updateOutcome: { status: 'RolledBack', reason: 'Alarm churn-5xx in ALARM' },
    });
    fake.seedEndpoint('churn-model', 'churn-model-old', ['blue', 'green']);
    const { run } = await deploy(realtimeConfig);
    await expect(run).rejects.toThrow(
      new DeployFailure(
        'the update was rolled back; the endpoint still runs churn-model-old: Alarm churn-5xx in ALARM',
      ),
    );
  });

  it('a Failed endpoint fails with its FailureReason', async () => {
    const reason =
      'The primary container for production variant AllTraffic did not pass the ping health check.';
    const { run, fake } = await deploy(serverlessConfig, {
      pendingPolls: 2,
      createOutcome: { status: 'Failed', reason },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployFailure);
    expect((error as Error).message).toBe(`endpoint churn-model is Failed: ${reason}`);
    // Serverless: ServerlessConfig, no KmsKeyId on the endpoint configuration.
    const config = fake.server.inputs('CreateEndpointConfig')[0];
    expect(config?.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        ModelName: `churn-model-${STAMP}`,
        ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20, ProvisionedConcurrency: 2 },
      },
    ]);
    expect(config).not.toHaveProperty('KmsKeyId');
  });

  it('refuses to update an endpoint that is not InService', async () => {
    const fake = await start();
    fake.seedEndpoint('churn-model', 'churn-model-old', ['AllTraffic']);
    fake.endpoints.get('churn-model')!.status = 'Failed';
    const { run } = await deploy(asyncConfig);
    await expect(run).rejects.toThrow(
      /endpoint churn-model is Failed; delete it \(aws sagemaker delete-endpoint/,
    );
    expect(fake.operations()).toEqual(['DescribeEndpoint']);
  });

  it('async: output, failure path, SNS topics and the KMS key reach AsyncInferenceConfig', async () => {
    const { run, fake } = await deploy(asyncConfig, { pendingPolls: 0 });
    await run;
    expect(fake.server.inputs('CreateEndpointConfig')[0]?.AsyncInferenceConfig).toEqual({
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
      OutputConfig: {
        S3OutputPath: 's3://churn-artifacts/async/output/',
        S3FailurePath: 's3://churn-artifacts/async/failures/',
        KmsKeyId: asyncConfig.kmsKeyId,
        NotificationConfig: {
          SuccessTopic: asyncConfig.async.snsSuccessTopicArn,
          ErrorTopic: asyncConfig.async.snsErrorTopicArn,
        },
      },
    });
  });

  it('batch: CreateModel, CreateTransformJob, then waits for Completed', async () => {
    const { run, fake } = await deploy(batchConfig, { transformPolls: 2 });
    const result = await run;
    expect(result).toMatchObject({
      action: 'transformed',
      name: `churn-model-${STAMP}`,
      status: 'Completed',
    });
    expect(fake.operations()).toEqual([
      'CreateModel',
      'CreateTransformJob',
      'DescribeTransformJob',
      'DescribeTransformJob',
      'DescribeTransformJob',
    ]);
    expect(fake.server.inputs('CreateTransformJob')[0]).toMatchObject({
      TransformJobName: `churn-model-${STAMP}`,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: batchConfig.batch.inputS3Uri } },
      },
      TransformOutput: { S3OutputPath: batchConfig.batch.outputS3Uri, KmsKeyId: batchConfig.kmsKeyId },
      TransformResources: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 2,
        VolumeKmsKeyId: batchConfig.kmsKeyId,
      },
    });
  });

  it('a failed transform job fails with its reason', async () => {
    const { run } = await deploy(batchConfig, {
      transformOutcome: { status: 'Failed', reason: 'ClientError: bad input' },
    });
    await expect(run).rejects.toThrow(`transform job churn-model-${STAMP} Failed: ClientError: bad input`);
  });

  it('times out while the endpoint stays Creating, saying it carries on in AWS', async () => {
    const { run, fake } = await deploy(asyncConfig, { pendingPolls: 1_000 }, { pollMs: 20, timeoutMs: 200 });
    await expect(run).rejects.toThrow(
      /timed out after 0.2s waiting for endpoint churn-model \(last status: Creating\)/,
    );
    expect(fake.server.count('DescribeEndpoint')).toBeGreaterThan(3);
  });

  it('an AWS error names the operation, the error and what was created so far', async () => {
    const fake = await start();
    fake.server.handle('CreateEndpointConfig', () => {
      throw new AwsJsonError(
        'AccessDeniedException',
        'User is not authorized to perform: sagemaker:CreateEndpointConfig',
      );
    });
    const { run } = await deploy(asyncConfig);
    await expect(run).rejects.toThrow(
      `CreateEndpointConfig failed: AccessDeniedException: User is not authorized to perform: sagemaker:CreateEndpointConfig (created so far: model churn-model-${STAMP})`,
    );
  });

  it('an abort cancels the in-flight call and reports what exists', async () => {
    const fake = await start();
    fake.server.setDelay((op) => (op === 'CreateEndpointConfig' ? 5_000 : 0));
    const controller = new AbortController();
    const { run } = await deploy(asyncConfig, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = await run.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(DeployInterrupted);
    expect((error as Error).message).toContain(`created so far: model churn-model-${STAMP}`);
    expect(fake.server.count('CreateEndpoint')).toBe(0);
  });

  it('keeps waiting through throttled status reads', async () => {
    // Reads 3 and 4 are throttled; the SDK here makes one attempt only, so the runner sees them.
    const { run, log, fake } = await deploy(asyncConfig, { pendingPolls: 3, throttleDescribeReads: [3, 4] });
    await expect(run).resolves.toMatchObject({ status: 'InService' });
    expect(log.filter((l) => l.includes('status read throttled by AWS'))).toHaveLength(2);
    expect(fake.server.count('DescribeEndpoint')).toBe(7);
  });

  it('notes an image in another region than the deploy', async () => {
    const plan = planDeploy(parseDeployConfig({ ...batchConfig, region: 'eu-west-1' }), NOW);
    expect(plan.notes).toEqual([
      `imageUri ${batchConfig.imageUri} is in us-east-1, the deploy goes to eu-west-1: SageMaker needs the image in the same region`,
    ]);
    expect(planDeploy(parseDeployConfig(batchConfig), NOW).notes).toEqual([]);
  });

  it('an abort while waiting stops at once and says the endpoint carries on', async () => {
    const controller = new AbortController();
    const { run, fake } = await deploy(
      asyncConfig,
      { pendingPolls: 1_000 },
      { signal: controller.signal, pollMs: 10_000, timeoutMs: 60_000 },
    );
    // Abort once the run is waiting between status reads (its second DescribeEndpoint): a fixed
    // delay raced the creates on a loaded machine and aborted before the endpoint existed.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    while (fake.server.count('DescribeEndpoint') < 2) {
      const done = await Promise.race([
        settled.then(() => true),
        new Promise((r) => setTimeout(r, 5, false)),
      ]);
      if (done) break;
    }
    const started = Date.now();
    controller.abort();
    const error = await run.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(DeployInterrupted);
    expect((error as Error).message).toMatch(
      /created so far: .*endpoint churn-model\)\. Anything already started keeps going/,
    );
    expect(fake.server.count('DescribeEndpoint')).toBe(2);
  });
});
