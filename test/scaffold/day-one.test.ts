import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { OPTION_IDS, type OptionId } from '../../src/core/options.js';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import { parseCfnYaml } from '../support/validate/index.js';
import { validateCfnObject } from '../support/validate/cfn.js';
import { validateGithubWorkflow } from '../support/validate/workflow.js';
import { prepare, templates } from './support.js';
import type { Prepared } from '../../src/scaffold/service.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

/**
 * What a generated repository must get right on its first real deploy, checked on the rendered
 * files in memory (no writing, no processes): alarms that can be delivered, a budget for the
 * project only, SageMaker endpoints updated in place with environment names, redundancy in
 * production, build contexts that hold what the Dockerfile copies, infeasible options refused.
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const text = (files: PlannedFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} was not generated`);
  return new TextDecoder().decode(file.content);
};
const frameworkFor = (option: OptionId) => (option === 'tf-serving' ? 'tensorflow' : 'sklearn');
/**
 * The rendered files of one option with these answers. Most checks below read the same default
 * repository of an option, so each distinct render is made once and shared (the checks only read).
 */
const renders = new Map<string, Promise<PlannedFile[]>>();
const render = (option: OptionId, overrides: Record<string, unknown> = {}): Promise<PlannedFile[]> => {
  const key = JSON.stringify([option, overrides]);
  let files = renders.get(key);
  if (!files) {
    files = prepare(option, { framework: frameworkFor(option), requestsPerSecond: 20, ...overrides }).then(
      (prepared) => prepared.files,
    );
    renders.set(key, files);
  }
  return files;
};

const cfnTemplates = (files: PlannedFile[]): { path: string; template: Obj }[] =>
  files
    .filter((f) => /\.ya?ml$/.test(f.path) && /^AWSTemplateFormatVersion/m.test(text(files, f.path)))
    .map((f) => ({ path: f.path, template: parseCfnYaml(text(files, f.path)).value as Obj }));
const ofType = (template: Obj, type: string): [string, Obj][] =>
  Object.entries(template.Resources as Obj).filter(([, r]) => (r as Obj).Type === type) as [string, Obj][];

describe.each(OPTION_IDS.filter((o) => o !== 'on-prem'))('%s alarms and budget', (option) => {
  it('alarm topics use a key CloudWatch and Budgets may use, and the budget counts the project tag', async () => {
    const files = await render(option);
    const stacks = cfnTemplates(files);
    expect(stacks.length).toBeGreaterThan(0);
    let topics = 0;
    let budgets = 0;
    for (const { path, template } of stacks) {
      for (const [name, topic] of ofType(template, 'AWS::SNS::Topic')) {
        topics++;
        const keyRef = topic.Properties.KmsMasterKeyId as Obj | string | undefined;
        expect(keyRef, `${path} ${name}: the AWS-managed SNS key cannot receive alarms`).not.toBe(
          'alias/aws/sns',
        );
        if (keyRef === undefined) continue;
        const keyName = (keyRef as Obj).Ref as string;
        const key = (template.Resources as Obj)[keyName] as Obj;
        expect(key?.Type, `${path} ${name} is encrypted with a key of the stack`).toBe('AWS::KMS::Key');
        if (!name.startsWith('Alarm')) continue;
        const principals = JSON.stringify(
          (key.Properties.KeyPolicy.Statement as Obj[]).filter((s) =>
            JSON.stringify(s.Action).includes('GenerateDataKey'),
          ),
        );
        expect(principals, `${path}: the key policy lets CloudWatch encrypt`).toContain(
          'cloudwatch.amazonaws.com',
        );
        expect(principals, `${path}: the key policy lets Budgets encrypt`).toContain('budgets.amazonaws.com');
      }
      for (const [, budget] of ofType(template, 'AWS::Budgets::Budget')) {
        budgets++;
        const filters = budget.Properties.Budget.CostFilters as Obj;
        expect(filters?.TagKeyValue, `${path}: the budget is filtered to the project`).toEqual([
          `user:project$${'fraud-scorer'}`,
        ]);
      }
    }
    expect(topics).toBeGreaterThan(0);
    expect(budgets).toBeGreaterThan(0);
  });

  it('every stack is deployed with the project and environment tags', async () => {
    const files = await render(option);
    const scripts = files.filter((f) => f.path.endsWith('.sh')).map((f) => text(files, f.path));
    const deploys = scripts.join('\n').split('aws cloudformation deploy').slice(1);
    expect(deploys.length).toBeGreaterThan(0);
    for (const call of deploys) {
      const command = call.slice(0, call.indexOf('--parameter-overrides'));
      expect(command).toContain('--tags "project=fraud-scorer" "environment=${environment}"');
    }
  });
});

describe('SageMaker stacks update in place', () => {
  it.each(['sagemaker-realtime', 'sagemaker-serverless', 'sagemaker-async'] as const)(
    '%s: environment names, blue/green with roll-back alarms, never CreateEndpoint=false on a live stack',
    async (option) => {
      const files = await render(option);
      const stack = parseCfnYaml(text(files, 'infra/sagemaker/stack.yaml')).value as Obj;
      const [[, endpoint]] = ofType(stack, 'AWS::SageMaker::Endpoint') as [[string, Obj]];
      expect(endpoint.Properties.EndpointName).toEqual({ 'Fn::Sub': '${ProjectName}-${Environment}' });
      if (option === 'sagemaker-realtime') {
        // The model is an inference component: a deploy updates it in place, rolling, on alarms.
        const config = stack.Resources.ChampionComponent.Properties.DeploymentConfig as Obj;
        expect(config.RollingUpdatePolicy.MaximumBatchSize.Type).toMatch(/CAPACITY_PERCENT|COPY_COUNT/);
        expect(config.AutoRollbackConfiguration.Alarms.length).toBeGreaterThan(0);
      } else {
        const config = endpoint.Properties.DeploymentConfig as Obj;
        expect(config.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type).toMatch(/CANARY|ALL_AT_ONCE/);
        expect(config.AutoRollbackConfiguration.Alarms.length).toBeGreaterThan(0);
      }
      // Names of everything that exists once per account carry the environment.
      for (const [type, prop] of [
        ['AWS::IAM::Role', 'RoleName'],
        ['AWS::S3::Bucket', 'BucketName'],
        ['AWS::KMS::Alias', 'AliasName'],
        ['AWS::SNS::Topic', 'TopicName'],
        ['AWS::CloudWatch::Alarm', 'AlarmName'],
      ] as const) {
        for (const [name, resource] of ofType(stack, type)) {
          expect(JSON.stringify(resource.Properties[prop]), `${name}.${prop}`).toContain('${Environment}');
        }
      }
      // Endpoint configurations have no fixed name (CloudFormation makes the new one first).
      for (const [, cfg] of ofType(stack, 'AWS::SageMaker::EndpointConfig')) {
        expect(cfg.Properties.EndpointConfigName).toBeUndefined();
      }
      const deploy = text(files, 'infra/deploy.sh');
      // The false switch only when the stack does not have the endpoint yet.
      expect(deploy).toMatch(
        /if \[ "\$live" != "true" \]; then\n[^\n]*\n\s+deploy_stack "\$\{switch\}=false"/,
      );
      expect(deploy).not.toMatch(/delete-endpoint|delete-stack/);
    },
  );

  it('rollback deploys a recorded release without re-uploading the model', async () => {
    const files = await render('sagemaker-realtime');
    const rollback = text(files, 'scripts/rollback.sh');
    expect(rollback).toContain('previous-release');
    expect(rollback).toContain('SKIP_MODEL_UPLOAD=1');
    const pack = text(files, 'scripts/package_model.sh');
    expect(pack).toMatch(/head-object[\s\S]*exists: deploying it as it is/);
  });
});

describe('capacity from the sizing', () => {
  it.each(['sagemaker-realtime', 'ecs-fargate', 'eks', 'tf-serving', 'on-prem', 'hybrid'] as const)(
    '%s runs at least two in production for an interactive target, with room to update',
    async (option) => {
      const prepared = await prepare(option, { framework: frameworkFor(option), requestsPerSecond: 1 });
      const { production, staging } = prepared.context.capacity;
      expect(production.min).toBeGreaterThanOrEqual(2);
      expect(production.max).toBeGreaterThan(production.min);
      expect(staging.max).toBeGreaterThan(staging.min);
    },
  );

  it('tf-serving runs on x86 (its image is amd64) and updates keep the minimum in service', async () => {
    const prepared = await prepare('tf-serving', { framework: 'tensorflow' });
    expect(prepared.context.instanceType ?? 'c6i.xlarge').not.toMatch(/^[a-z]+\d+g[a-z]*\./);
    const stack = parseCfnYaml(text(prepared.files, 'infra/ec2/stack.yaml')).value as Obj;
    const sizing = stack.Mappings.Sizing as Obj;
    for (const env of ['staging', 'production']) {
      expect(sizing[env].MaxInstances).toBeGreaterThan(sizing[env].MinInstances);
    }
    expect(text(prepared.files, 'Dockerfile')).toMatch(/FROM --platform=linux\/amd64 tensorflow\/serving/);
  });

  it('serverless concurrency and Lambda throttles cover the peak in staging too', async () => {
    const serverless = await prepare('sagemaker-serverless', { inferenceMs: 5, latencyP95Ms: 200 });
    const { capacity, traffic } = serverless.context;
    // Little's law with the time a request may last (the latency target), not 5 ms of compute.
    expect(capacity.serverlessConcurrency).toBeGreaterThanOrEqual(Math.ceil((traffic.peakRps * 200) / 1000));
    const stack = parseCfnYaml(text(serverless.files, 'infra/sagemaker/stack.yaml')).value as Obj;
    expect(stack.Mappings.Sizing.staging.MaxConcurrency).toBe(capacity.serverlessConcurrency);

    const lambda = await prepare('lambda', { requestsPerSecond: 40 });
    const template = parseCfnYaml(text(lambda.files, 'infra/lambda/template.yaml')).value as Obj;
    expect(template.Mappings.Sizing.staging.ThrottleRate).toBeGreaterThanOrEqual(
      lambda.context.traffic.peakRps,
    );
  });
});

/** The COPY sources of a Dockerfile (context paths) and whether .dockerignore drops them. */
function ignoredCopies(dockerfile: string, dockerignore: string): string[] {
  const rules = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ negate: l.startsWith('!'), pattern: l.replace(/^!/, '').replace(/\/$/, '') }));
  const toRegex = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .split('**')
        .map((part) => part.replace(/\*/g, '[^/]*'))
        .join('.*')}(/.*)?$`,
    );
  const ignored = (path: string) => {
    let result = false;
    for (const rule of rules) if (toRegex(rule.pattern).test(path)) result = !rule.negate;
    return result;
  };
  const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) => {
    const words = m[1]!.split(/\s+/).filter((w) => !w.startsWith('--'));
    return words.slice(0, -1);
  });
  return sources.map((s) => s.replace(/\/$/, '')).filter((s) => ignored(s));
}

describe('Docker build contexts', () => {
  it.each(OPTION_IDS)('%s: nothing the Dockerfile copies is excluded by .dockerignore', async (option) => {
    const files = await render(option);
    expect(ignoredCopies(text(files, 'Dockerfile'), text(files, '.dockerignore'))).toEqual([]);
  });

  it('the check catches the old lambda defect (config/ copied, config excluded)', () => {
    expect(ignoredCopies('COPY config/ /x/\nCOPY app/ /y/\n', 'config\n*.md\n')).toEqual(['config']);
  });
});

describe('CI lints the infrastructure and deploys the published model', () => {
  it.each(OPTION_IDS)('%s', async (option) => {
    const files = await render(option);
    const ci = parseYaml(text(files, '.github/workflows/ci.yml')) as Obj;
    const lint = JSON.stringify(ci.jobs.lint.steps);
    expect(lint).toContain('scripts/lint_iac.sh');
    const tools = text(files, 'scripts/lint_iac.sh');
    for (const pinned of [
      /CFN_LINT_VERSION=\d+\.\d+\.\d+/,
      /hadolint\/hadolint:v\d+\.\d+\.\d+/,
      /rhysd\/actionlint:\d+\.\d+\.\d+/,
      /kubeconform:v\d+\.\d+\.\d+/,
    ]) {
      expect(tools).toMatch(pinned);
    }
    expect(ci.jobs.build.env.MODEL_URI).toBe('${{ vars.MODEL_URI }}');
    // The scan is of the image that ships: built with the model, started and tested, scanned, then
    // that image pushed.
    const steps = ci.jobs.build.steps as {
      run?: string;
      uses?: string;
      id?: string;
      with?: Record<string, string>;
    }[];
    const built = steps.findIndex((s) => /scripts\/deploy\.sh staging --build-only$/.test(s.run ?? ''));
    const tested = steps.findIndex((s) => /scripts\/test_image\.sh "\$IMAGE_URI"$/.test(s.run ?? ''));
    const scan = steps.findIndex((s) => s.uses?.startsWith('aquasecurity/trivy-action'));
    const pushed = steps.findIndex((s) => /scripts\/deploy\.sh staging --push-only$/.test(s.run ?? ''));
    expect([built > -1, tested > built, scan > tested, pushed > scan]).toEqual([true, true, true, true]);
    expect(steps[scan]!.with!['image-ref']).toBe('${{ env.IMAGE_URI }}');
    expect(steps[pushed]!.id).toBe('push');
    const deploy = text(files, 'scripts/deploy.sh');
    expect(deploy.indexOf('scripts/fetch_model.sh')).toBeGreaterThan(0);
    expect(deploy.indexOf('scripts/fetch_model.sh')).toBeLessThan(deploy.indexOf('docker build'));
    if (option === 'on-prem') {
      expect(JSON.stringify(ci)).not.toContain('configure-aws-credentials');
      expect(deploy).not.toMatch(/\baws\b/);
    }
  });
});

describe('CI builds once and promotes the same image by digest', () => {
  it.each(OPTION_IDS)('%s', async (option) => {
    const files = await render(option);
    const source = text(files, '.github/workflows/ci.yml');
    expect(validateGithubWorkflow(source)).toEqual([]);
    const ci = parseYaml(source) as Obj;
    const runs = (job: string): string[] =>
      (ci.jobs[job].steps as { run?: string }[]).flatMap((s) => (s.run ? [s.run] : []));
    // One job builds (fetching the model first: deploy.sh --build-only does both); none other does.
    const builders = Object.keys(ci.jobs).filter((job) =>
      runs(job).some((r) =>
        /docker build|deploy\.sh [^\n]*(--build-only|--built)|deploy\.sh "?\$?\w+"?$/.test(r),
      ),
    );
    expect(builders).toEqual(['build']);
    expect(ci.jobs.build.outputs.image).toBe('${{ steps.push.outputs.image }}');
    // Staging, then production behind it: each a GitHub environment, both the build's digest.
    for (const [job, environment] of [
      ['deploy-staging', 'staging'],
      ['deploy-production', 'production'],
    ] as const) {
      expect(ci.jobs[job].environment, job).toBe(environment);
      expect(ci.jobs[job].env.IMAGE).toBe('${{ needs.build.outputs.image }}');
      expect(ci.jobs[job].env.DEPLOY_ENV).toBe(environment);
      expect(runs(job)).toEqual(['./scripts/deploy.sh "$DEPLOY_ENV" --image "$IMAGE"']);
      expect(ci.jobs[job].concurrency.group).toBe(`deploy-${environment}`);
    }
    expect(ci.jobs['deploy-staging'].needs).toBe('build');
    expect(ci.jobs['deploy-production'].needs).toContain('deploy-staging');
    expect(ci.jobs['deploy-production'].if).toBe("github.ref == 'refs/heads/main'");
    // ECR repositories the scaffold creates keep their tags immutable.
    const deploy = text(files, 'scripts/deploy.sh');
    if (option !== 'on-prem') {
      expect(deploy).toMatch(/aws ecr create-repository [^\n]*--image-tag-mutability IMMUTABLE/);
    }
  });
});

describe('options the advisor marks infeasible', () => {
  it('are refused naming the blocker, or generated with a warning under --force', async () => {
    await expect(prepare('lambda', { framework: 'pytorch', gpu: 'required' })).rejects.toThrow(
      /--target lambda: the advisor marks it infeasible for these answers: Lambda functions have no GPU.*--force/,
    );
    const { prepareScaffold } = await import('../../src/scaffold/service.js');
    const { answers } = await import('./support.js');
    const { loadKnowledge } = await import('../../src/knowledge/load.js');
    const { loadSnapshotPriceBook } = await import('../../src/pricing/snapshot.js');
    const forced = await prepareScaffold({
      parsed: answers({ framework: 'pytorch', gpu: 'required' }),
      option: 'lambda',
      knowledge: loadKnowledge(),
      prices: loadSnapshotPriceBook('us-east-1'),
      catalogue: templates(),
      force: true,
    });
    expect(forced.warnings.join('\n')).toMatch(/lambda is infeasible .*GPU.*--force/);
  });
});

describe('templates', () => {
  it('share family layers instead of copies, and the unused report template is gone', () => {
    const raw = templates();
    const seen = new Map<string, string>();
    for (const file of raw.files) {
      const body = file.template ?? Buffer.from(file.bytes ?? []).toString('base64');
      if (body.length < 400) continue;
      const other = seen.get(body);
      expect(other, `${file.layer}/${file.source} is a copy of ${other}`).toBeUndefined();
      seen.set(body, `${file.layer}/${file.source}`);
    }
    expect(raw.files.some((f) => f.source === 'docs/RECOMMENDATION.md.hbs')).toBe(false);
  });
});

describe('compose routers after a redeploy', () => {
  it.each([
    ['on-prem', 'router/default.conf'],
    ['hybrid', 'router/default.conf.template'],
  ] as const)('%s re-resolves the model replicas through Docker DNS', async (option, path) => {
    const conf = text(await render(option), path);
    expect(conf).toMatch(/^resolver 127\.0\.0\.11 valid=10s/m);
    expect(conf).toMatch(/^\s*zone \w+ \d+k;/m);
    expect(conf).toMatch(/^\s*server model:8080 resolve /m);
  });

  it('hybrid resolves the cloud load balancer per request, not once at start', async () => {
    const conf = text(await render('hybrid'), 'router/default.conf.template');
    expect(conf).toMatch(/set \$cloud_burst_url \$\{CLOUD_BURST_URL\};\s*proxy_pass \$cloud_burst_url;/);
    expect(conf).not.toMatch(/proxy_pass \$\{CLOUD_BURST_URL\}/);
  });

  it('hybrid fails over on busy or unreachable only; local 500s and /ping stay local', async () => {
    const conf = text(await render('hybrid'), 'router/default.conf.template');
    const errorPages = [...conf.matchAll(/error_page ([\d ]+)= @cloud/g)].map((m) => m[1]!.trim());
    expect(errorPages).toEqual(['502 503 504']);
    expect(conf).not.toMatch(/proxy_next_upstream[^;]*http_500/);
    const ping = /location = \/ping \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(ping).toMatch(/proxy_pass http:\/\/local_model;/);
    expect(ping).not.toMatch(/@cloud|error_page|intercept/);
  });
});

describe('hybrid: the cloud side is private and HTTPS, as the router expects', () => {
  it('internal load balancer in private subnets, HTTPS only, open to the on-premises CIDR', async () => {
    const files = await render('hybrid');
    const stack = parseCfnYaml(text(files, 'infra/ecs/stack.yaml')).value as Obj;
    expect(validateCfnObject(stack)).toEqual([]);
    const lb = stack.Resources.LoadBalancer.Properties;
    expect(lb.Scheme).toBe('internal');
    expect(lb.Subnets).toEqual({ Ref: 'PrivateSubnetIds' });
    const ingress = stack.Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupIngress;
    expect(ingress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { Ref: 'OnPremisesCidr' } },
    ]);
    for (const required of ['CertificateArn', 'ServiceDomainName', 'OnPremisesCidr']) {
      expect(stack.Parameters[required], required).not.toHaveProperty('Default');
    }
    expect(stack.Parameters).not.toHaveProperty('PublicSubnetIds');
    expect(stack.Outputs.ServiceUrl.Value).toEqual({ 'Fn::Sub': 'https://${ServiceDomainName}' });
    const router = text(files, 'router/default.conf.template');
    expect(router).toMatch(/proxy_ssl_verify on;/);
    const ci = parseYaml(text(files, '.github/workflows/ci.yml')) as Obj;
    expect(ci.jobs['deploy-staging']['runs-on']).toEqual(['self-hosted', 'linux']);
    expect(ci.jobs['deploy-production']['runs-on']).toEqual(['self-hosted', 'linux']);
  });

  it('ecs-fargate keeps its public load balancer', async () => {
    const files = await render('ecs-fargate');
    const stack = parseCfnYaml(text(files, 'infra/ecs/stack.yaml')).value as Obj;
    expect(validateCfnObject(stack)).toEqual([]);
    expect(stack.Resources.LoadBalancer.Properties.Scheme).toBe('internet-facing');
  });
});

describe('sagemaker-realtime: the A/B challenger', () => {
  const stackOf = (prepared: Prepared) =>
    parseCfnYaml(text(prepared.files, 'infra/sagemaker/stack.yaml')).value as Obj;

  it("is an inference component on the champion's instances, not a variant of its own", async () => {
    const prepared = await prepare('sagemaker-realtime', { framework: 'sklearn', requestsPerSecond: 20 });
    const stack = stackOf(prepared);
    expect(validateCfnObject(stack)).toEqual([]);
    // One variant, holding instances only: no model on it, so no second fleet for a challenger.
    const [[, config]] = ofType(stack, 'AWS::SageMaker::EndpointConfig') as [[string, Obj]];
    expect(config.Properties.ProductionVariants).toHaveLength(1);
    const [variant] = config.Properties.ProductionVariants as Obj[];
    expect(variant!.ModelName).toBeUndefined();
    expect(config.Properties.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': ['ExecutionRole', 'Arn'] });
    const components = Object.fromEntries(ofType(stack, 'AWS::SageMaker::InferenceComponent'));
    const champion = components.ChampionComponent!;
    const challenger = components.ChallengerComponent!;
    expect(challenger.Condition).toBe('HasChallenger');
    expect(champion.Condition).toBe('WithEndpoint');
    // Same endpoint and variant: the same instances.
    for (const key of ['EndpointName', 'VariantName'])
      expect(challenger.Properties[key], key).toEqual(champion.Properties[key]);
    expect(challenger.Properties.Specification.ModelName).toEqual({
      'Fn::GetAtt': ['ChallengerModel', 'ModelName'],
    });
    expect(challenger.Properties.RuntimeConfig.CopyCount).toBe(1);
  });

  it("reserves the advised instance's share per copy, so champion and challenger fit side by side", async () => {
    const prepared = await prepare('sagemaker-realtime', { framework: 'sklearn', requestsPerSecond: 20 });
    const { context } = prepared;
    const stack = stackOf(prepared);
    // One source: the advised type's spec in the instance catalogue (knowledge/instances.yaml).
    const spec = loadKnowledge().instances.find((i) => i.name === context.instanceType)!;
    expect(spec, String(context.instanceType)).toBeDefined();
    const { Mappings } = stack;
    for (const [name, component] of ofType(stack, 'AWS::SageMaker::InferenceComponent')) {
      const need = component.Properties.Specification.ComputeResourceRequirements as Obj;
      expect(need.NumberOfCpuCoresRequired * 2, name).toBeLessThanOrEqual(spec.vcpu);
      expect(need.MinMemoryRequiredInMb * 2, name).toBeLessThanOrEqual(spec.memoryGiB * 1024);
      expect(need.MinMemoryRequiredInMb, name).toBeGreaterThanOrEqual(context.memoryMb);
      expect(need.NumberOfAcceleratorDevicesRequired, name).toBeUndefined();
    }
    // The champion keeps the sized capacity (copies per instance x instances) and lends one copy
    // to a challenger, so the instances stay the engine's: no extra instance for the test.
    const production = Mappings.Sizing.production as Obj;
    expect(production.ChampionCopies).toBe(context.capacity.production.min * 2);
    expect(production.ChampionCopiesBesideChallenger).toBe(production.ChampionCopies - 1);
    // (Unless a deploy passes the copies running now: day-one-2.e2e.test.ts.)
    expect(stack.Resources.ChampionComponent.Properties.RuntimeConfig.CopyCount).toEqual({
      'Fn::If': [
        'KeepLiveCopies',
        { Ref: 'ChampionCopyCount' },
        {
          'Fn::If': [
            'HasChallenger',
            { 'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'ChampionCopiesBesideChallenger'] },
            { 'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'ChampionCopies'] },
          ],
        },
      ],
    });
    expect(text(prepared.files, 'infra/README.md')).toMatch(
      /on the same instances\*\*\s+\(the champion gives up one copy/,
    );
  });

  it('a GPU copy takes a whole device: the README says the challenger adds an instance', async () => {
    const prepared = await prepare('sagemaker-realtime', {
      framework: 'pytorch',
      gpu: 'required',
      requestsPerSecond: 200,
      latencyP95Ms: 150,
    });
    const stack = stackOf(prepared);
    expect(validateCfnObject(stack)).toEqual([]);
    const spec = loadKnowledge().instances.find((i) => i.name === prepared.context.instanceType)!;
    const need = stack.Resources.ChallengerComponent.Properties.Specification.ComputeResourceRequirements;
    expect(need.NumberOfAcceleratorDevicesRequired).toBe(1);
    expect(need.NumberOfCpuCoresRequired * spec.accelerator!.count).toBeLessThanOrEqual(spec.vcpu);
    expect(text(prepared.files, 'infra/README.md')).toMatch(/adds an instance\s+for it/);
  });

  it('each component has its own alarms to the CMK-encrypted topic, which roll its updates back', async () => {
    const prepared = await prepare('sagemaker-realtime', { framework: 'sklearn', requestsPerSecond: 20 });
    const stack = stackOf(prepared);
    const dimensionOf = (alarm: Obj): unknown =>
      JSON.stringify(alarm.Properties).match(
        /"Name":"InferenceComponentName","Value":\{"Fn::Sub":"([^"]+)"\}/,
      )?.[1];
    const alarms = ofType(stack, 'AWS::CloudWatch::Alarm');
    const byComponent = (suffix: string) =>
      alarms.filter(([, a]) => dimensionOf(a) === `\${ProjectName}-\${Environment}-${suffix}`);
    const metrics = (list: [string, Obj][]) =>
      list.map(([, a]) => a.Properties.MetricName ?? 'ModelLatency').sort();
    expect(metrics(byComponent('champion'))).toEqual(['Invocation5XXErrors', 'ModelLatency']);
    expect(metrics(byComponent('challenger'))).toEqual([
      'Invocation5XXErrors',
      'Invocations',
      'ModelLatency',
    ]);
    for (const [name, alarm] of [...byComponent('champion'), ...byComponent('challenger')]) {
      expect(alarm.Properties.AlarmActions, name).toEqual([{ Ref: 'AlarmTopic' }]);
    }
    // The topic they publish to is encrypted with the stack's own key, not the AWS-managed one.
    const topic = stack.Resources.AlarmTopic.Properties.KmsMasterKeyId;
    expect(JSON.stringify(topic)).not.toMatch(/alias\/aws\/sns/);
    expect(topic).toBeDefined();
    const rollback = (name: string) =>
      JSON.stringify(stack.Resources[name].Properties.DeploymentConfig.AutoRollbackConfiguration);
    expect(rollback('ChampionComponent')).toMatch(/"Ref":"ErrorsAlarm".*"Ref":"LatencyAlarm"/);
    expect(rollback('ChallengerComponent')).toMatch(
      /"Ref":"ChallengerErrorsAlarm".*"Ref":"ChallengerLatencyAlarm"/,
    );
    // The endpoint no longer carries model rollbacks: a deploy changes the components only.
    expect(stack.Resources.Endpoint.Properties.DeploymentConfig).toBeUndefined();
  });
});

/** Every Fn::Sub string anywhere in a template. */
function subStrings(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(subStrings);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Obj).flatMap(([key, value]) => {
    const own =
      key === 'Fn::Sub' ? [typeof value === 'string' ? value : String((value as unknown[])[0])] : [];
    return [...own, ...subStrings(value)];
  });
}

describe.each(OPTION_IDS.filter((o) => o !== 'on-prem'))('%s CloudFormation passes the CI lint', (option) => {
  // cfn-lint (scripts/lint_iac.sh, the CI lint job) fails on warnings too: these three stopped
  // every SageMaker and tf-serving pipeline before its first deploy.
  it('retained resources keep replacements too; no empty model image; no Sub without a variable', async () => {
    for (const { path, template } of cfnTemplates(await render(option))) {
      for (const [name, resource] of Object.entries(template.Resources as Obj)) {
        if ((resource as Obj).DeletionPolicy === 'Retain') {
          expect((resource as Obj).UpdateReplacePolicy, `${path} ${name}`).toBe('Retain');
        }
      }
      const image = (template.Parameters as Obj | undefined)?.ImageUri as Obj | undefined;
      const models = JSON.stringify(ofType(template, 'AWS::SageMaker::Model'));
      if (image && models.includes('"Image":{"Ref":"ImageUri"}')) {
        expect(image.Default, `${path} ImageUri`).toBeUndefined();
      }
      for (const sub of subStrings(template))
        expect(sub, `${path}: Fn::Sub without a variable`).toMatch(/\$\{/);
    }
  });
});

describe('errors page someone on the reviewed targets', () => {
  const alarmMetrics = (template: Obj): string[] =>
    ofType(template, 'AWS::CloudWatch::Alarm')
      .filter(([, a]) => JSON.stringify(a.Properties.AlarmActions) === '[{"Ref":"AlarmTopic"}]')
      .map(([, a]) => a.Properties.MetricName as string);

  it.each([
    ['ecs-fargate', 'infra/ecs/stack.yaml'],
    ['tf-serving', 'infra/ec2/stack.yaml'],
  ] as const)('%s: unhealthy targets and the load balancer answering 5xx itself', async (option, path) => {
    const template = parseCfnYaml(text(await render(option), path)).value as Obj;
    expect(alarmMetrics(template)).toEqual(
      expect.arrayContaining(['HTTPCode_Target_5XX_Count', 'UnHealthyHostCount', 'HTTPCode_ELB_5XX_Count']),
    );
  });

  it('sagemaker-async: failed asynchronous requests alarm and roll a deployment back', async () => {
    const template = parseCfnYaml(text(await render('sagemaker-async'), 'infra/sagemaker/stack.yaml'))
      .value as Obj;
    expect(alarmMetrics(template)).toContain('InvocationFailures');
    const rollback = template.Resources.Endpoint.Properties.DeploymentConfig.AutoRollbackConfiguration.Alarms;
    expect(rollback).toContainEqual({ AlarmName: { Ref: 'InvocationFailuresAlarm' } });
  });
});

describe('ECS services keep their scaled count across deploys', () => {
  it.each(['ecs-fargate', 'hybrid'] as const)('%s: DesiredCount is set on creation only', async (option) => {
    const template = parseCfnYaml(text(await render(option), 'infra/ecs/stack.yaml')).value as Obj;
    expect(validateCfnObject(template)).toEqual([]);
    const [[, service]] = ofType(template, 'AWS::ECS::Service') as [[string, Obj]];
    expect(service.Properties.DesiredCount).toEqual({
      'Fn::If': [
        'SetDesiredCount',
        { 'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'MinTasks'] },
        { Ref: 'AWS::NoValue' },
      ],
    });
  });
});

describe('public load balancers: HTTPS by default, only the model routes forwarded', () => {
  it.each(['ecs-fargate', 'tf-serving'] as const)('%s', async (option) => {
    const files = await render(option);
    const { template } = cfnTemplates(files).find(
      (t) => ofType(t.template, 'AWS::ElasticLoadBalancingV2::Listener').length,
    )!;
    // No certificate is refused unless plain HTTP is asked for by name.
    const rule = template.Rules.CertificateUnlessPlainHttp;
    expect(rule.RuleCondition).toEqual({ 'Fn::Equals': [{ Ref: 'AllowPlainHttp' }, 'false'] });
    expect(JSON.stringify(rule.Assertions)).toContain('CertificateArn');
    expect(template.Parameters.AllowPlainHttp.Default).toBe('false');
    const listeners = Object.fromEntries(ofType(template, 'AWS::ElasticLoadBalancingV2::Listener'));
    expect(listeners.Listener!.Properties.Protocol).toEqual({
      'Fn::If': ['HasCertificate', 'HTTPS', 'HTTP'],
    });
    expect(listeners.HttpRedirectListener!.Properties.DefaultActions[0].RedirectConfig.Protocol).toBe(
      'HTTPS',
    );
    // Anything but the model's routes (/metrics among them) is the load balancer's own 404.
    expect(listeners.Listener!.Properties.DefaultActions).toEqual([
      expect.objectContaining({
        Type: 'fixed-response',
        FixedResponseConfig: expect.objectContaining({ StatusCode: '404' }),
      }),
    ]);
    const routes = ofType(template, 'AWS::ElasticLoadBalancingV2::ListenerRule').flatMap(
      ([, r]) => r.Properties.Conditions[0].PathPatternConfig.Values as string[],
    );
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.some((path) => /metrics|monitoring|\*$/.test(path))).toBe(false);
  });

  it('eks: the Ingress forwards /invocations and /ping only, over HTTPS', async () => {
    const files = await render('eks');
    const docs = text(files, 'k8s/base/network.yaml')
      .split(/^---$/m)
      .map((d) => parseYaml(d) as Obj)
      .filter(Boolean);
    const ingress = docs.find((d) => d.kind === 'Ingress')!;
    const paths = ingress.spec.rules[0].http.paths as Obj[];
    expect(paths.map((p) => [p.path, p.pathType])).toEqual([
      ['/invocations', 'Exact'],
      ['/ping', 'Exact'],
    ]);
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
  });
});

describe('eks alerts read the log fields where Container Insights puts them', () => {
  it('the 5xx filter matches the nested log_processed.status', async () => {
    const files = await render('eks');
    const { template } = cfnTemplates(files).find(
      (t) => ofType(t.template, 'AWS::Logs::MetricFilter').length,
    )!;
    const [, filter] = ofType(template, 'AWS::Logs::MetricFilter')[0]!;
    expect(JSON.stringify(filter.Properties.FilterPattern)).toContain('$.log_processed.status >= 500');
  });
});
