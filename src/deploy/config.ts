import * as z from 'zod/mini';
import { toResourceName } from '../core/slug.js';
import en from 'zod/v4/locales/en.js';
import { UserInputError } from '../core/errors.js';

/**
 * `infra/sagemaker/deploy.json`: what a SageMaker scaffold carries so `deploy --dir` can create or
 * update its endpoint (or run its batch transform) through the SageMaker API.
 *
 * One object, discriminated by `option` (the contract's option ids). Common keys:
 *
 * | key | meaning |
 * | --- | --- |
 * | `option` | `sagemaker-realtime` `sagemaker-serverless` `sagemaker-async` `sagemaker-batch` |
 * | `projectName` | endpoint name (and base of model/config/job names): letters, digits, hyphens, <= 32 |
 * | `region` | AWS region code; `deploy --region` overrides it |
 * | `executionRoleArn` | IAM role SageMaker assumes (`arn:aws:iam::123456789012:role/...`) |
 * | `imageUri` | the serving image in ECR (`123456789012.dkr.ecr.REGION.amazonaws.com/repo:tag`) |
 * | `modelDataUrl` | `s3://bucket/key/model.tar.gz`, unpacked into `/opt/ml/model` |
 * | `kmsKeyId` | optional KMS key (id, ARN, `alias/...`): ML storage volumes, async output, batch output |
 * | `network` | `{ private, subnets, securityGroupIds }`; `private: true` puts the model in the VPC with network isolation |
 * | `environment` | optional container environment variables |
 * | `tags` | optional `{ key: value }` tags on every resource |
 *
 * Per option: realtime `inferenceComponents` (models as inference components on shared instances: a
 * champion and, for A/B, a challenger) or `variants` (a fleet per model), `serverless`, `async`, `batch`, and for the
 * endpoint options `deployment` (how an update shifts traffic: canary, linear or all at once).
 */

/** Letters, digits and single hyphens inside (SageMaker's name pattern), short enough for the suffixes we add. */
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ECR_IMAGE =
  /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]{1,128}|@sha256:[0-9a-f]{64})?$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const MODEL_TAR = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+\.tar\.gz$/;
const KMS_KEY =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[\w/-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[\w-]+|alias\/[\w/-]+))$/;
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;
const ML_INSTANCE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

// zod/mini (not classic zod): classic would pull every zod locale into the chunk `recommend` shares.
const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const pattern = (regex: RegExp, what: string) => z.string().check(z.regex(regex, `expected ${what}`));

/** Names we append `-<variant>-<yyyymmddhhmmss>` to must leave room under SageMaker's 63 characters. */
export const PROJECT_NAME_MAX = 32;
export const VARIANT_NAME_MAX = 15;

const networkSchema = z
  .strictObject({
    /** Run the model inside the VPC (VpcConfig) with network isolation (no outbound calls from the container). */
    private: z.boolean(),
    subnets: z.optional(
      z
        .array(pattern(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id like subnet-0abc1234'))
        .check(z.minLength(1), z.maxLength(16)),
    ),
    securityGroupIds: z.optional(
      z
        .array(pattern(/^sg-[0-9a-f]{8,17}$/, 'a security group id like sg-0abc1234'))
        .check(z.minLength(1), z.maxLength(5)),
    ),
  })
  .check(
    z.superRefine((net, ctx) => {
      if (!net.private) return;
      if (!net.subnets)
        ctx.addIssue({
          code: 'custom',
          path: ['subnets'],
          message: 'required when private is true (1 to 16 subnet ids)',
        });
      if (!net.securityGroupIds) {
        ctx.addIssue({
          code: 'custom',
          path: ['securityGroupIds'],
          message: 'required when private is true (1 to 5 security group ids)',
        });
      }
    }),
  );

const tagsSchema = z
  .record(
    z.string().check(
      z.minLength(1),
      z.maxLength(128),
      z.refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys may not start with "aws:"'),
    ),
    z.string().check(z.maxLength(256)),
  )
  .check(z.refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags'));

const common = {
  /** Free text for humans; ignored. */
  $comment: z.optional(z.string()),
  projectName: z
    .string()
    .check(
      z.maxLength(PROJECT_NAME_MAX, `at most ${PROJECT_NAME_MAX} characters`),
      z.regex(NAME, 'expected letters, digits and hyphens, starting and ending with a letter or digit'),
    ),
  region: pattern(REGION, 'an AWS region code like us-east-1'),
  executionRoleArn: pattern(
    ROLE_ARN,
    'an IAM role ARN like arn:aws:iam::123456789012:role/SageMakerExecution',
  ),
  imageUri: pattern(ECR_IMAGE, 'an ECR image like 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag'),
  modelDataUrl: pattern(MODEL_TAR, 'an S3 URI of a model archive like s3://bucket/path/model.tar.gz'),
  kmsKeyId: z.optional(pattern(KMS_KEY, 'a KMS key id, key ARN, alias/NAME or alias ARN')),
  network: z._default(networkSchema, { private: false }),
  environment: z.optional(
    z.record(
      z.string().check(z.regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$/, 'expected an environment variable name')),
      z.string().check(z.maxLength(1024)),
    ),
  ),
  tags: z._default(tagsSchema, {}),
};

/** How an update of an existing endpoint moves traffic to the new fleet (blue/green deployment guardrails). */
const deploymentSchema = z._default(
  z.strictObject({
    strategy: z._default(z.enum(['canary', 'linear', 'all-at-once']), 'canary'),
    /** Canary: share of the new fleet's capacity that gets traffic first (<= 50%). */
    canarySizePercent: z._default(int(1, 50), 10),
    /** Linear: share of capacity turned on at each step (10..50%). */
    linearStepPercent: z._default(int(10, 50), 20),
    /** Baking time between steps, watched by the rollback alarms. */
    waitIntervalSeconds: z._default(int(0, 3600), 300),
    /** Extra wait before the old fleet is terminated. */
    terminationWaitSeconds: z._default(int(0, 3600), 0),
    maximumExecutionTimeoutSeconds: z.optional(int(600, 28800)),
    /** CloudWatch alarm names; any alarm in ALARM during the update rolls it back. */
    autoRollbackAlarms: z._default(
      z.array(z.string().check(z.minLength(1), z.maxLength(255))).check(z.maxLength(10)),
      [],
    ),
  }),
  {
    strategy: 'canary',
    canarySizePercent: 10,
    linearStepPercent: 20,
    waitIntervalSeconds: 300,
    terminationWaitSeconds: 0,
    autoRollbackAlarms: [],
  },
);

const variantSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.maxLength(VARIANT_NAME_MAX, `at most ${VARIANT_NAME_MAX} characters`),
      z.regex(NAME, 'expected letters, digits and hyphens'),
    ),
  /** Relative share of traffic (weights are normalised by SageMaker). */
  weight: z.number().check(z.gte(0), z.lte(1000)),
  instanceType: pattern(ML_INSTANCE, 'a SageMaker instance type like ml.m5.large'),
  initialInstanceCount: int(1, 100),
  /** A/B: this variant's own image or model archive; defaults to the top-level ones. */
  imageUri: z.optional(common.imageUri),
  modelDataUrl: z.optional(common.modelDataUrl),
});

/**
 * One model as a SageMaker inference component (`<projectName>-<name>`): what each copy reserves on
 * the shared instances and how many copies run. A/B: a `challenger` beside the `champion`.
 */
const componentSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.maxLength(VARIANT_NAME_MAX, `at most ${VARIANT_NAME_MAX} characters`),
      z.regex(NAME, 'expected letters, digits and hyphens'),
    ),
  copies: int(1, 1000),
  /** NumberOfCpuCoresRequired: whole or half cores. */
  cpuCores: z.number().check(
    z.gte(0.25),
    z.lte(512),
    z.refine((n) => Number.isInteger(n * 4), 'expected a multiple of 0.25 cores'),
  ),
  /** MinMemoryRequiredInMb. */
  memoryMb: int(128, 4_194_304),
  /** NumberOfAcceleratorDevicesRequired; left out on CPU instances. */
  accelerators: z.optional(int(1, 16)),
  /** This component's own image or model archive; defaults to the top-level ones. */
  imageUri: z.optional(common.imageUri),
  modelDataUrl: z.optional(common.modelDataUrl),
  /** Alarms that roll this component's updates back; default deployment.autoRollbackAlarms. */
  autoRollbackAlarms: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(255))).check(z.maxLength(10)),
  ),
});

/** The shared instances of an inference-component endpoint (one variant, managed instance scaling). */
const componentsSchema = z
  .strictObject({
    variantName: z._default(
      z.string().check(z.maxLength(VARIANT_NAME_MAX), z.regex(NAME, 'expected letters, digits and hyphens')),
      'primary',
    ),
    instanceType: pattern(ML_INSTANCE, 'a SageMaker instance type like ml.m5.large'),
    minInstanceCount: int(1, 100),
    maxInstanceCount: int(1, 100),
    components: z.array(componentSchema).check(
      z.minLength(1),
      z.maxLength(10),
      z.superRefine((components, ctx) => {
        const seen = new Set<string>();
        components.forEach((c, i) => {
          if (seen.has(c.name))
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'duplicate component name' });
          seen.add(c.name);
        });
      }),
    ),
  })
  .check(
    z.refine((c) => c.maxInstanceCount >= c.minInstanceCount, {
      path: ['maxInstanceCount'],
      message: 'must be >= minInstanceCount',
    }),
  );

const realtimeSchema = z.strictObject({
  option: z.literal('sagemaker-realtime'),
  ...common,
  /** Models on shared instances (inference components); or `variants`, one fleet per model. */
  inferenceComponents: z.optional(componentsSchema),
  variants: z.optional(
    z.array(variantSchema).check(
      z.minLength(1),
      z.maxLength(10),
      z.superRefine((variants, ctx) => {
        const seen = new Set<string>();
        variants.forEach((v, i) => {
          if (seen.has(v.name))
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'duplicate variant name' });
          seen.add(v.name);
        });
        if (variants.every((v) => v.weight === 0)) {
          ctx.addIssue({ code: 'custom', path: [], message: 'at least one variant needs a weight > 0' });
        }
      }),
    ),
  ),
  deployment: deploymentSchema,
});

const serverlessSchema = z.strictObject({
  option: z.literal('sagemaker-serverless'),
  ...common,
  serverless: z
    .strictObject({
      memorySizeInMB: z.union(
        [1024, 2048, 3072, 4096, 5120, 6144].map((n) => z.literal(n)),
        {
          error: 'expected one of 1024, 2048, 3072, 4096, 5120, 6144',
        },
      ),
      maxConcurrency: int(1, 200),
      provisionedConcurrency: z.optional(int(1, 200)),
    })
    .check(
      z.refine(
        (s) => s.provisionedConcurrency === undefined || s.provisionedConcurrency <= s.maxConcurrency,
        { path: ['provisionedConcurrency'], message: 'must be <= maxConcurrency' },
      ),
    ),
  deployment: deploymentSchema,
});

const asyncSchema = z.strictObject({
  option: z.literal('sagemaker-async'),
  ...common,
  async: z.strictObject({
    instanceType: pattern(ML_INSTANCE, 'a SageMaker instance type like ml.m5.large'),
    initialInstanceCount: int(1, 100),
    s3OutputPath: pattern(S3_URI, 'an S3 URI like s3://bucket/async-output/'),
    s3FailurePath: z.optional(pattern(S3_URI, 'an S3 URI like s3://bucket/async-failures/')),
    snsSuccessTopicArn: z.optional(pattern(SNS_ARN, 'an SNS topic ARN')),
    snsErrorTopicArn: z.optional(pattern(SNS_ARN, 'an SNS topic ARN')),
    maxConcurrentInvocationsPerInstance: z.optional(int(1, 1000)),
  }),
  deployment: deploymentSchema,
});

const batchSchema = z.strictObject({
  option: z.literal('sagemaker-batch'),
  ...common,
  batch: z.strictObject({
    inputS3Uri: pattern(S3_URI, 'an S3 URI like s3://bucket/input/'),
    outputS3Uri: pattern(S3_URI, 'an S3 URI like s3://bucket/output/'),
    instanceType: pattern(ML_INSTANCE, 'a SageMaker instance type like ml.m5.large'),
    instanceCount: int(1, 100),
    contentType: z._default(z.string().check(z.minLength(1), z.maxLength(256)), 'application/json'),
    splitType: z._default(z.enum(['None', 'Line', 'RecordIO', 'TFRecord']), 'Line'),
    batchStrategy: z._default(z.enum(['MultiRecord', 'SingleRecord']), 'MultiRecord'),
    assembleWith: z._default(z.enum(['None', 'Line']), 'Line'),
    maxPayloadInMB: z.optional(int(0, 100)),
    maxConcurrentTransforms: z.optional(int(0, 1000)),
  }),
});

export const DEPLOY_OPTIONS = [
  'sagemaker-realtime',
  'sagemaker-serverless',
  'sagemaker-async',
  'sagemaker-batch',
] as const;
export type DeployOption = (typeof DEPLOY_OPTIONS)[number];

export const deployConfigSchema = z
  .discriminatedUnion('option', [realtimeSchema, serverlessSchema, asyncSchema, batchSchema])
  .check(
    z.superRefine((config, ctx) => {
      if (config.option === 'sagemaker-realtime') {
        const both = config.variants !== undefined && config.inferenceComponents !== undefined;
        if (both || (config.variants === undefined && config.inferenceComponents === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['inferenceComponents'],
            message: both
              ? 'give either inferenceComponents (models sharing instances) or variants (a fleet per model), not both'
              : 'required: inferenceComponents (models sharing instances) or variants (a fleet per model)',
          });
        }
      }
      if (config.option === 'sagemaker-serverless' && config.network.private) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'private'],
          message:
            'serverless endpoints do not support a VPC or network isolation; set it to false or use sagemaker-realtime or sagemaker-async',
        });
      }
    }),
  );

/** A validated deploy.json, defaults applied. */
export type DeployConfig = z.output<typeof deployConfigSchema>;
export type RealtimeConfig = Extract<DeployConfig, { option: 'sagemaker-realtime' }>;
export type ServerlessConfig = Extract<DeployConfig, { option: 'sagemaker-serverless' }>;
export type AsyncConfig = Extract<DeployConfig, { option: 'sagemaker-async' }>;
export type BatchConfig = Extract<DeployConfig, { option: 'sagemaker-batch' }>;
export type EndpointConfig = RealtimeConfig | ServerlessConfig | AsyncConfig;
/** What a scaffold writes (defaults may be left out). */
export type DeployConfigInput = z.input<typeof deployConfigSchema>;

/**
 * `projectName` for deploy.json from the answers' free-text project name (the contract allows any
 * text): lower case, runs of other characters as one hyphen, at most PROJECT_NAME_MAX characters.
 */
export function endpointBaseName(text: string): string {
  return toResourceName(text, PROJECT_NAME_MAX);
}

/** Where a scaffold keeps the file, relative to its root. */
export const DEPLOY_CONFIG_PATH = 'infra/sagemaker/deploy.json';

/**
 * Validates a parsed deploy.json. Every problem becomes one line naming the file and the field path
 * (`variants[1].weight`) with what is allowed; the whole lot is a UserInputError (exit 2).
 */
export function parseDeployConfig(raw: unknown, file = DEPLOY_CONFIG_PATH): DeployConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserInputError(`${file}: expected a JSON object with "option" (${DEPLOY_OPTIONS.join(', ')})`);
  }
  // zod/mini carries no messages until a locale is configured; the English ones are part of our errors.
  z.config(en());
  const result = z.safeParse(deployConfigSchema, raw);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${file}: ${describeIssue(issue, raw)}`);
  throw new UserInputError(
    `${file}: ${details.length} problem${details.length > 1 ? 's' : ''} in the deploy configuration`,
    details,
  );
}

/** `variants[1].weight` from zod's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue, raw: object): string {
  if (issue.code === 'unrecognized_keys') {
    const where = fieldPath(issue.path);
    return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: unknown key`).join('\n');
  }
  const field = fieldPath(issue.path) || '(top level)';
  if (issue.path.length === 1 && issue.path[0] === 'option') {
    const got = (raw as Record<string, unknown>).option;
    return `option: ${got === undefined ? 'required' : `${JSON.stringify(got)} is not allowed`}; use one of ${DEPLOY_OPTIONS.join(', ')}`;
  }
  let got: unknown = raw;
  for (const key of issue.path)
    got = got && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[key] : undefined;
  if (got === undefined && issue.code === 'invalid_type') return `${field}: required`;
  const gotText = got === undefined || typeof got === 'object' ? '' : ` (got ${JSON.stringify(got)})`;
  return `${field}: ${issue.message}${gotText}`;
}
