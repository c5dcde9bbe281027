import { AwsJsonError, createAwsJsonServer, type AwsJsonServer } from '../support/aws-json-server.js';

/**
 * A small stateful SageMaker on the loopback server: enough of the control plane for deploys.
 * Endpoints go through `Creating` / `Updating` for a set number of DescribeEndpoint reads and then
 * end as the scenario says (InService, Failed, rolled back). Errors use SageMaker's own shapes.
 */
export interface FakeSageMakerScenario {
  /** DescribeEndpoint reads that still show Creating/Updating after a create or update. */
  pendingPolls?: number;
  /** How a create ends. */
  createOutcome?: { status: 'InService' } | { status: 'Failed'; reason: string };
  /** How an update ends: on the new configuration, or rolled back to the old one. */
  updateOutcome?: { status: 'InService' } | { status: 'RolledBack'; reason: string };
  /** Reads of a transform job before it ends, and how it ends. */
  transformPolls?: number;
  transformOutcome?: { status: 'Completed' } | { status: 'Failed'; reason: string };
  /** DescribeEndpoint reads (1-based, counting every read) answered with ThrottlingException. */
  throttleDescribeReads?: number[];
  /** How an inference component update ends: on the new model, or rolled back by its alarms. */
  componentUpdateOutcome?: { status: 'InService' } | { status: 'RolledBack'; reason: string };
}

interface ComponentState {
  input: Record<string, unknown>;
  endpoint: string;
  variant: string;
  specification: Record<string, unknown>;
  previousSpecification?: Record<string, unknown>;
  copies: number;
  status: string;
  failureReason?: string;
  pending: number;
  phase: 'create' | 'update' | 'steady';
  lastDeploymentConfig?: unknown;
}

interface EndpointState {
  config: string;
  previousConfig?: string;
  status: string;
  failureReason?: string;
  pending: number;
  phase: 'create' | 'update' | 'steady';
}

export interface FakeSageMaker {
  server: AwsJsonServer;
  models: Map<string, Record<string, unknown>>;
  endpointConfigs: Map<string, Record<string, unknown>>;
  endpoints: Map<string, EndpointState>;
  components: Map<string, ComponentState>;
  /** Operations in the order received. */
  operations(): string[];
  /** An endpoint that already exists, InService on `config` (with its variants). */
  seedEndpoint(name: string, config: string, variants: string[]): void;
  /** An inference-component endpoint that exists, with these components InService on `model-<name>`. */
  seedComponents(endpoint: string, config: string, components: string[]): void;
}

const ACCOUNT = '123456789012';

export async function startFakeSageMaker(scenario: FakeSageMakerScenario = {}): Promise<FakeSageMaker> {
  const pendingPolls = scenario.pendingPolls ?? 3;
  const models = new Map<string, Record<string, unknown>>();
  const endpointConfigs = new Map<string, Record<string, unknown>>();
  const endpoints = new Map<string, EndpointState>();
  const components = new Map<string, ComponentState>();
  let describeReads = 0;
  const jobs = new Map<string, { pending: number; input: Record<string, unknown> }>();
  const arn = (kind: string, name: string) =>
    `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${kind}/${name.toLowerCase()}`;
  const name = (input: Record<string, unknown>, key: string) => {
    const value = input[key];
    if (typeof value !== 'string' || value === '') {
      throw new AwsJsonError('ValidationException', `1 validation error detected: Value null at '${key}'`);
    }
    return value;
  };
  const notFound = (what: string, n: string) =>
    new AwsJsonError('ValidationException', `Could not find ${what} "${arn(what.replace(' ', '-'), n)}".`);

  const server = createAwsJsonServer({
    targetPrefix: 'SageMaker',
    handlers: {
      CreateModel(input) {
        const n = name(input, 'ModelName');
        if (models.has(n))
          throw new AwsJsonError(
            'ValidationException',
            `Cannot create already existing model "${arn('model', n)}".`,
          );
        models.set(n, input);
        return { ModelArn: arn('model', n) };
      },
      CreateEndpointConfig(input) {
        const n = name(input, 'EndpointConfigName');
        if (endpointConfigs.has(n)) {
          throw new AwsJsonError(
            'ValidationException',
            `Cannot create already existing endpoint configuration "${arn('endpoint-config', n)}".`,
          );
        }
        for (const v of (input.ProductionVariants as { ModelName?: string }[]) ?? []) {
          // A variant without a model holds instances for inference components: SageMaker then
          // needs the execution role on the configuration itself.
          if (v.ModelName === undefined) {
            if (typeof input.ExecutionRoleArn !== 'string') {
              throw new AwsJsonError(
                'ValidationException',
                'ExecutionRoleArn is required for an endpoint configuration without a model (inference components).',
              );
            }
          } else if (!models.has(v.ModelName)) throw notFound('model', v.ModelName);
        }
        endpointConfigs.set(n, input);
        return { EndpointConfigArn: arn('endpoint-config', n) };
      },
      CreateEndpoint(input) {
        const n = name(input, 'EndpointName');
        const config = name(input, 'EndpointConfigName');
        if (endpoints.has(n))
          throw new AwsJsonError(
            'ValidationException',
            `Cannot create already existing endpoint "${arn('endpoint', n)}".`,
          );
        if (!endpointConfigs.has(config)) throw notFound('endpoint configuration', config);
        endpoints.set(n, { config, status: 'Creating', pending: pendingPolls, phase: 'create' });
        return { EndpointArn: arn('endpoint', n) };
      },
      UpdateEndpoint(input) {
        const n = name(input, 'EndpointName');
        const config = name(input, 'EndpointConfigName');
        const endpoint = endpoints.get(n);
        if (!endpoint) throw notFound('endpoint', n);
        if (!endpointConfigs.has(config)) throw notFound('endpoint configuration', config);
        if (endpoint.status !== 'InService') {
          throw new AwsJsonError(
            'ValidationException',
            `Cannot update in-progress endpoint "${arn('endpoint', n)}".`,
          );
        }
        Object.assign(endpoint, {
          previousConfig: endpoint.config,
          config,
          status: 'Updating',
          pending: pendingPolls,
          phase: 'update',
        });
        return { EndpointArn: arn('endpoint', n) };
      },
      DescribeEndpoint(input) {
        describeReads += 1;
        if (scenario.throttleDescribeReads?.includes(describeReads)) {
          throw new AwsJsonError('ThrottlingException', 'Rate exceeded');
        }
        const n = name(input, 'EndpointName');
        const endpoint = endpoints.get(n);
        if (!endpoint) throw notFound('endpoint', n);
        if (endpoint.phase !== 'steady') {
          if (endpoint.pending > 0) endpoint.pending -= 1;
          else if (endpoint.phase === 'create') {
            const outcome = scenario.createOutcome ?? { status: 'InService' };
            endpoint.status = outcome.status;
            if (outcome.status === 'Failed') endpoint.failureReason = outcome.reason;
            endpoint.phase = 'steady';
          } else {
            const outcome = scenario.updateOutcome ?? { status: 'InService' };
            endpoint.status = 'InService';
            if (outcome.status === 'RolledBack') {
              endpoint.config = endpoint.previousConfig ?? endpoint.config;
              endpoint.failureReason = outcome.reason;
            }
            endpoint.phase = 'steady';
          }
        }
        const config = endpointConfigs.get(endpoint.config);
        return {
          EndpointName: n,
          EndpointArn: arn('endpoint', n),
          EndpointConfigName: endpoint.config,
          EndpointStatus: endpoint.status,
          ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
          ProductionVariants: ((config?.ProductionVariants as { VariantName: string }[]) ?? []).map((v) => ({
            VariantName: v.VariantName,
          })),
          CreationTime: 1_764_000_000,
          LastModifiedTime: 1_764_000_000,
        };
      },
      CreateInferenceComponent(input) {
        const n = name(input, 'InferenceComponentName');
        const endpointName = name(input, 'EndpointName');
        if (components.has(n)) {
          throw new AwsJsonError(
            'ValidationException',
            `Cannot create already existing inference component "${arn('inference-component', n)}".`,
          );
        }
        const endpoint = endpoints.get(endpointName);
        if (!endpoint) throw notFound('endpoint', endpointName);
        if (endpoint.status !== 'InService') {
          throw new AwsJsonError(
            'ValidationException',
            `Endpoint "${arn('endpoint', endpointName)}" is not InService.`,
          );
        }
        const spec = input.Specification as Record<string, unknown> | undefined;
        const model = spec?.ModelName;
        if (typeof model !== 'string' || !models.has(model)) throw notFound('model', String(model));
        const copies = (input.RuntimeConfig as { CopyCount?: number } | undefined)?.CopyCount;
        if (typeof copies !== 'number') {
          throw new AwsJsonError(
            'ValidationException',
            "1 validation error detected: Value null at 'runtimeConfig.copyCount'",
          );
        }
        const config = endpointConfigs.get(endpoint.config);
        const variants = (config?.ProductionVariants as { VariantName: string }[]) ?? [];
        const variant = (input.VariantName as string | undefined) ?? variants[0]?.VariantName ?? '';
        if (!variants.some((v) => v.VariantName === variant)) {
          throw new AwsJsonError('ValidationException', `Variant "${variant}" not found on the endpoint.`);
        }
        components.set(n, {
          input,
          endpoint: endpointName,
          variant,
          specification: spec!,
          copies,
          status: 'Creating',
          pending: pendingPolls,
          phase: 'create',
        });
        return { InferenceComponentArn: arn('inference-component', n) };
      },
      UpdateInferenceComponent(input) {
        const n = name(input, 'InferenceComponentName');
        const component = components.get(n);
        if (!component) throw notFound('inference component', n);
        if (component.status !== 'InService') {
          throw new AwsJsonError(
            'ValidationException',
            `Cannot update in-progress inference component "${arn('inference-component', n)}".`,
          );
        }
        const spec = input.Specification as Record<string, unknown> | undefined;
        if (spec?.ModelName !== undefined && !models.has(String(spec.ModelName))) {
          throw notFound('model', String(spec.ModelName));
        }
        Object.assign(component, {
          previousSpecification: component.specification,
          specification: spec ?? component.specification,
          copies: (input.RuntimeConfig as { CopyCount?: number } | undefined)?.CopyCount ?? component.copies,
          status: 'Updating',
          pending: pendingPolls,
          phase: 'update',
          lastDeploymentConfig: input.DeploymentConfig,
        });
        return { InferenceComponentArn: arn('inference-component', n) };
      },
      DescribeInferenceComponent(input) {
        const n = name(input, 'InferenceComponentName');
        const component = components.get(n);
        if (!component) throw notFound('inference component', n);
        if (component.phase !== 'steady') {
          if (component.pending > 0) component.pending -= 1;
          else {
            component.status = 'InService';
            const outcome = scenario.componentUpdateOutcome ?? { status: 'InService' };
            if (component.phase === 'update' && outcome.status === 'RolledBack') {
              component.specification = component.previousSpecification ?? component.specification;
              component.failureReason = outcome.reason;
            }
            component.phase = 'steady';
          }
        }
        const spec = component.specification;
        return {
          InferenceComponentName: n,
          InferenceComponentArn: arn('inference-component', n),
          EndpointName: component.endpoint,
          EndpointArn: arn('endpoint', component.endpoint),
          VariantName: component.variant,
          ...(component.failureReason ? { FailureReason: component.failureReason } : {}),
          Specification: {
            ModelName: spec.ModelName,
            ...(spec.ComputeResourceRequirements
              ? { ComputeResourceRequirements: spec.ComputeResourceRequirements }
              : {}),
          },
          RuntimeConfig: {
            DesiredCopyCount: component.copies,
            CurrentCopyCount: component.status === 'InService' ? component.copies : 0,
          },
          InferenceComponentStatus: component.status,
          CreationTime: 1_764_000_000,
          LastModifiedTime: 1_764_000_000,
          ...(component.lastDeploymentConfig ? { LastDeploymentConfig: component.lastDeploymentConfig } : {}),
        };
      },
      CreateTransformJob(input) {
        const n = name(input, 'TransformJobName');
        if (!models.has(name(input, 'ModelName'))) throw notFound('model', String(input.ModelName));
        jobs.set(n, { pending: scenario.transformPolls ?? 2, input });
        return { TransformJobArn: arn('transform-job', n) };
      },
      DescribeTransformJob(input) {
        const n = name(input, 'TransformJobName');
        const job = jobs.get(n);
        if (!job) throw new AwsJsonError('ResourceNotFound', `Could not find requested job with name ${n}`);
        let status = 'InProgress';
        let reason: string | undefined;
        if (job.pending > 0) job.pending -= 1;
        else {
          const outcome = scenario.transformOutcome ?? { status: 'Completed' };
          status = outcome.status;
          if (outcome.status === 'Failed') reason = outcome.reason;
        }
        return {
          TransformJobName: n,
          TransformJobArn: arn('transform-job', n),
          TransformJobStatus: status,
          ...(reason ? { FailureReason: reason } : {}),
          ModelName: job.input.ModelName,
          TransformInput: job.input.TransformInput,
          TransformResources: job.input.TransformResources,
          CreationTime: 1_764_000_000,
        };
      },
    },
  });
  await server.start();
  return {
    server,
    models,
    endpointConfigs,
    endpoints,
    components,
    operations: () => server.requests.map((r) => r.operation),
    seedComponents(endpoint, config, names) {
      endpointConfigs.set(config, {
        EndpointConfigName: config,
        ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/seeded`,
        ProductionVariants: [{ VariantName: 'primary', InstanceType: 'ml.m5.large' }],
      });
      endpoints.set(endpoint, { config, status: 'InService', pending: 0, phase: 'steady' });
      for (const n of names) {
        models.set(`model-${n}`, {});
        components.set(n, {
          input: {},
          endpoint,
          variant: 'primary',
          specification: { ModelName: `model-${n}` },
          copies: 2,
          status: 'InService',
          pending: 0,
          phase: 'steady',
        });
      }
    },
    seedEndpoint(n, config, variants) {
      models.set(`${config}-model`, {});
      endpointConfigs.set(config, {
        EndpointConfigName: config,
        ProductionVariants: variants.map((VariantName) => ({ VariantName, ModelName: `${config}-model` })),
      });
      endpoints.set(n, { config, status: 'InService', pending: 0, phase: 'steady' });
    },
  };
}
