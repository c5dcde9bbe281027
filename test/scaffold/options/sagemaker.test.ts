import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswersInput } from '../../../src/core/answers.js';
import { deployConfigSchema } from '../../../src/deploy/config.js';
import { parseCfnYaml } from '../../support/validate/index.js';
import { FEASIBLE } from '../support.js';
import { BASE_ANSWERS, feasibility, generate } from './generate.js';

/**
 * SageMaker scaffolds: infra/sagemaker/deploy.json passes the deploy command's schema, and it
 * names the same role, bucket and alarms as the stack; the stack is sized from the context.
 */

type Obj = Record<string, unknown>;
type Template = {
  Parameters: Record<string, Obj>;
  Resources: Record<string, { Type: string; Properties: Obj }>;
  Mappings?: Obj;
};

const OPTIONS = ['sagemaker-realtime', 'sagemaker-serverless', 'sagemaker-async', 'sagemaker-batch'] as const;
const VARIANTS: Partial<AnswersInput>[] = [
  {},
  { framework: 'pytorch', gpu: 'required', requestsPerSecond: 200, latencyP95Ms: 150 },
  { framework: 'xgboost', latencyP95Ms: null, trafficPattern: 'batch', monthlyBudgetUsd: 0 },
  { projectName: 'A very long project name that goes well past thirty-two characters' },
];

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
const stackOf = (dir: string): Template =>
  parseCfnYaml(read(dir, 'infra/sagemaker/stack.yaml')).value as Template;
const resourcesOfType = (t: Template, type: string) =>
  Object.values(t.Resources).filter((r) => r.Type === type);

describe.each(OPTIONS)('%s deploy.json', (option) => {
  it.each(VARIANTS)('passes deployConfigSchema and matches the stack (%j)', async (answers) => {
    // Where the advisor marks the option infeasible (Serverless has no GPU, batch and async no
    // interactive latency), the scaffold refuses it: its own verdict decides, not a list here.
    if (!feasibility(option, { ...BASE_ANSWERS, ...FEASIBLE[option], ...answers }).feasible) {
      await expect(generate(option, answers)).rejects.toThrow(/infeasible for these answers: .+--force/);
      return;
    }
    const { dir, context } = await generate(option, answers);
    try {
      const raw = JSON.parse(read(dir, 'infra/sagemaker/deploy.json')) as Obj;
      const parsed = deployConfigSchema.safeParse(raw);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const config = parsed.data!;
      expect(config.option).toBe(option);
      expect(config.region).toBe(context.region);

      const stack = stackOf(dir);
      // deploy.json is written for staging: names are the stack's, with the environment.
      const project = `${String(stack.Parameters.ProjectName!.Default)}-staging`;
      expect(config.projectName).toBe(project);
      expect(config.executionRoleArn).toBe(`arn:aws:iam::123456789012:role/${project}-sagemaker`);
      expect(config.modelDataUrl.startsWith(`s3://${project}-models-123456789012/models/`)).toBe(true);
      expect(config.imageUri).toMatch(new RegExp(`/${context.project.slug}:`));
      expect(stack.Parameters.ImageRepositoryName!.Default).toBe(context.project.slug);

      const alarmNames = resourcesOfType(stack, 'AWS::CloudWatch::Alarm').map((a) =>
        JSON.stringify(a.Properties.AlarmName).replace(/\$\{ProjectName\}-\$\{Environment\}/, project),
      );
      if ('deployment' in config) {
        for (const alarm of config.deployment.autoRollbackAlarms)
          expect(alarmNames).toContain(JSON.stringify({ 'Fn::Sub': alarm }));
      }
      const budgets = resourcesOfType(stack, 'AWS::Budgets::Budget');
      if (context.budget.monthlyUsd > 0) {
        expect(
          (budgets[0]!.Properties.Budget as { BudgetLimit: { Amount: number } }).BudgetLimit.Amount,
        ).toBe(context.budget.monthlyUsd);
      } else {
        expect(budgets).toHaveLength(0);
      }
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('sagemaker-realtime stack', () => {
  it('has an instances-only variant, a champion component and autoscaling sized from the context', async () => {
    const { dir, context } = await generate('sagemaker-realtime', {
      requestsPerSecond: 120,
      peakRequestsPerSecond: 400,
    });
    try {
      const stack = stackOf(dir);
      const [endpointConfig] = resourcesOfType(stack, 'AWS::SageMaker::EndpointConfig');
      const variants = endpointConfig!.Properties.ProductionVariants as Obj[];
      expect(variants).toHaveLength(1);
      expect(variants[0]!.VariantName).toBe('primary');
      // Inference components: no model on the variant, the instances scale on their own.
      expect(variants[0]!.ModelName).toBeUndefined();
      expect((variants[0]!.ManagedInstanceScaling as Obj).Status).toBe('ENABLED');

      const sizing = (stack.Mappings!.Sizing as Record<string, Obj>).production!;
      expect(sizing).toEqual({
        MinCapacity: context.capacity.production.min,
        MaxCapacity: context.capacity.production.max,
        ChampionCopies: context.capacity.production.min * context.modelCopy.perInstance,
        ChampionCopiesBesideChallenger: context.modelCopy.production.besideChallenger,
        MaxCopies: context.capacity.production.max * context.modelCopy.perInstance,
        MaxInstances: context.capacity.production.max + 1,
      });
      expect(context.capacity.production.min).toBeGreaterThanOrEqual(Math.max(2, context.autoscaling.min));
      const policies = resourcesOfType(stack, 'AWS::ApplicationAutoScaling::ScalingPolicy');
      expect(policies).toHaveLength(1);
      for (const p of policies) {
        const cfg = p.Properties.TargetTrackingScalingPolicyConfiguration as Obj;
        expect(cfg.TargetValue).toBe(
          Math.round(context.autoscaling.targetInvocationsPerMinute / context.modelCopy.perInstance),
        );
        expect(cfg.PredefinedMetricSpecification).toEqual({
          PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy',
        });
      }

      // Least privilege: S3 reads only under models/, ECR pulls only from the project's repository.
      const [role] = resourcesOfType(stack, 'AWS::IAM::Role');
      const statements = ((role!.Properties.Policies as Obj[])[0]!.PolicyDocument as { Statement: Obj[] })
        .Statement;
      const byId = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(byId.ReadModelArtifacts!.Resource).toEqual({ 'Fn::Sub': '${ModelBucket.Arn}/models/*' });
      expect(JSON.stringify(byId.PullServingImage!.Resource)).toMatch(
        /repository\/\$\{ImageRepositoryName\}/,
      );
      for (const s of statements) {
        const actions = ([] as unknown[]).concat(s.Action);
        expect(
          actions.some((a) => String(a).endsWith(':*')),
          `wildcard action in ${String(s.Sid)}`,
        ).toBe(false);
      }

      // Bucket: SSE-KMS, versioning, public access block, TLS-only policy.
      const [bucket] = resourcesOfType(stack, 'AWS::S3::Bucket');
      expect(JSON.stringify(bucket!.Properties.BucketEncryption)).toMatch(/aws:kms/);
      expect(bucket!.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(Object.values(bucket!.Properties.PublicAccessBlockConfiguration as Obj)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(JSON.stringify(resourcesOfType(stack, 'AWS::S3::BucketPolicy')[0])).toMatch(
        /aws:SecureTransport/,
      );

      // Private mode: VPC config and network isolation behind the IsPrivate condition.
      const [model] = resourcesOfType(stack, 'AWS::SageMaker::Model');
      expect(model!.Properties.EnableNetworkIsolation).toEqual({ 'Fn::If': ['IsPrivate', true, false] });
      expect(JSON.stringify(model!.Properties.VpcConfig)).toMatch(/IsPrivate/);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('sagemaker-serverless and async sizing', () => {
  it('serverless memory is a valid size at or above the need, concurrency from the peak', async () => {
    const { dir, context } = await generate('sagemaker-serverless', { modelSizeMb: 900 });
    try {
      const config = JSON.parse(read(dir, 'infra/sagemaker/deploy.json')) as {
        serverless: { memorySizeInMB: number; maxConcurrency: number };
      };
      expect([1024, 2048, 3072, 4096, 5120, 6144]).toContain(config.serverless.memorySizeInMB);
      expect(config.serverless.memorySizeInMB).toBeGreaterThanOrEqual(Math.min(context.memoryMb, 6144));
      expect(config.serverless.maxConcurrency).toBe(context.capacity.serverlessConcurrency);
      expect(stackOf(dir).Parameters.MemorySizeInMB!.Default).toBe(config.serverless.memorySizeInMB);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('async scales to zero and notifies through SNS', async () => {
    const { dir } = await generate('sagemaker-async');
    try {
      const stack = stackOf(dir);
      expect(
        resourcesOfType(stack, 'AWS::ApplicationAutoScaling::ScalableTarget')[0]!.Properties.MinCapacity,
      ).toBe(0);
      const [endpointConfig] = resourcesOfType(stack, 'AWS::SageMaker::EndpointConfig');
      const asyncConfig = endpointConfig!.Properties.AsyncInferenceConfig as { OutputConfig: Obj };
      expect(asyncConfig.OutputConfig.NotificationConfig).toEqual({
        SuccessTopic: { Ref: 'SuccessTopic' },
        ErrorTopic: { Ref: 'ErrorTopic' },
      });
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

// scripts/package_model.sh and scripts/fill_deploy_config.sh run (bash) in
// test/scaffold/deploy-scripts.e2e.test.ts, "SageMaker scripts".
