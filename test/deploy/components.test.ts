import { describe, expect, it } from 'vitest';
import { parseDeployConfig, type DeployConfigInput } from '../../src/deploy/config.js';
import { plannedCalls } from '../../src/deploy/dry-run.js';
import { DeployFailure } from '../../src/deploy/run.js';
import type { FakeSageMaker, FakeSageMakerScenario } from './fake-sagemaker.js';
import { loopbackSageMaker } from './loopback.js';
import { componentsConfig, realtimeConfig } from './fixtures.js';
import { UserInputError } from '../../src/core/errors.js';

/**
 * Inference components through the real SageMaker SDK client against the loopback SageMaker:
 * the endpoint holds instances only and is created once; each deploy creates the new models and
 * updates every component in place (UpdateInferenceComponent), never the endpoint.
 */

const NOW = new Date('2026-11-26T21:30:05Z');
const STAMP = '20261126213005';

const loopback = loopbackSageMaker(NOW);

/** A deploy after `seed` has put what already runs into the fake. */
async function deploy(
  raw: DeployConfigInput,
  scenario: FakeSageMakerScenario = {},
  seed?: (f: FakeSageMaker) => void,
) {
  const fake = await loopback.start(scenario);
  seed?.(fake);
  return loopback.deploy(raw);
}

describe('deploy.json inferenceComponents', () => {
  it('takes either components or variants, not both, not neither', () => {
    expect(() => parseDeployConfig({ ...componentsConfig, variants: realtimeConfig.variants })).toThrow(
      UserInputError,
    );
    const { inferenceComponents: _, ...neither } = componentsConfig;
    expect(() => parseDeployConfig(neither)).toThrow(UserInputError);
    expect(() =>
      parseDeployConfig({
        ...componentsConfig,
        inferenceComponents: { ...componentsConfig.inferenceComponents, minInstanceCount: 4 },
      }),
    ).toThrow(UserInputError);
  });
});

describe('runDeploy with inference components', () => {
  it('first deploy: endpoint with instances only, then each component created and awaited', async () => {
    const { run, fake, plan } = await deploy(componentsConfig, { pendingPolls: 2 });
    const result = await run;
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
      'DescribeInferenceComponent',
      'CreateInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'CreateInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
    ]);
    const [config] = fake.server.inputs('CreateEndpointConfig');
    const [variant] = (config as { ProductionVariants: Record<string, unknown>[] }).ProductionVariants;
    expect(variant!.ModelName).toBeUndefined();
    expect(config).toMatchObject({ ExecutionRoleArn: componentsConfig.executionRoleArn });
    expect(variant).toMatchObject({
      VariantName: 'primary',
      InstanceType: 'ml.c5.large',
      InitialInstanceCount: 2,
      ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 2, MaxInstanceCount: 3 },
      RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
    });
    // Both components on the same endpoint and variant: the same instances.
    const creates = fake.server.inputs('CreateInferenceComponent');
    expect(creates.map((c) => [c.InferenceComponentName, c.EndpointName, c.VariantName])).toEqual([
      ['churn-model-champion', 'churn-model', 'primary'],
      ['churn-model-challenger', 'churn-model', 'primary'],
    ]);
    expect(creates[1]).toMatchObject({
      Specification: {
        ModelName: `churn-model-challenger-${STAMP}`,
        ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1843 },
      },
      RuntimeConfig: { CopyCount: 1 },
    });
    expect(fake.models.get(`churn-model-challenger-${STAMP}`)).toMatchObject({
      PrimaryContainer: { ModelDataUrl: 's3://churn-artifacts/models/churn-model-v2/model.tar.gz' },
    });
    // What the dry run prints for the create path is what was sent.
    const sent = fake.server.requests.map((r) => ({ operation: r.operation, input: r.input }));
    for (const call of plannedCalls(plan).calls.filter((c) => c.operation !== 'UpdateInferenceComponent'))
      expect(sent).toContainEqual({
        operation: call.operation,
        input: JSON.parse(JSON.stringify(call.input)) as unknown,
      });
  });

  it('routine deploy: components updated in place, the endpoint untouched and never deleted', async () => {
    const { run, fake, log } = await deploy(componentsConfig, {}, (f) =>
      f.seedComponents('churn-model', 'churn-model-old', ['churn-model-champion', 'churn-model-challenger']),
    );
    const result = await run;
    expect(result).toMatchObject({ action: 'updated', status: 'InService' });
    const ops = fake.operations();
    for (const op of ['CreateEndpointConfig', 'CreateEndpoint', 'UpdateEndpoint', 'CreateInferenceComponent'])
      expect(ops, op).not.toContain(op);
    expect(ops.filter((o) => o.startsWith('Delete'))).toEqual([]);
    expect(fake.endpoints.get('churn-model')!.config).toBe('churn-model-old');
    const updates = fake.server.inputs('UpdateInferenceComponent');
    expect(updates.map((u) => u.InferenceComponentName)).toEqual([
      'churn-model-champion',
      'churn-model-challenger',
    ]);
    expect(updates[0]).toMatchObject({
      Specification: { ModelName: `churn-model-champion-${STAMP}` },
      RuntimeConfig: { CopyCount: 3 },
      DeploymentConfig: {
        RollingUpdatePolicy: { MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 10 } },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-5xx' }] },
      },
    });
    expect(updates[1]).toMatchObject({
      DeploymentConfig: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-challenger-5xx' }] } },
    });
    expect(fake.components.get('churn-model-champion')!.specification.ModelName).toBe(
      `churn-model-champion-${STAMP}`,
    );
    expect(
      log.some((l) => /UpdateInferenceComponent churn-model-champion: model-churn-model-champion ->/.test(l)),
    ).toBe(true);
  });

  it('an update its alarms roll back fails the deploy, naming the model still running', async () => {
    const { run } = await deploy(
      componentsConfig,
      { componentUpdateOutcome: { status: 'RolledBack', reason: 'alarm churn-5xx fired' } },
      (f) => f.seedComponents('churn-model', 'churn-model-old', ['churn-model-champion']),
    );
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployFailure);
    expect((error as Error).message).toMatch(
      /update of churn-model-champion was rolled back; it still runs model-churn-model-champion: alarm churn-5xx fired/,
    );
  });
});
