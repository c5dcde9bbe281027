import { afterAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import type { OptionId } from '../../src/core/options.js';
import { parse as parseYaml } from 'yaml';
import { parseCfnYaml, validateCfnTemplate, validateGithubWorkflow } from '../support/validate/index.js';
import { prepare, removeTempDirs } from './support.js';
import { renderer, text, frameworkFor, type Obj } from './rendered.js';

/**
 * A second DevOps review of generated repositories: what would fail a real deploy, checked on the
 * rendered files in memory (the deploy scripts run under recorded fakes in the e2e suite,
 * deploy-scripts.e2e.test.ts).
 */

const render = renderer((option) => ({ framework: frameworkFor(option), requestsPerSecond: 20 }));

afterAll(() => removeTempDirs());

const PUBLIC_LB = [
  ['ecs-fargate', 'infra/ecs/stack.yaml', 'ServiceUrl'],
  ['tf-serving', 'infra/ec2/stack.yaml', 'PredictUrl'],
] as const;

describe.each(PUBLIC_LB)('%s: HTTPS under the name the certificate covers', (option, stackPath, output) => {
  it('the URL output uses ServiceDomainName with a certificate, never the load balancer name', async () => {
    const src = text(await render(option), stackPath);
    expect(validateCfnTemplate(src)).toEqual([]);
    const stack = parseCfnYaml(src).value as Obj;
    const value = stack.Outputs[output].Value as Obj;
    // An ACM certificate never covers *.elb.amazonaws.com: https to the DNS name fails the smoke test.
    expect(Object.keys(value), `${output} picks its name by HasCertificate`).toEqual(['Fn::If']);
    const [condition, withCertificate, plain] = value['Fn::If'] as [string, Obj, Obj];
    expect(condition).toBe('HasCertificate');
    expect(withCertificate['Fn::Sub']).toMatch(/^https:\/\/\$\{ServiceDomainName\}/);
    expect(JSON.stringify(withCertificate)).not.toContain('LoadBalancer.DNSName');
    expect(plain['Fn::Sub']).toMatch(/^http:\/\/\$\{LoadBalancer\.DNSName\}/);
    // A certificate without its name is refused; a hosted zone gets the alias record.
    const rule = stack.Rules.DomainWithCertificate as Obj;
    expect(JSON.stringify(rule.Assertions)).toContain('ServiceDomainName');
    expect(stack.Resources.ServiceRecord.Condition).toBe('HasHostedZone');
    expect(stack.Resources.ServiceRecord.Properties.Name).toEqual({ Ref: 'ServiceDomainName' });
  });

  // The first deploy with a certificate needs SERVICE_DOMAIN: deploy-scripts.e2e.test.ts runs it.

  it('CI passes the name and its hosted zone to the deploy jobs', async () => {
    const ci = text(await render(option), '.github/workflows/ci.yml');
    expect(ci).toContain('SERVICE_DOMAIN: ${{ vars.SERVICE_DOMAIN }}');
    expect(ci).toContain('HOSTED_ZONE_ID: ${{ vars.HOSTED_ZONE_ID }}');
  });
});

/** What each host of an option pins, as rendered: every one must be the architecture priced. */
const ARCH_PINS: Partial<Record<OptionId, (files: PlannedFile[]) => string[]>> = {
  eks: (files) => [
    /kubernetes\.io\/arch: (\S+)/.exec(text(files, 'k8s/base/deployment.yaml'))?.[1] ?? 'none',
  ],
  'ecs-fargate': (files) => [
    ({ X86_64: 'amd64', ARM64: 'arm64' } as Record<string, string>)[
      /CpuArchitecture: (\S+)/.exec(text(files, 'infra/ecs/stack.yaml'))?.[1] ?? ''
    ] ?? 'none',
  ],
  lambda: (files) => [
    ({ x86_64: 'amd64', arm64: 'arm64' } as Record<string, string>)[
      /Architectures: \[(\w+)\]/.exec(text(files, 'infra/lambda/template.yaml'))?.[1] ?? ''
    ] ?? 'none',
  ],
};

describe('the image is built for, and every host pinned to, the architecture the advice priced', () => {
  it.each(['eks', 'ecs-fargate', 'lambda', 'sagemaker-realtime', 'tf-serving', 'hybrid'] as const)(
    '%s',
    async (option) => {
      const prepared = await prepare(option, { framework: frameworkFor(option), requestsPerSecond: 20 });
      const { files, context } = prepared;
      // TensorFlow Serving's images are amd64 only; the others follow the advice, one source.
      const expected = option === 'tf-serving' ? 'amd64' : context.architecture;
      expect(context.architecture).toBe(expected);
      const build = /docker build --platform linux\/(\S+)/.exec(text(files, 'scripts/deploy.sh'))?.[1];
      expect(build).toBe(expected);
      for (const pinned of ARCH_PINS[option]?.(files) ?? []) expect(pinned).toBe(expected);
      // An arm64 image on CI's x86 runners needs emulation set up before the build.
      const ci = text(files, '.github/workflows/ci.yml');
      expect(ci.includes('docker/setup-qemu-action@')).toBe(expected === 'arm64');
    },
  );

  it('EKS and Fargate on Graviton, as the engine prices them, build and pin arm64', async () => {
    // The engine's cheapest CPU node and task for a small scikit-learn model are Graviton.
    for (const option of ['eks', 'ecs-fargate'] as const) {
      const { context, files } = await prepare(option, { framework: 'sklearn', requestsPerSecond: 20 });
      expect(JSON.stringify([context.instanceType, context.sizing])).toMatch(/g\.|arm64/);
      expect(context.architecture).toBe('arm64');
      expect(text(files, 'scripts/deploy.sh')).toContain('docker build --platform linux/arm64');
      for (const pinned of ARCH_PINS[option]!(files)) expect(pinned).toBe('arm64');
    }
  });
});

describe.each(['eks', 'ecs-fargate', 'on-prem', 'sagemaker-realtime'] as const)(
  '%s CI concurrency',
  (option) => {
    it('main runs never queue behind a release awaiting approval; deploys queue per environment', async () => {
      const files = await render(option);
      const src = text(files, '.github/workflows/ci.yml');
      expect(validateGithubWorkflow(src)).toEqual([]);
      const ci = parseYaml(src) as Obj;
      // A workflow-level group per ref holds every later push to main (and cancels its tests) while
      // production waits for a reviewer.
      const group = String(ci.concurrency?.group ?? '');
      if (group !== '') expect(group, 'a push to main gets a group of its own').toContain('github.run_id');
      for (const [job, environment] of [
        ['deploy-staging', 'staging'],
        ['deploy-production', 'production'],
      ] as const) {
        expect(ci.jobs[job].concurrency.group).toContain(environment);
      }
      if (option !== 'on-prem') {
        expect(text(files, 'README.md')).toMatch(/One account for both environments\s+is a requirement/);
      }
    });
  },
);

describe('eks rollouts fit the nodes the advice sized', () => {
  it.each([20, 400])(
    'at %i requests/s the strategy follows the pod counts; the autoscaler is a stated requirement',
    async (rps) => {
      const { context, files } = await prepare('eks', { framework: 'sklearn', requestsPerSecond: rps });
      const deployment = parseYaml(text(files, 'k8s/base/deployment.yaml')) as Obj;
      const rolling = deployment.spec.strategy.rollingUpdate as Obj;
      const min = context.capacity.production.min;
      // Above the availability floor a surge pod is a pod more than the nodes were sized for: replace
      // in place. At the floor, surge (and say the cluster needs room for it).
      const inPlace = min > context.rollout.availabilityMin;
      expect(rolling).toEqual(
        inPlace ? { maxSurge: 0, maxUnavailable: 1 } : { maxSurge: 1, maxUnavailable: 0 },
      );
      const readme = text(files, 'infra/README.md');
      expect(readme).toMatch(/Cluster Autoscaler or Karpenter/);
      expect(readme).toContain(`${context.pods?.cpuMillicores}m CPU`);
      const script = text(files, 'infra/k8s-deploy.sh');
      expect(script).toMatch(/echo "requirement: .*Cluster Autoscaler or Karpenter/);
    },
  );

  it('a fleet above the floor is sized somewhere in the range tested', async () => {
    const { context } = await prepare('eks', { framework: 'sklearn', requestsPerSecond: 400 });
    expect(context.capacity.production.min).toBeGreaterThan(context.rollout.availabilityMin);
  });
});

// A compose release that fails its smoke test is dropped from the host's history by the roll-back
// (test/scaffold/day-one-2.e2e.test.ts, "on-prem Compose").

describe.each(['sagemaker-realtime', 'sagemaker-batch', 'sagemaker-serverless', 'sagemaker-async'] as const)(
  '%s roll-back smoke test',
  (option) => {
    it("sends the deployed archive's example on a roll-back, not the current model's", async () => {
      const files = await render(option);
      const smoke = files.filter((f) =>
        /models\/\$\{MODEL_VERSION\}\/model\.tar\.gz/.test(text(files, f.path)),
      );
      expect(smoke.length, 'a smoke test reads the released archive').toBeGreaterThan(0);
      for (const file of smoke) {
        // ROLLBACK=1 (scripts/rollback.sh) deploys an older model while model/ holds the current one.
        expect(text(files, file.path), file.path).toContain(
          'if [ "${ROLLBACK:-}" = 1 ] || [ ! -f "$example" ]; then',
        );
      }
    });
  },
);

describe('review nits', () => {
  it('the lambda smoke test reads the answer as JSON, whatever its spacing', async () => {
    const script = text(await render('lambda'), 'infra/deploy.sh');
    expect(script).not.toContain(`grep -q '"statusCode": 200'`);
    expect(script).toMatch(/json\.load\(.*\)\.get\("statusCode"\) != 200/);
  });

  it('a silent challenger pages in production only', async () => {
    const stack = parseCfnYaml(text(await render('sagemaker-realtime'), 'infra/sagemaker/stack.yaml'))
      .value as Obj;
    const silent = Object.values(stack.Resources as Obj).find((r: Obj) =>
      String(r.Properties?.AlarmName?.['Fn::Sub'] ?? '').includes('challenger-no-invocations'),
    ) as Obj;
    expect(silent.Properties.TreatMissingData).toEqual({
      'Fn::If': ['IsProduction', 'breaching', 'notBreaching'],
    });
  });
});
