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

  it('eks: a passing deploy rolls nothing back', async () => {
    const dir = await generate('eks');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      CLUSTER_NAME: 'prod-cluster',
      CERTIFICATE_ARN: CERTIFICATE,
    });
    expect(status, stderr).toBe(0);
    expect(log.join('\n')).not.toMatch(/rollout undo/);
  });

  it("on-prem (Compose): the host's previous release is deployed again and the failed one dropped", async () => {
    const dir = await generate('on-prem');
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES:
        'registry.example.com/team/fraud-scorer:good1\\nregistry.example.com/team/fraud-scorer:abc123',
      FAKE_PREDICT_FAILS_ONCE: 'model-host',
    });
    expect(status).toBe(1);
    const failed = index(log, /^curl .*model-host.*-X POST|^curl .*-X POST.*model-host/);
    expect(failed).toBeGreaterThan(
      index(log, /^ssh-stdin MODEL_IMAGE=registry\.example\.com\/team\/fraud-scorer:abc123 /),
    );
    const back = index(log, /^ssh-stdin MODEL_IMAGE=registry\.example\.com\/team\/fraud-scorer:good1 /);
    expect(back).toBeGreaterThan(failed);
    expect(
      index(log, /^ssh deploy@model-host sed -i '\$d' deploy\/fraud-scorer-production\/releases$/),
    ).toBeGreaterThan(back);
    // Only the release's own build: the roll-back rebuilds nothing.
    expect(log.filter((l) => l.startsWith('docker build'))).toHaveLength(1);
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
      FAKE_RELEASES: `${ECR}:good1\\n${ECR}:abc123`,
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
    const { status, log } = run(dir, ['scripts/deploy.sh', 'production'], {
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
