import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCfnYaml, validateCfnTemplate } from '../support/validate/index.js';
import { index, run } from './deploy-fakes.js';
import { generate, removeTempDirs } from './support.js';

afterAll(removeTempDirs);

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer';

describe('a failed smoke test after the rollout puts the previous release back', () => {
  it('eks: rollout undo after the failed smoke test, and the deploy fails', async () => {
    const dir = await generate('eks');
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
      CLUSTER_NAME: 'prod-cluster',
      CERTIFICATE_ARN: CERTIFICATE,
      FAKE_PREDICT_FAILS_ONCE: '127.0.0.1',
    });
    expect(status).toBe(1);
    const applied = index(log, /^kubectl apply -f /);
    const failed = index(log, /^curl .*-X POST/);
    const undo = index(log, /^kubectl -n fraud-scorer-production rollout undo deployment\/fraud-scorer$/);
    expect(applied).toBeGreaterThan(-1);
    expect(failed).toBeGreaterThan(applied);
    expect(undo).toBeGreaterThan(failed);
    // The release put back is smoke-tested in turn (and passes).
    expect(log.slice(undo).some((l) => /^curl .*-X POST/.test(l))).toBe(true);
  });

  it.each(['sagemaker-realtime', 'sagemaker-serverless'] as const)(
    '%s: the recorded release goes back after a failed smoke test, and the deploy fails',
    async (option) => {
      const dir = await generate(option);
      const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
        FAKE_INVOKE_FAILS_ONCE: '1',
        FAKE_MODEL_UPLOADED: '1',
        FAKE_STACK: 'fraud-scorer-production',
      });
      expect(status).toBe(1);
      expect(stderr).toMatch(
        /smoke test failed: fraud-scorer-production goes back to \S+fraud-scorer:old old/,
      );
      const deploys = log.filter((l) => /^aws cloudformation deploy .*(CreateEndpoint=true)/.test(l));
      expect(deploys).toHaveLength(2);
      expect(deploys[0]).toMatch(/ModelVersion=abc123/);
      expect(deploys[1]).toMatch(/ImageUri=\S+fraud-scorer:old .*ModelVersion=old/);
      // The release put back is smoke-tested in turn (and passes); nothing is rebuilt for it.
      const invokes = log.filter((l) => l.startsWith('aws sagemaker-runtime invoke-endpoint '));
      expect(invokes.length).toBeGreaterThanOrEqual(2);
      expect(index(log, /^aws sagemaker-runtime invoke-endpoint /)).toBeLessThan(
        log.lastIndexOf(deploys[1]!),
      );
      expect(log.filter((l) => l.startsWith('docker build'))).toHaveLength(1);
    },
  );

  it('sagemaker-realtime: a failed first deploy has nothing to go back to and says so', async () => {
    const dir = await generate('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], {
      FAKE_INVOKE_FAILS_ONCE: '1',
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-staging does not exist',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no earlier release to go back to/);
    expect(log.filter((l) => /^aws cloudformation deploy .*CreateEndpoint=true/.test(l))).toHaveLength(1);
  });

  it('eks: a passing deploy rolls nothing back', async () => {
    const dir = await generate('eks');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      CLUSTER_NAME: 'prod-cluster',
      CERTIFICATE_ARN: CERTIFICATE,
    });
    expect(status, stderr).toBe(0);
    expect(log.join('\n')).not.toMatch(/rollout undo/);
  });

  it('on-prem (Compose): a failed release is never recorded; the newest recorded one goes back', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
      // The host's releases file: good1 is the newest that passed.
      FAKE_RELEASES:
        'registry.example.com/team/fraud-scorer:old0\\nregistry.example.com/team/fraud-scorer:good1',
      FAKE_PREDICT_FAILS_ONCE: 'model-host',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /RELEASE_UNRECORDED: registry\.example\.com\/team\/fraud-scorer:abc123 failed its smoke test/,
    );
    const failed = index(log, /^curl .*model-host.*-X POST|^curl .*-X POST.*model-host/);
    expect(failed).toBeGreaterThan(
      index(log, /^ssh-stdin MODEL_IMAGE=registry\.example\.com\/team\/fraud-scorer:abc123 /),
    );
    const back = index(log, /^ssh-stdin MODEL_IMAGE=registry\.example\.com\/team\/fraud-scorer:good1 /);
    expect(back).toBeGreaterThan(failed);
    // Nothing is written to the history: not the failed release, not the one put back.
    expect(log.join('\n')).not.toMatch(/>>releases|sed -i/);
    expect(log.join('\n')).not.toMatch(/^ssh-stdin registry\.example\.com\/team\/fraud-scorer:abc123$/m);
    // Only the release's own build: putting the other back rebuilds nothing.
    expect(log.filter((l) => l.startsWith('docker build'))).toHaveLength(1);
  });

  it('hybrid: putting the cloud side back after a failed release records nothing in its place', async () => {
    const dir = await generate('hybrid');
    const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer';
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES: `${ecr}:good1`,
      FAKE_PREDICT_FAILS_ONCE: 'model-host',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/RELEASE_UNRECORDED: \S+fraud-scorer:abc123 failed its smoke test/);
    const records = log.filter((l) =>
      l.startsWith('aws ssm put-parameter --name /fraud-scorer-production/previous-image '),
    );
    // The release's own cloud deploy recorded what it replaced; the restore that follows replaces
    // the failed release, which must never become the cloud side's "previous" for make rollback.
    expect(records).toHaveLength(1);
    const restored = log.filter((l) =>
      /^aws cloudformation deploy .*ImageUri=\S+fraud-scorer:good1(?: |$)/.test(l),
    );
    expect(restored).toHaveLength(1);
    expect(
      index(log, /^aws ssm put-parameter --name \/fraud-scorer-production\/previous-image /),
    ).toBeLessThan(index(log, /^aws cloudformation deploy .*ImageUri=\S+fraud-scorer:good1(?: |$)/));
  });

  it('on-prem (Compose): a first deploy that fails its smoke test stops the stack, unrecorded', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES: '',
      FAKE_PREDICT_FAILS: '1',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/RELEASE_UNRECORDED: .*fraud-scorer:abc123 .*not recorded/);
    expect(stderr).toMatch(/no release recorded before it: stopping fraud-scorer-production/);
    const calls = log.join('\n');
    expect(calls).toMatch(
      /^ssh deploy@model-host cd deploy\/fraud-scorer-production && docker compose -p fraud-scorer-production stop$/m,
    );
    expect(calls).not.toMatch(/>>releases/);
    expect(log.filter((l) => l.startsWith('ssh-stdin MODEL_IMAGE='))).toHaveLength(1);
  });

  it('on-prem (Compose): a release is recorded only after its smoke test passed', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
    });
    expect(status, stderr).toBe(0);
    const smoke = index(log, /^curl .*-X POST/);
    const recorded = index(
      log,
      /^ssh deploy@model-host cd deploy\/fraud-scorer-production && touch releases /,
    );
    expect(smoke).toBeGreaterThan(-1);
    expect(recorded).toBeGreaterThan(smoke);
  });

  it('on-prem on Kubernetes: rollout undo after the failed smoke test', async () => {
    const dir = await generate('on-prem');
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_TARGET: 'k8s',
      FAKE_PREDICT_FAILS_ONCE: '127.0.0.1',
    });
    expect(status).toBe(1);
    expect(index(log, /^kubectl -n [^ ]+ rollout undo deployment\//)).toBeGreaterThan(
      index(log, /^curl .*-X POST/),
    );
  });

  it('hybrid: a failed on-premises smoke test puts both sides back on the previous image', async () => {
    const dir = await generate('hybrid');
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
      DEPLOY_HOST: 'deploy@model-host',
      // The newest release that passed its smoke test (the failed abc123 is never recorded).
      FAKE_RELEASES: `${ECR}:good1`,
      FAKE_PREDICT_FAILS_ONCE: 'model-host',
    });
    expect(status).toBe(1);
    const failed = index(log, /^curl .*model-host/);
    const later = log.slice(failed);
    expect(failed).toBeGreaterThan(-1);
    expect(
      later.some((l) => /^aws cloudformation deploy .*ImageUri=[^ ]*fraud-scorer:good1(?: |$)/.test(l)),
    ).toBe(true);
    expect(later.some((l) => /^ssh-stdin MODEL_IMAGE=[^ ]*fraud-scorer:good1 /.test(l))).toBe(true);
  });

  it('hybrid on Kubernetes: rollout undo, then the cloud side with the image now running', async () => {
    const dir = await generate('hybrid');
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production', '--force'], {
      DEPLOY_TARGET: 'k8s',
      FAKE_PREDICT_FAILS_ONCE: '127.0.0.1',
    });
    expect(status).toBe(1);
    const undo = index(log, /^kubectl -n [^ ]+ rollout undo deployment\//);
    expect(undo).toBeGreaterThan(index(log, /^curl .*127\.0\.0\.1.*-X POST|^curl .*-X POST.*127\.0\.0\.1/));
    expect(
      log
        .slice(undo)
        .some((l) => /^aws cloudformation deploy .*ImageUri=[^ ]*fraud-scorer:good1(?: |$)/.test(l)),
    ).toBe(true);
  });
});

describe('sagemaker-realtime: a deploy never shrinks the champion autoscaling has grown', () => {
  type Sizing = Record<'staging' | 'production', Record<string, number>>;
  interface Stack {
    Mappings: { Sizing: Sizing };
    Parameters: Record<string, { Type: string }>;
    Conditions: Record<string, unknown>;
    Resources: { ChampionComponent: { Properties: { RuntimeConfig: { CopyCount: unknown } } } };
  }
  const setup = async (): Promise<{ dir: string; sizing: Sizing; stack: Stack }> => {
    const dir = await generate('sagemaker-realtime', { requestsPerSecond: 200 });
    const stack = parseCfnYaml(readFileSync(join(dir, 'infra/sagemaker/stack.yaml'), 'utf8')).value as Stack;
    return { dir, sizing: stack.Mappings.Sizing, stack };
  };
  const copyCount = (log: string[]): string | undefined => {
    const deploys = log.filter(
      (l) => l.startsWith('aws cloudformation deploy') && /CreateEndpoint=true/.test(l),
    );
    expect(deploys).toHaveLength(1);
    return /ChampionCopyCount=(\S+)/.exec(deploys[0]!)?.[1];
  };

  it('the copies running now go in as the stack parameter, within the sized bounds', async () => {
    const { dir, sizing } = await setup();
    const { ChampionCopies: min, MaxCopies: max } = sizing.production as {
      ChampionCopies: number;
      MaxCopies: number;
    };
    expect(max).toBeGreaterThan(min);
    const deployWith = (copies: number): string | undefined => {
      const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
        FAKE_COPIES: String(copies),
      });
      expect(status, stderr).toBe(0);
      expect(
        index(
          log,
          /^aws sagemaker describe-inference-component --inference-component-name fraud-scorer-production-champion /,
        ),
      ).toBeLessThan(index(log, /^aws cloudformation deploy/));
      return copyCount(log);
    };
    // At peak: autoscaling's count is kept, not the minimum.
    expect(deployWith(max)).toBe(String(max));
    // Above the sized maximum (changed by hand): the maximum.
    expect(deployWith(max + 3)).toBe(String(max));
    // Below the sized minimum: the minimum.
    expect(deployWith(Math.max(min - 1, 1))).toBe(String(min));
  });

  it('a failed copy-count lookup stops the deploy before the stack is touched', async () => {
    const { dir } = await setup();
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_COPIES_ERROR: 'An error occurred (ThrottlingException): Rate exceeded',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/copy count/);
    expect(log.join('\n')).not.toMatch(/^aws cloudformation deploy .*CreateEndpoint=true/m);
  });

  it('the first deploy starts at the sized minimum; the stack keeps the passed count', async () => {
    const { dir, stack } = await setup();
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], {
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-staging does not exist',
    });
    expect(status, stderr).toBe(0);
    expect(copyCount(log)).toBe('0');
    expect(log.join('\n')).not.toMatch(/describe-inference-component/);
    const copies = stack.Resources.ChampionComponent.Properties.RuntimeConfig.CopyCount;
    expect(JSON.stringify(copies)).toMatch(/KeepLiveCopies.*ChampionCopyCount/);
    expect(stack.Parameters.ChampionCopyCount?.Type).toBe('Number');
    expect(JSON.stringify(stack.Conditions.KeepLiveCopies)).toMatch(/ChampionCopyCount/);
    expect(validateCfnTemplate(readFileSync(join(dir, 'infra/sagemaker/stack.yaml'), 'utf8'))).toEqual([]);
  });
});

describe('on-prem and hybrid on Kubernetes', () => {
  const secretWritten = (log: string[]) =>
    index(
      log,
      /^kubectl -n fraud-scorer-production create secret generic fraud-scorer-registry --type=kubernetes\.io\/dockerconfigjson --from-file=\.dockerconfigjson=\/dev\/stdin --dry-run=client -o yaml$/,
    );
  const auths = (log: string[]): Record<string, { auth: string }> => {
    const line = log.find((l) => l.startsWith('kubectl-stdin {"auths"'));
    expect(line).toBeDefined();
    return (JSON.parse(line!.replace(/^kubectl-stdin /, '')) as { auths: Record<string, { auth: string }> })
      .auths;
  };

  it('hybrid: DEPLOY_TARGET=k8s has no route to the cloud side and is refused before anything runs', async () => {
    const dir = await generate('hybrid');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], { DEPLOY_TARGET: 'k8s' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/no route to the cloud side .*--force/);
    expect(log.join('\n')).not.toMatch(/^docker |^aws cloudformation deploy|^kubectl /m);
    // The infrastructure step alone refuses it too.
    const infra = run(dir, ['infra/deploy.sh', 'production'], {
      DEPLOY_TARGET: 'k8s',
      IMAGE_URI: `${ECR}:abc123`,
    });
    expect(infra.status).toBe(2);
    expect(infra.log.join('\n')).not.toMatch(/^aws cloudformation deploy|^kubectl /m);
  });

  it('hybrid: --force deploys the local side, pulling from ECR with a fresh image pull secret', async () => {
    const dir = await generate('hybrid');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production', '--force'], {
      DEPLOY_TARGET: 'k8s',
    });
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/warning: --force: .*no failover/);
    const written = secretWritten(log);
    expect(written).toBeGreaterThan(-1);
    expect(written).toBeLessThan(index(log, /^kubectl apply -f (?!-)/));
    const ecr = auths(log)['123456789012.dkr.ecr.us-east-1.amazonaws.com'];
    expect(Buffer.from(ecr!.auth, 'base64').toString()).toBe('AWS:token');
  });

  it('on-prem: the pull secret comes from REGISTRY_USER and REGISTRY_PASSWORD, never on a command line', async () => {
    const dir = await generate('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      REGISTRY_USER: 'robot',
      REGISTRY_PASSWORD: 's3cret-pw',
      DEPLOY_TARGET: 'k8s',
    });
    expect(status, stderr).toBe(0);
    expect(secretWritten(log)).toBeGreaterThan(-1);
    const registry = auths(log)['registry.example.com'];
    expect(Buffer.from(registry!.auth, 'base64').toString()).toBe('robot:s3cret-pw');
    expect(log.filter((l) => !l.startsWith('kubectl-stdin ')).join('\n')).not.toContain('s3cret-pw');
  });
});
