import type {
  CreateEndpointConfigInput,
  CreateEndpointInput,
  CreateInferenceComponentInput,
  CreateModelInput,
  CreateTransformJobCommandInput,
  DeploymentConfig,
  ProductionVariant,
  ProductionVariantInstanceType,
  Tag,
  TransformInstanceType,
  UpdateEndpointInput,
  UpdateInferenceComponentInput,
} from '@aws-sdk/client-sagemaker';
import type { BatchConfig, DeployConfig, EndpointConfig, RealtimeConfig } from './config.js';

/**
 * Pure: deploy.json (validated) + a clock reading -> the SageMaker API inputs. No I/O, so the dry run
 * prints exactly what a real run sends, and tests can check the inputs without a server.
 *
 * Names: every deploy creates new, timestamped models and endpoint configurations
 * (`<project>-<yyyymmddhhmmss>`), so an update never touches what the endpoint runs on until the
 * traffic shift, and a rollback has the previous configuration to go back to.
 */

/** Models, then the endpoint configuration, then CreateEndpoint (new) or UpdateEndpoint (existing). */
export interface EndpointPlan {
  kind: 'endpoint';
  region: string;
  endpointName: string;
  endpointConfigName: string;
  models: CreateModelInput[];
  endpointConfig: CreateEndpointConfigInput;
  create: CreateEndpointInput;
  update: UpdateEndpointInput;
  /** Variant names of the new configuration (a blue/green update needs the same names as the old one). */
  variantNames: string[];
  /** One line on how an update shifts traffic. */
  updateStrategy: string;
  /** Said only when an update runs (e.g. traffic shifting without rollback alarms). */
  updateNotes: string[];
  /** Things the user should know (settings that do not apply to this option, ...). */
  notes: string[];
}

/** Model, then the transform job. */
export interface BatchPlan {
  kind: 'batch';
  region: string;
  jobName: string;
  models: CreateModelInput[];
  job: CreateTransformJobCommandInput;
  notes: string[];
}

/** One inference component: created when missing, else updated in place (UpdateInferenceComponent). */
export interface ComponentStep {
  name: string;
  /** The model this deploy puts on it (how a finished update is told from a rolled-back one). */
  modelName: string;
  create: CreateInferenceComponentInput;
  update: UpdateInferenceComponentInput;
}

/**
 * Models as inference components on an endpoint's shared instances. The endpoint (instances only)
 * is created when missing and otherwise left as it is: a deploy creates the new models and
 * updates each component in place, so it never replaces or deletes the endpoint.
 */
export interface ComponentsPlan {
  kind: 'components';
  region: string;
  endpointName: string;
  endpointConfigName: string;
  models: CreateModelInput[];
  /** Used only when the endpoint does not exist yet. */
  endpointConfig: CreateEndpointConfigInput;
  create: CreateEndpointInput;
  components: ComponentStep[];
  /** One line on how an update of a component moves to the new model. */
  updateStrategy: string;
  notes: string[];
}

export type DeployPlan = EndpointPlan | BatchPlan | ComponentsPlan;

/** `20261126211530`: UTC, sortable, 14 characters (the schema leaves room for it in every name). */
export function stamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

export function planDeploy(config: DeployConfig, now: Date): DeployPlan {
  const plan =
    config.option === 'sagemaker-batch'
      ? planBatch(config, now)
      : config.option === 'sagemaker-realtime' && config.inferenceComponents
        ? planComponents(config, config.inferenceComponents, now)
        : planEndpoint(config, now);
  // SageMaker pulls serving images from ECR in the endpoint's own region.
  const images =
    config.option === 'sagemaker-realtime'
      ? [
          config.imageUri,
          ...(config.variants ?? []).map((v) => v.imageUri),
          ...(config.inferenceComponents?.components ?? []).map((c) => c.imageUri),
        ]
      : [config.imageUri];
  for (const image of new Set(images)) {
    const ecrRegion = image && /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(image)?.[1];
    if (ecrRegion && ecrRegion !== config.region) {
      plan.notes.push(
        `imageUri ${image} is in ${ecrRegion}, the deploy goes to ${config.region}: SageMaker needs the image in the same region`,
      );
    }
  }
  return plan;
}

function tagList(config: DeployConfig): Tag[] | undefined {
  const tags = Object.entries(config.tags).map(([Key, Value]) => ({ Key, Value }));
  return tags.length > 0 ? tags : undefined;
}

function modelInput(
  config: DeployConfig,
  name: string,
  image: string,
  modelDataUrl: string,
): CreateModelInput {
  const { network } = config;
  return {
    ModelName: name,
    ExecutionRoleArn: config.executionRoleArn,
    PrimaryContainer: {
      Image: image,
      ModelDataUrl: modelDataUrl,
      Mode: 'SingleModel',
      ...(config.environment ? { Environment: config.environment } : {}),
    },
    ...(network.private
      ? {
          VpcConfig: { Subnets: network.subnets ?? [], SecurityGroupIds: network.securityGroupIds ?? [] },
          EnableNetworkIsolation: true,
        }
      : {}),
    Tags: tagList(config),
  };
}

function planEndpoint(config: EndpointConfig, now: Date): EndpointPlan {
  const suffix = stamp(now);
  const endpointName = config.projectName;
  const endpointConfigName = `${config.projectName}-${suffix}`;
  const notes: string[] = [];
  const models: CreateModelInput[] = [];
  let variants: ProductionVariant[];

  if (config.option === 'sagemaker-realtime') {
    const configured = config.variants ?? [];
    // Variants that run the same image and archive share one model; A/B variants get one each.
    const distinct = new Set(
      configured.map((v) => `${v.imageUri ?? config.imageUri} ${v.modelDataUrl ?? config.modelDataUrl}`),
    );
    const shared = distinct.size === 1;
    if (shared)
      models.push(
        modelInput(config, `${config.projectName}-${suffix}`, config.imageUri, config.modelDataUrl),
      );
    variants = configured.map((v) => {
      const modelName = shared
        ? `${config.projectName}-${suffix}`
        : `${config.projectName}-${v.name}-${suffix}`;
      if (!shared) {
        models.push(
          modelInput(config, modelName, v.imageUri ?? config.imageUri, v.modelDataUrl ?? config.modelDataUrl),
        );
      }
      return {
        VariantName: v.name,
        ModelName: modelName,
        InstanceType: v.instanceType as ProductionVariantInstanceType,
        InitialInstanceCount: v.initialInstanceCount,
        InitialVariantWeight: v.weight,
      };
    });
  } else {
    const modelName = `${config.projectName}-${suffix}`;
    models.push(modelInput(config, modelName, config.imageUri, config.modelDataUrl));
    if (config.option === 'sagemaker-serverless') {
      const s = config.serverless;
      variants = [
        {
          VariantName: 'AllTraffic',
          ModelName: modelName,
          ServerlessConfig: {
            MemorySizeInMB: s.memorySizeInMB,
            MaxConcurrency: s.maxConcurrency,
            ...(s.provisionedConcurrency !== undefined
              ? { ProvisionedConcurrency: s.provisionedConcurrency }
              : {}),
          },
        },
      ];
    } else {
      variants = [
        {
          VariantName: 'AllTraffic',
          ModelName: modelName,
          InstanceType: config.async.instanceType as ProductionVariantInstanceType,
          InitialInstanceCount: config.async.initialInstanceCount,
          InitialVariantWeight: 1,
        },
      ];
    }
  }

  // Serverless endpoints have no ML storage volume to encrypt: SageMaker refuses KmsKeyId there.
  const volumeKey = config.option === 'sagemaker-serverless' ? undefined : config.kmsKeyId;
  if (config.option === 'sagemaker-serverless' && config.kmsKeyId) {
    notes.push(
      'kmsKeyId is not applied to a serverless endpoint configuration (it has no ML storage volume)',
    );
  }

  const endpointConfig: CreateEndpointConfigInput = {
    EndpointConfigName: endpointConfigName,
    ProductionVariants: variants,
    ...(volumeKey ? { KmsKeyId: volumeKey } : {}),
    ...(config.option === 'sagemaker-async' ? { AsyncInferenceConfig: asyncInference(config) } : {}),
    Tags: tagList(config),
  };

  const { deploymentConfig, description } = trafficShifting(config);
  return {
    kind: 'endpoint',
    region: config.region,
    endpointName,
    endpointConfigName,
    models,
    endpointConfig,
    create: { EndpointName: endpointName, EndpointConfigName: endpointConfigName, Tags: tagList(config) },
    update: {
      EndpointName: endpointName,
      EndpointConfigName: endpointConfigName,
      DeploymentConfig: deploymentConfig,
    },
    variantNames: variants.map((v) => v.VariantName ?? ''),
    updateStrategy: description,
    updateNotes:
      config.deployment.strategy !== 'all-at-once' && config.deployment.autoRollbackAlarms.length === 0
        ? [
            'deployment.autoRollbackAlarms is empty: traffic shifts in steps, but no alarm can roll the update back',
          ]
        : [],
    notes,
  };
}

type Components = NonNullable<RealtimeConfig['inferenceComponents']>;

function planComponents(config: RealtimeConfig, hosting: Components, now: Date): ComponentsPlan {
  const suffix = stamp(now);
  const endpointName = config.projectName;
  const endpointConfigName = `${config.projectName}-${suffix}`;
  const { network } = config;
  const models: CreateModelInput[] = [];
  const d = config.deployment;
  // Rolling update of a component's copies: the canary or linear step as the batch, all-at-once
  // as one batch of every copy; the rollback puts every copy back at once.
  const batchPercent =
    d.strategy === 'canary' ? d.canarySizePercent : d.strategy === 'linear' ? d.linearStepPercent : 100;
  const components = hosting.components.map((c): ComponentStep => {
    const modelName = `${config.projectName}-${c.name}-${suffix}`;
    models.push(
      modelInput(config, modelName, c.imageUri ?? config.imageUri, c.modelDataUrl ?? config.modelDataUrl),
    );
    const name = `${config.projectName}-${c.name}`;
    const specification = {
      ModelName: modelName,
      ComputeResourceRequirements: {
        NumberOfCpuCoresRequired: c.cpuCores,
        MinMemoryRequiredInMb: c.memoryMb,
        ...(c.accelerators !== undefined ? { NumberOfAcceleratorDevicesRequired: c.accelerators } : {}),
      },
    };
    const alarms = c.autoRollbackAlarms ?? d.autoRollbackAlarms;
    return {
      name,
      modelName,
      create: {
        InferenceComponentName: name,
        EndpointName: endpointName,
        VariantName: hosting.variantName,
        Specification: specification,
        RuntimeConfig: { CopyCount: c.copies },
        Tags: tagList(config),
      },
      update: {
        InferenceComponentName: name,
        Specification: specification,
        RuntimeConfig: { CopyCount: c.copies },
        DeploymentConfig: {
          RollingUpdatePolicy: {
            MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: batchPercent },
            WaitIntervalInSeconds: d.waitIntervalSeconds,
            RollbackMaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 100 },
            ...(d.maximumExecutionTimeoutSeconds !== undefined
              ? { MaximumExecutionTimeoutInSeconds: d.maximumExecutionTimeoutSeconds }
              : {}),
          },
          ...(alarms.length > 0
            ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } }
            : {}),
        },
      },
    };
  });
  const endpointConfig: CreateEndpointConfigInput = {
    EndpointConfigName: endpointConfigName,
    // Inference components: the variant holds instances, no model; SageMaker needs a role here.
    ExecutionRoleArn: config.executionRoleArn,
    ProductionVariants: [
      {
        VariantName: hosting.variantName,
        InstanceType: hosting.instanceType as ProductionVariantInstanceType,
        InitialInstanceCount: hosting.minInstanceCount,
        ManagedInstanceScaling: {
          Status: 'ENABLED',
          MinInstanceCount: hosting.minInstanceCount,
          MaxInstanceCount: hosting.maxInstanceCount,
        },
        RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
      },
    ],
    ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {}),
    ...(network.private
      ? {
          VpcConfig: { Subnets: network.subnets ?? [], SecurityGroupIds: network.securityGroupIds ?? [] },
          EnableNetworkIsolation: true,
        }
      : {}),
    Tags: tagList(config),
  };
  return {
    kind: 'components',
    region: config.region,
    endpointName,
    endpointConfigName,
    models,
    endpointConfig,
    create: { EndpointName: endpointName, EndpointConfigName: endpointConfigName, Tags: tagList(config) },
    components,
    updateStrategy:
      `rolling, ${batchPercent}% of the copies at a time, ${d.waitIntervalSeconds}s between batches` +
      (d.autoRollbackAlarms.length > 0 ? `, rolls back on alarm ${d.autoRollbackAlarms.join(', ')}` : ''),
    notes: [],
  };
}

function asyncInference(config: Extract<EndpointConfig, { option: 'sagemaker-async' }>) {
  const a = config.async;
  const notification = {
    ...(a.snsSuccessTopicArn ? { SuccessTopic: a.snsSuccessTopicArn } : {}),
    ...(a.snsErrorTopicArn ? { ErrorTopic: a.snsErrorTopicArn } : {}),
  };
  return {
    ...(a.maxConcurrentInvocationsPerInstance !== undefined
      ? { ClientConfig: { MaxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance } }
      : {}),
    OutputConfig: {
      S3OutputPath: a.s3OutputPath,
      ...(a.s3FailurePath ? { S3FailurePath: a.s3FailurePath } : {}),
      ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {}),
      ...(Object.keys(notification).length > 0 ? { NotificationConfig: notification } : {}),
    },
  };
}

/** The blue/green policy of an update: canary or linear steps with baking time, alarms to roll back. */
export function trafficShifting(config: EndpointConfig): {
  deploymentConfig: DeploymentConfig;
  description: string;
} {
  const d = config.deployment;
  const routing =
    d.strategy === 'canary'
      ? {
          Type: 'CANARY' as const,
          CanarySize: { Type: 'CAPACITY_PERCENT' as const, Value: d.canarySizePercent },
          WaitIntervalInSeconds: d.waitIntervalSeconds,
        }
      : d.strategy === 'linear'
        ? {
            Type: 'LINEAR' as const,
            LinearStepSize: { Type: 'CAPACITY_PERCENT' as const, Value: d.linearStepPercent },
            WaitIntervalInSeconds: d.waitIntervalSeconds,
          }
        : { Type: 'ALL_AT_ONCE' as const, WaitIntervalInSeconds: d.waitIntervalSeconds };
  const deploymentConfig: DeploymentConfig = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: d.terminationWaitSeconds,
      ...(d.maximumExecutionTimeoutSeconds !== undefined
        ? { MaximumExecutionTimeoutInSeconds: d.maximumExecutionTimeoutSeconds }
        : {}),
    },
    ...(d.autoRollbackAlarms.length > 0
      ? { AutoRollbackConfiguration: { Alarms: d.autoRollbackAlarms.map((AlarmName) => ({ AlarmName })) } }
      : {}),
  };
  const steps =
    d.strategy === 'canary'
      ? `canary ${d.canarySizePercent}% then the rest`
      : d.strategy === 'linear'
        ? `linear steps of ${d.linearStepPercent}%`
        : 'all at once';
  const alarms =
    d.autoRollbackAlarms.length > 0
      ? `, rolls back on alarm ${d.autoRollbackAlarms.join(', ')}`
      : ', no rollback alarms';
  return {
    deploymentConfig,
    description: `blue/green, ${steps}, ${d.waitIntervalSeconds}s between steps${alarms}`,
  };
}

function planBatch(config: BatchConfig, now: Date): BatchPlan {
  const suffix = stamp(now);
  const modelName = `${config.projectName}-${suffix}`;
  const jobName = `${config.projectName}-${suffix}`;
  const b = config.batch;
  const job: CreateTransformJobCommandInput = {
    TransformJobName: jobName,
    ModelName: modelName,
    BatchStrategy: b.batchStrategy,
    ...(b.maxPayloadInMB !== undefined ? { MaxPayloadInMB: b.maxPayloadInMB } : {}),
    ...(b.maxConcurrentTransforms !== undefined
      ? { MaxConcurrentTransforms: b.maxConcurrentTransforms }
      : {}),
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: b.inputS3Uri } },
      ContentType: b.contentType,
      CompressionType: 'None',
      SplitType: b.splitType,
    },
    TransformOutput: {
      S3OutputPath: b.outputS3Uri,
      Accept: b.contentType,
      AssembleWith: b.assembleWith,
      ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {}),
    },
    TransformResources: {
      InstanceType: b.instanceType as TransformInstanceType,
      InstanceCount: b.instanceCount,
      ...(config.kmsKeyId ? { VolumeKmsKeyId: config.kmsKeyId } : {}),
    },
    Tags: tagList(config),
  };
  return {
    kind: 'batch',
    region: config.region,
    jobName,
    models: [modelInput(config, modelName, config.imageUri, config.modelDataUrl)],
    job,
    notes: [],
  };
}
