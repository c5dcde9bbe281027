import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { OPTION_IDS } from '../../src/core/options.js';
import { parseCfnYaml, validateCfnTemplate } from '../support/validate/index.js';
import { prepare } from './support.js';
import { renderer, text, frameworkFor, type Obj } from './rendered.js';

/**
 * A third DevOps review of generated repositories, checked on the rendered files in memory (the
 * deploy scripts run under recorded fakes in deploy-scripts.e2e.test.ts and day-one-2.e2e.test.ts).
 */

const render = renderer((option) => ({ framework: frameworkFor(option) }));

describe('GitHub Actions are pinned by the commit of a release tag', () => {
  // Each commit is the one its tag names in the action's repository (git rev-parse TAG^{commit} on a
  // clone of github.com/<action>, checked 2026-12-03).
  const RELEASES: Record<string, [string, string]> = {
    'actions/checkout': ['11bd71901bbe5b1630ceea73d27597364c9af683', 'v4.2.2'],
    'actions/setup-python': ['0b93645e9fea7318ecaed2b359559ac225c90a2b', 'v5.3.0'],
    'actions/upload-artifact': ['ea165f8d65b6e75b540449e92b4886f43607fa02', 'v4.6.2'],
    'actions/download-artifact': ['d3f86a106a0bac45b974a628896c90dbdf5c8093', 'v4.3.0'],
    'aws-actions/configure-aws-credentials': ['e3dd6a429d7300a6a4c196c26e071d42e0343502', 'v4.0.2'],
    'aquasecurity/trivy-action': ['ed142fd0673e97e23eac54620cfb913e5ce36c25', 'v0.36.0'],
    'docker/setup-qemu-action': ['ce360397dd3f832beb865e1373c09c0e9f86d70a', 'v4.0.0'],
  };

  it.each(OPTION_IDS)(
    '%s: every uses: line is a full SHA with its exact version in a comment',
    async (option) => {
      // eks on Graviton builds arm64, so its workflow sets up QEMU too.
      const ci = text(await render(option), '.github/workflows/ci.yml');
      const uses = [...ci.matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((m) => m[1]!.trim());
      expect(uses.length).toBeGreaterThan(0);
      for (const line of uses) {
        const match = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
        expect(match, `${line}: owner/repo@<40 hex> # vX.Y.Z`).not.toBeNull();
        const [, action, sha, version] = match!;
        expect(RELEASES[action!], `${action} is not a reviewed action`).toEqual([sha, version]);
      }
    },
  );

  it('the arm64 build sets up QEMU from its v4.0.0 release commit', async () => {
    const ci = text(await render('eks'), '.github/workflows/ci.yml');
    expect(ci).toContain('docker/setup-qemu-action@ce360397dd3f832beb865e1373c09c0e9f86d70a # v4.0.0');
  });
});

describe('sagemaker-realtime A/B on one-accelerator instances', () => {
  it('the instance maximum leaves room for the challenger beside a champion at its maximum', async () => {
    const { context, files } = await prepare('sagemaker-realtime', {
      framework: 'pytorch',
      gpu: 'required',
      requestsPerSecond: 200,
      latencyP95Ms: 150,
    });
    // A copy takes a whole accelerator: no champion copy can make way for the challenger.
    expect(context.modelCopy.perInstance).toBe(1);
    expect(context.modelCopy.sharesInstances).toBe(false);
    const source = text(files, 'infra/sagemaker/stack.yaml');
    expect(validateCfnTemplate(source)).toEqual([]);
    const stack = parseCfnYaml(source).value as Obj;
    for (const environment of ['staging', 'production'] as const) {
      const sizing = stack.Mappings.Sizing[environment] as Record<string, number>;
      expect(sizing.MaxInstances).toBe(sizing.MaxCapacity! + 1);
      // The champion's copies stop at the sized maximum's worth: one instance is left.
      expect(sizing.MaxInstances! * context.modelCopy.perInstance - sizing.MaxCopies!).toBeGreaterThanOrEqual(
        1,
      );
    }
    const variant = stack.Resources.EndpointConfig.Properties.ProductionVariants[0] as Obj;
    expect(variant.ManagedInstanceScaling.MaxInstanceCount).toEqual({
      'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'MaxInstances'],
    });
    expect(variant.ManagedInstanceScaling.MinInstanceCount).toEqual({
      'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'MinCapacity'],
    });
    expect(stack.Resources.ChampionScalableTarget.Properties.MaxCapacity).toEqual({
      'Fn::FindInMap': ['Sizing', { Ref: 'Environment' }, 'MaxCopies'],
    });
    // The API deploy path gets the same room.
    const config = JSON.parse(text(files, 'infra/sagemaker/deploy.json')) as Obj;
    expect(config.inferenceComponents.maxInstanceCount).toBe(context.capacity.staging.max + 1);
    expect(text(files, 'scripts/fill_deploy_config.sh')).toContain(
      `hosting["maxInstanceCount"] = ${context.capacity.production.max + 1}`,
    );
  });
});

describe('lambda: Lambda may pull the function image from the ECR repository', () => {
  it('infra/deploy.sh sets the repository policy before the stack; the README lists the permissions', async () => {
    const files = await render('lambda');
    const script = text(files, 'infra/deploy.sh');
    const policy = script.indexOf('aws ecr set-repository-policy --repository-name "$repository_name"');
    expect(policy).toBeGreaterThan(-1);
    expect(policy).toBeLessThan(script.indexOf('deploy_stack "$IMAGE_URI"'));
    expect(script).toContain('"Principal":{"Service":"lambda.amazonaws.com"}');
    expect(script).toContain('"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]');
    const readme = text(files, 'README.md');
    for (const permission of [
      'ecr:GetRepositoryPolicy',
      'ecr:SetRepositoryPolicy',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
    ]) {
      expect(readme).toContain(`\`${permission}\``);
    }
    expect(readme).toMatch(/deploy role \(`AWS_DEPLOY_ROLE_ARN`\) needs, on the ECR repository/);
    expect(text(files, 'infra/README.md')).toMatch(/repository policy/);
    // Other options name no Lambda permissions.
    expect(text(await render('ecs-fargate'), 'README.md')).not.toContain('lambda.amazonaws.com');
  });
});

describe('on-prem and hybrid on Kubernetes pull from a private registry', () => {
  it.each(['on-prem', 'hybrid'] as const)(
    '%s: the pods name the image pull secret; the README says how to make it',
    async (option) => {
      const files = await render(option);
      const deployment = parseYaml(text(files, 'k8s/base/deployment.yaml')) as Obj;
      expect(deployment.spec.template.spec.imagePullSecrets).toEqual([{ name: 'fraud-scorer-registry' }]);
      const script = text(files, 'infra/k8s-deploy.sh');
      expect(script).toContain("pull_secret='fraud-scorer-registry'");
      expect(
        script.indexOf('create secret generic "$pull_secret" --type=kubernetes.io/dockerconfigjson'),
      ).toBeLessThan(script.indexOf('kubectl apply -f "$rendered"'));
      expect(text(files, 'infra/README.md')).toContain('fraud-scorer-registry');
    },
  );

  it('eks pulls with the node role: no pull secret', async () => {
    const deployment = parseYaml(text(await render('eks'), 'k8s/base/deployment.yaml')) as Obj;
    expect(deployment.spec.template.spec.imagePullSecrets).toBeUndefined();
  });

  it('hybrid: k8s without a router is refused before the build unless --force, and documented', async () => {
    const files = await render('hybrid');
    const deploy = text(files, 'scripts/deploy.sh');
    const refusal = deploy.indexOf('hybrid on Kubernetes has no route to the cloud side');
    expect(refusal).toBeGreaterThan(-1);
    expect(refusal).toBeLessThan(deploy.indexOf('docker build'));
    expect(text(files, 'infra/deploy.sh')).toContain('hybrid on Kubernetes has no route to the cloud side');
    expect(text(files, 'infra/README.md')).toMatch(/refused \(exit 2\) unless `--force`/);
    // The other options' deploy scripts carry no such check.
    expect(text(await render('ecs-fargate'), 'scripts/deploy.sh')).not.toContain('DEPLOY_TARGET');
  });
});

describe('every generated script starts with what it does, its inputs and its exit codes', () => {
  /** The header: the comment block after the shebang (a shell script) or the module docstring (Python). */
  const header = (source: string): string[] => {
    const lines = source.split('\n');
    if (lines[1]?.startsWith('"""') || lines[0]?.startsWith('"""')) {
      const start = lines[0]!.startsWith('"""') ? 0 : 1;
      const end = lines.findIndex((l, i) => i > start && l.includes('"""')) + 1;
      return lines.slice(start, end);
    }
    const end = lines.findIndex((l, i) => i > 0 && !l.startsWith('#'));
    return lines.slice(1, end);
  };

  it.each(OPTION_IDS)('%s', async (option) => {
    const scripts = (await render(option)).filter(
      (f) =>
        /^(scripts|infra)\/.*\.(sh|py)$/.test(f.path) || new TextDecoder().decode(f.content).startsWith('#!'),
    );
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const lines = header(new TextDecoder().decode(file.content));
      const body = lines.join('\n');
      const usage = lines.findIndex((l) => /^(# )?Usage:/.test(l));
      const exits = lines.findIndex((l) => /^(# )?Exit codes: 0 /.test(l));
      // What it does comes first, then how it is called (arguments and variables), then its codes.
      expect(usage, `${file.path}: a "Usage:" line`).toBeGreaterThan(0);
      expect(exits, `${file.path}: an "Exit codes: 0 ..." line`).toBeGreaterThan(usage);
      // At least a sentence on what it does before the usage.
      expect(
        body
          .split('Usage:')[0]!
          .replace(/^#!.*$|^# shellcheck.*$/gm, '')
          .replace(/[#"\s]/g, '').length,
        file.path,
      ).toBeGreaterThan(40);
      // Every exit status the script can end with is explained.
      const source = new TextDecoder().decode(file.content);
      const code = source
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n');
      const codes = new Set([...code.matchAll(/\bexit (\d+)/g)].map((m) => m[1]!));
      const explained = body.slice(body.indexOf('Exit codes:'));
      for (const status of codes)
        expect(explained, `${file.path}: exit ${status}`).toMatch(new RegExp(`\\b${status} `));
    }
  });
});
