import type { DeployConfigInput } from '../../src/deploy/config.js';

/** Valid deploy.json contents, one per option, as a scaffold would write them. */
const common = {
  projectName: 'churn-model',
  region: 'us-east-1',
  executionRoleArn: 'arn:aws:iam::123456789012:role/churn-model-sagemaker',
  imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-model:1.0.0',
  modelDataUrl: 's3://churn-artifacts/models/churn-model/model.tar.gz',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  tags: { project: 'churn-model', 'managed-by': 'ml-deploy-advisor' },
} as const;

export const realtimeConfig = {
  option: 'sagemaker-realtime',
  ...common,
  network: {
    private: true,
    subnets: ['subnet-0abc1234', 'subnet-0def5678'],
    securityGroupIds: ['sg-0abc1234'],
  },
  variants: [
    { name: 'blue', weight: 0.9, instanceType: 'ml.m5.large', initialInstanceCount: 2 },
    {
      name: 'green',
      weight: 0.1,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      modelDataUrl: 's3://churn-artifacts/models/churn-model-v2/model.tar.gz',
    },
  ],
  deployment: {
    strategy: 'linear',
    linearStepPercent: 25,
    waitIntervalSeconds: 120,
    autoRollbackAlarms: ['churn-5xx'],
  },
} satisfies DeployConfigInput;

export const serverlessConfig = {
  option: 'sagemaker-serverless',
  ...common,
  serverless: { memorySizeInMB: 2048, maxConcurrency: 20, provisionedConcurrency: 2 },
} satisfies DeployConfigInput;

export const asyncConfig = {
  option: 'sagemaker-async',
  ...common,
  async: {
    instanceType: 'ml.g5.xlarge',
    initialInstanceCount: 1,
    s3OutputPath: 's3://churn-artifacts/async/output/',
    s3FailurePath: 's3://churn-artifacts/async/failures/',
    snsSuccessTopicArn: 'arn:aws:sns:us-east-1:123456789012:churn-ok',
    snsErrorTopicArn: 'arn:aws:sns:us-east-1:123456789012:churn-error',
    maxConcurrentInvocationsPerInstance: 4,
  },
} satisfies DeployConfigInput;

export const batchConfig = {
  option: 'sagemaker-batch',
  ...common,
  batch: {
    inputS3Uri: 's3://churn-artifacts/batch/input/',
    outputS3Uri: 's3://churn-artifacts/batch/output/',
    instanceType: 'ml.m5.xlarge',
    instanceCount: 2,
  },
} satisfies DeployConfigInput;

/** A/B on shared instances: champion and challenger as inference components. */
export const componentsConfig = {
  option: 'sagemaker-realtime',
  ...common,
  inferenceComponents: {
    instanceType: 'ml.c5.large',
    minInstanceCount: 2,
    maxInstanceCount: 3,
    components: [
      { name: 'champion', copies: 3, cpuCores: 1, memoryMb: 1843, autoRollbackAlarms: ['churn-5xx'] },
      {
        name: 'challenger',
        copies: 1,
        cpuCores: 1,
        memoryMb: 1843,
        modelDataUrl: 's3://churn-artifacts/models/churn-model-v2/model.tar.gz',
        autoRollbackAlarms: ['churn-challenger-5xx'],
      },
    ],
  },
} satisfies DeployConfigInput;
