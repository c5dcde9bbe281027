import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { kustomizeBuild, parseCfnYaml } from '../support/validate/index.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { deployConfigSchema } from '../../src/deploy/config.js';
import type { OptionId } from '../../src/core/options.js';
import { generate, prepare, removeTempDirs, tempDir } from './support.js';
import { DIGEST, fakeBin, index, run } from './deploy-fakes.js';
import type { Run } from './deploy-fakes.js';

afterAll(removeTempDirs);

/**
 * The generated deploy scripts run for real (bash), against recorded fakes of `aws`, `docker`,
 * `kubectl`, `ssh`, `scp` and `curl` on PATH that log their arguments and answer the few queries
 * the scripts make. What they would call is then asserted: the model fetched before the build,
 * no endpoint deleted on a routine deploy, staging and production names apart, a roll-back that
 * re-deploys a recorded release, on-prem without AWS.
 */

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';

const repos = new Map<OptionId, string>();
async function repo(option: OptionId): Promise<string> {
  const framework = option === 'tf-serving' ? 'tensorflow' : 'sklearn';
  if (!repos.has(option)) repos.set(option, await generate(option, { framework }));
  return repos.get(option)!;
}

describe('sagemaker-realtime deploy', () => {
  it('a routine deploy fetches the model before the build and updates the endpoint in place', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production']);
    expect(status, stderr).toBe(0);
    const fetched = index(log, /^aws s3 cp s3:\/\/artifacts\/fraud-scorer\/v7\/model\.tar\.gz /);
    const built = index(log, /^docker build /);
    expect(fetched).toBeGreaterThanOrEqual(0);
    expect(built).toBeGreaterThan(fetched);
    expect(log.join('\n')).not.toMatch(/delete-endpoint|delete-stack|CreateEndpoint=false/);
    const deploys = log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys).toHaveLength(1);
    expect(deploys[0]).toMatch(/--stack-name fraud-scorer-production .*CreateEndpoint=true/);
    expect(deploys[0]).toMatch(/ModelVersion=abc123/);
    // What was live is recorded for the roll-back, the archive uploaded, the endpoint smoke-tested.
    expect(
      index(log, /^aws ssm put-parameter --name \/fraud-scorer\/production\/previous-release /),
    ).toBeGreaterThan(-1);
    expect(
      index(log, /^aws s3 cp build\/model\.tar\.gz s3:\/\/.*\/models\/abc123\/model\.tar\.gz/),
    ).toBeGreaterThan(-1);
    expect(
      index(log, /^aws sagemaker-runtime invoke-endpoint --endpoint-name fraud-scorer-production /),
    ).toBeGreaterThan(-1);
  });

  it('a routine deploy changes the components only: smoke-tested each, the endpoint kept', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_STACK: 'fraud-scorer-production',
      FAKE_CHALLENGER: 'fraud-scorer-production-challenger',
    });
    expect(status, stderr).toBe(0);
    const text = log.join('\n');
    expect(text).not.toMatch(/delete-endpoint|delete-inference-component|delete-stack|CreateEndpoint=false/);
    // The challenger's parameters are not passed: CloudFormation keeps the running A/B test.
    const deploy = log.find((l) => l.startsWith('aws cloudformation deploy'))!;
    expect(deploy).not.toMatch(/ChallengerModelVersion|ChallengerTrafficPercent/);
    const deployed = index(log, /^aws cloudformation deploy/);
    const smoked = (component: string) =>
      index(
        log,
        new RegExp(
          `^aws sagemaker-runtime invoke-endpoint --endpoint-name fraud-scorer-production --inference-component-name ${component} `,
        ),
      );
    expect(smoked('fraud-scorer-production-champion')).toBeGreaterThan(deployed);
    expect(smoked('fraud-scorer-production-challenger')).toBeGreaterThan(deployed);
  });

  it('without a challenger only the champion is smoke-tested', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], { FAKE_CHALLENGER: '' });
    expect(status, stderr).toBe(0);
    const invokes = log.filter((l) => l.startsWith('aws sagemaker-runtime invoke-endpoint'));
    expect(invokes).toHaveLength(1);
    expect(invokes[0]).toMatch(/--inference-component-name fraud-scorer-staging-champion /);
  });

  it('a roll-back puts the recorded model back on the champion component, in place', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production'], {
      FAKE_MODEL_UPLOADED: '1',
      FAKE_STACK: 'fraud-scorer-production',
    });
    expect(status, stderr).toBe(0);
    const text = log.join('\n');
    expect(text).not.toMatch(/delete-endpoint|delete-inference-component|CreateEndpoint=false/);
    const deploys = log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys).toHaveLength(1);
    expect(deploys[0]).toMatch(/CreateEndpoint=true/);
    expect(deploys[0]).toMatch(/ModelVersion=old/);
    expect(deploys[0]).not.toMatch(/ChallengerModelVersion/);
    expect(
      index(
        log,
        /^aws sagemaker-runtime invoke-endpoint .*--inference-component-name fraud-scorer-production-champion /,
      ),
    ).toBeGreaterThan(index(log, /^aws cloudformation deploy/));
  });

  it('scripts/invoke.sh splits requests between champion and challenger by the stack output', async () => {
    const dir = await repo('sagemaker-realtime');
    // One process runs the script `times` times; every request it made is in the log.
    const components = (env: Record<string, string>, times: number): string[] => {
      const { status, log, stderr } = run(
        dir,
        ['-c', `for i in $(seq ${times}); do scripts/invoke.sh staging >/dev/null || exit 1; done`],
        { FAKE_STACK: 'fraud-scorer-staging', ...env },
      );
      expect(status, stderr).toBe(0);
      const invokes = log.filter((l) => l.startsWith('aws sagemaker-runtime invoke-endpoint'));
      expect(invokes).toHaveLength(times);
      return invokes.map((l) => /--inference-component-name (\S+)/.exec(l)![1]!);
    };
    // No challenger: the champion always.
    expect(new Set(components({ FAKE_CHALLENGER: '', FAKE_PERCENT: '50' }, 6))).toEqual(
      new Set(['fraud-scorer-staging-champion']),
    );
    // 50%: both answer over 24 requests (the chance of one side only is 2 x 0.5^24).
    expect(
      new Set(components({ FAKE_CHALLENGER: 'fraud-scorer-staging-challenger', FAKE_PERCENT: '50' }, 24)),
    ).toEqual(new Set(['fraud-scorer-staging-champion', 'fraud-scorer-staging-challenger']));
    // 0%: the challenger runs but gets nothing.
    expect(
      new Set(components({ FAKE_CHALLENGER: 'fraud-scorer-staging-challenger', FAKE_PERCENT: '0' }, 6)),
    ).toEqual(new Set(['fraud-scorer-staging-champion']));
  });

  it('staging and production use their own stack and endpoint names', async () => {
    const dir = await repo('sagemaker-realtime');
    const staging = run(dir, ['scripts/deploy.sh', 'staging']);
    expect(staging.status, staging.stderr).toBe(0);
    expect(staging.log.join('\n')).toMatch(/--stack-name fraud-scorer-staging /);
    expect(staging.log.join('\n')).toMatch(/endpoint-in-service --endpoint-name fraud-scorer-staging/);
    expect(staging.log.join('\n')).not.toMatch(/fraud-scorer-production/);
  });

  it('the first deploy creates the foundation, then the endpoint', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], {
      FAKE_DESCRIBE_ERROR:
        'An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id fraud-scorer-staging does not exist',
    });
    expect(status, stderr).toBe(0);
    const deploys = log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys.map((d) => /CreateEndpoint=(\w+)/.exec(d)?.[1])).toEqual(['false', 'true']);
  });

  it('a failed stack lookup (throttled) stops the deploy and never drops the endpoint', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_DESCRIBE_ERROR:
        'An error occurred (Throttling) when calling the DescribeStacks operation (reached max retries: 2): Rate exceeded',
    });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/could not read stack fraud-scorer-production \(.*Rate exceeded/);
    expect(log.join('\n')).not.toMatch(/CreateEndpoint=false/);
    expect(index(log, /^aws cloudformation deploy/)).toBe(-1);
  });

  it('a roll-back re-deploys the recorded release: no build, no new model archive', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production'], {
      FAKE_MODEL_UPLOADED: '1',
    });
    expect(status, stderr).toBe(0);
    expect(log.join('\n')).not.toMatch(/^docker build|s3 cp build\/model\.tar\.gz/m);
    const deploy = log.find((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploy).toMatch(/ImageUri=123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/fraud-scorer:old/);
    expect(deploy).toMatch(/ModelVersion=old/);
    // The release left behind is not recorded: a second roll-back does not flip back to it.
    expect(log.join('\n')).not.toMatch(/^aws ssm put-parameter/m);
  });

  it('make rollback uses the recorded release, not the local TAG', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production'], {
      FAKE_MODEL_UPLOADED: '1',
    });
    expect(status, stderr).toBe(0);
    const deploy = log.find((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploy).toMatch(/ImageUri=123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/fraud-scorer:old/);
    expect(deploy).toMatch(/ModelVersion=old/);
  });

  it('refuses a model published without its input example: nothing is built', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], { FAKE_MODEL_TGZ: 'bare' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/no input_example\.json/);
    expect(index(log, /^docker build/)).toBe(-1);
  });

  it('refuses to deploy without a published model', async () => {
    const dir = await repo('sagemaker-realtime');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], { MODEL_URI: '' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/MODEL_URI is not set/);
    expect(index(log, /^docker build/)).toBe(-1);
  });
});

describe('on-prem deploy', () => {
  it('pushes to its own registry and runs Compose on the serving host, with no AWS', async () => {
    const dir = await generate('on-prem', { framework: 'sklearn' });
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
    });
    expect(status, stderr).toBe(0);
    const calls = log.join('\n');
    expect(calls).not.toMatch(/^aws (?!s3 cp s3:\/\/artifacts)/m);
    expect(calls).toMatch(/^docker push registry\.example\.com\/team\/fraud-scorer:abc123$/m);
    expect(calls).toMatch(
      /^ssh deploy@model-host .*docker compose -p fraud-scorer-production pull && sh compose-roll\.sh fraud-scorer-production"?$/m,
    );
    expect(calls).not.toMatch(/^docker compose/m);
    expect(index(log, /^docker build/)).toBeGreaterThan(index(log, /^aws s3 cp s3:\/\/artifacts/));
  });
});

describe('eks deploy', () => {
  it('applies the overlay with the pushed image and the alerting stack, then smoke-tests', async () => {
    const dir = await repo('eks');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'staging'], {
      CLUSTER_NAME: 'prod-cluster',
      CERTIFICATE_ARN: CERTIFICATE,
    });
    expect(status, stderr).toBe(0);
    const calls = log.join('\n');
    expect(calls).toMatch(/^aws cloudformation deploy --stack-name fraud-scorer-staging-alerts /m);
    expect(calls).toMatch(/^kubectl apply -f /m);
    expect(calls).not.toMatch(/^kubectl apply -k/m);
    expect(calls).toMatch(/^curl .*\/invocations/m);
  });
});

describe('make rollback with no tag goes back to the previous release', () => {
  it('lambda: the stack redeploys the recorded image (no alias moved outside it), then /ping', async () => {
    const dir = await repo('lambda');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production']);
    expect(status, stderr).toBe(0);
    const calls = log.join('\n');
    const deploys = log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys).toHaveLength(1);
    expect(deploys[0]).toMatch(/--stack-name fraud-scorer-production .*ImageUri=[^ ]*fraud-scorer:old$/);
    expect(index(log, /^aws lambda invoke --function-name fraud-scorer-production:live /)).toBeGreaterThan(
      index(log, /^aws cloudformation deploy/),
    );
    expect(calls).not.toMatch(/^docker build|^aws lambda update-alias/m);
    // The release left behind is not recorded: a second roll-back does not flip back to it.
    expect(calls).not.toMatch(/^aws ssm put-parameter/m);
  });

  it('eks: kubectl rollout undo, awaited and smoke-tested; nothing rebuilt', async () => {
    const dir = await repo('eks');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production']);
    expect(status, stderr).toBe(0);
    const undo = index(log, /^kubectl -n fraud-scorer-production rollout undo deployment\/fraud-scorer$/);
    expect(undo).toBeGreaterThan(-1);
    expect(
      index(log, /^kubectl -n fraud-scorer-production rollout status deployment\/fraud-scorer /),
    ).toBeGreaterThan(undo);
    expect(index(log, /^curl .*\/invocations/)).toBeGreaterThan(undo);
    expect(log.join('\n')).not.toMatch(/^docker build|^aws cloudformation deploy|^kubectl apply/m);
  });

  const releases = [
    'registry.example.com/team/fraud-scorer:good1',
    'registry.example.com/team/fraud-scorer:bad2',
  ].join('\\n');

  it("on-prem: the image before the live one in the host's releases file; that release dropped", async () => {
    const dir = await repo('on-prem');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES: releases,
    });
    expect(status, stderr).toBe(0);
    const calls = log.join('\n');
    expect(calls).toMatch(/^ssh-stdin MODEL_IMAGE=registry\.example\.com\/team\/fraud-scorer:good1 /m);
    expect(calls).toMatch(/^ssh deploy@model-host .*sh compose-roll\.sh fraud-scorer-production/m);
    expect(calls).toMatch(/^ssh deploy@model-host sed -i '\$d' deploy\/fraud-scorer-production\/releases$/m);
    expect(calls).not.toMatch(/^docker build|^docker push|^aws /m);
  });

  it('on-prem: with one release recorded, it says there is nothing to roll back to', async () => {
    const dir = await repo('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES: 'registry.example.com/team/fraud-scorer:only\\n',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no release before the live one/);
    expect(log.join('\n')).not.toMatch(/compose up/);
  });

  it('hybrid: both sides go back to the previous image, the cloud side through its stack', async () => {
    const dir = await repo('hybrid');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production'], {
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_RELEASES:
        '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:good1\\n123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:bad2',
    });
    expect(status, stderr).toBe(0);
    const calls = log.join('\n');
    expect(calls).toMatch(/^aws cloudformation deploy .*ImageUri=[^ ]*fraud-scorer:good1(?: |$)/m);
    expect(calls).toMatch(/^ssh-stdin MODEL_IMAGE=[^ ]*fraud-scorer:good1 /m);
    expect(calls).not.toMatch(/^docker build/m);
  });

  it('hybrid on Kubernetes: rollout undo, then the cloud side with the image now running', async () => {
    const dir = await repo('hybrid');
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production'], {
      DEPLOY_TARGET: 'k8s',
    });
    expect(status, stderr).toBe(0);
    const undo = index(log, /^kubectl -n [^ ]+ rollout undo deployment\//);
    expect(undo).toBeGreaterThan(-1);
    expect(
      index(log, /^aws cloudformation deploy .*ImageUri=[^ ]*fraud-scorer:good1(?: |$)/),
    ).toBeGreaterThan(undo);
  });
});

describe('the Compose host', () => {
  it('a deploy prepares the host env file before Compose reads it, and records the release', async () => {
    const dir = await repo('on-prem');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      REGISTRY: 'registry.example.com/team',
      DEPLOY_HOST: 'deploy@model-host',
    });
    expect(status, stderr).toBe(0);
    const prepared = index(
      log,
      /^ssh deploy@model-host sh deploy\/fraud-scorer-production\/host-env\.sh ~\/\.config\/fraud-scorer\.env /,
    );
    const up = index(log, /^ssh deploy@model-host .*sh compose-roll\.sh /);
    expect(prepared).toBeGreaterThan(-1);
    expect(up).toBeGreaterThan(prepared);
    expect(log.join('\n')).toMatch(
      /^scp .*infra\/host\.env\.example infra\/host-env\.sh infra\/compose-roll\.sh deploy@model-host:/m,
    );
    expect(log.join('\n')).toMatch(/^ssh-stdin registry\.example\.com\/team\/fraud-scorer:abc123$/m);
  });

  it('host-env.sh creates the env file (mode 600, no secret) and stops until it is filled in', async () => {
    const dir = await repo('on-prem');
    const home = tempDir('mlda-host-');
    const envFile = join(home, '.config', 'fraud-scorer.env');
    const script = ['infra/host-env.sh', envFile, 'infra/host.env.example'];
    const first = spawnSync('sh', script, { cwd: dir, encoding: 'utf8' });
    expect(first.status).toBe(3);
    expect(first.stderr).toMatch(
      /set ALERT_RECEIVER ALERT_SECRET GRAFANA_ADMIN_PASSWORD in .*fraud-scorer\.env/,
    );
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const example = readFileSync(join(dir, 'infra/host.env.example'), 'utf8');
    expect(example).toMatch(/^ALERT_RECEIVER=$/m);
    expect(example).toMatch(/^ALERT_SECRET=$/m);
    expect(example).toMatch(/^GRAFANA_ADMIN_PASSWORD=$/m);
    writeFileSync(
      envFile,
      'ALERT_RECEIVER=slack\nALERT_SECRET=https://hooks.example.com/x\nGRAFANA_ADMIN_PASSWORD=s3cret\n',
    );
    const second = spawnSync('sh', script, { cwd: dir, encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    expect(readFileSync(envFile, 'utf8')).toMatch(/s3cret/);
  });
});

describe('CI scans the image that ships', () => {
  it.each(['sagemaker-realtime', 'on-prem'] as const)(
    '%s: --build-only builds with the model and stops; --built pushes that image and deploys',
    async (option) => {
      const dir = await repo(option);
      const githubEnv = join(tempDir('mlda-gh-'), 'env');
      writeFileSync(githubEnv, '');
      const env = {
        REGISTRY: 'registry.example.com/team',
        DEPLOY_HOST: 'deploy@model-host',
        GITHUB_ENV: githubEnv,
      };
      const build = run(dir, ['scripts/deploy.sh', 'staging', '--build-only'], env);
      expect(build.status, build.stderr).toBe(0);
      const image = /^IMAGE_URI=(.+)$/m.exec(readFileSync(githubEnv, 'utf8'))?.[1];
      expect(image).toMatch(/fraud-scorer:abc123$/);
      expect(index(build.log, /^docker build /)).toBeGreaterThan(
        index(build.log, /^aws s3 cp s3:\/\/artifacts/),
      );
      expect(build.log.join('\n')).not.toMatch(/^docker push|^aws cloudformation deploy|^ssh /m);

      const ship = run(dir, ['scripts/deploy.sh', 'staging', '--built'], env);
      expect(ship.status, ship.stderr).toBe(0);
      expect(ship.log.join('\n')).not.toMatch(/^docker build|^aws s3 cp s3:\/\/artifacts/m);
      expect(ship.log).toContain(`docker push ${image}`);
    },
  );
});

describe('ECS smoke test', () => {
  it.each([
    ['empty', ''],
    ['None (the CLI for a missing output)', 'None'],
  ])('ecs-fargate: a ServiceUrl that is %s fails the deploy; nothing local is tested', async (_, url) => {
    const dir = await repo('ecs-fargate');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], { FAKE_SERVICE_URL: url });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no usable ServiceUrl output/);
    expect(log.join('\n')).not.toMatch(/^curl /m);
  });

  it('smoke_test.sh refuses an empty base URL instead of testing 127.0.0.1', async () => {
    const dir = await repo('ecs-fargate');
    const { status, log, stderr } = run(dir, ['scripts/smoke_test.sh', '']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/the base URL is empty/);
    expect(log).toEqual([]);
  });
});

describe('hybrid cloud side', () => {
  it('an http:// burst URL stops the deploy before the router is pointed at it', async () => {
    const dir = await repo('hybrid');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_SERVICE_URL: 'http://internal-burst.example.com',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/not an https:\/\/ URL/);
    expect(log.join('\n')).not.toMatch(/^ssh /m);
  });

  it('the first deploy asks for the private network and certificate, and passes them', async () => {
    const dir = await repo('hybrid');
    const missing = run(dir, ['scripts/deploy.sh', 'staging'], {
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-staging does not exist',
      VPC_ID: 'vpc-1',
      PRIVATE_SUBNET_IDS: 'subnet-1,subnet-2',
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/CERTIFICATE_ARN/);
    const first = run(dir, ['scripts/deploy.sh', 'staging'], {
      DEPLOY_HOST: 'deploy@model-host',
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-staging does not exist',
      VPC_ID: 'vpc-1',
      PRIVATE_SUBNET_IDS: 'subnet-1,subnet-2',
      CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      SERVICE_DOMAIN: 'burst.internal.example.com',
      ON_PREM_CIDR: '10.20.0.0/16',
    });
    expect(first.status, first.stderr).toBe(0);
    const deploy = first.log.find((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploy).toMatch(
      /CertificateArn=arn:aws:acm:\S+ ServiceDomainName=burst\.internal\.example\.com OnPremisesCidr=10\.20\.0\.0\/16/,
    );
    expect(deploy).not.toMatch(/PublicSubnetIds/);
  });
});

describe('the five targets reviewed for day one', () => {
  it('sagemaker-async: the smoke test passes on a result and stops at once on a failed request', async () => {
    const dir = await repo('sagemaker-async');
    const ok = run(dir, ['scripts/deploy.sh', 'production'], { FAKE_MODEL_UPLOADED: '1' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/smoke test passed/);
    const failed = run(dir, ['scripts/smoke_endpoint.sh', 'fraud-scorer-production'], { FAKE_ASYNC: 'fail' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/the model failed on the sample request: ValueError: bad model/);
    expect(failed.log.filter((l) => l.includes('async-output/'))).toHaveLength(1);
  }, 30_000);

  it('tf-serving: a missing PredictUrl fails the deploy instead of curling nothing', async () => {
    const dir = await repo('tf-serving');
    const { status, stderr } = run(dir, ['infra/deploy.sh', 'production'], { IMAGE_URI: 'r/x:abc123' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no usable PredictUrl output/);
  });
});

describe('ecs-fargate deploys keep the task count autoscaling chose', () => {
  it('a routine deploy passes KeepDesiredCount=true; the first one sets the minimum', async () => {
    const dir = await repo('ecs-fargate');
    const routine = run(dir, ['scripts/deploy.sh', 'production']);
    expect(routine.status, routine.stderr).toBe(0);
    expect(routine.log.find((l) => l.startsWith('aws cloudformation deploy'))).toMatch(
      / KeepDesiredCount=true/,
    );
    const first = run(dir, ['scripts/deploy.sh', 'production'], {
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-production does not exist',
      VPC_ID: 'vpc-1',
      PUBLIC_SUBNET_IDS: 'subnet-1,subnet-2',
      PRIVATE_SUBNET_IDS: 'subnet-3,subnet-4',
      CERTIFICATE_ARN: CERTIFICATE,
      SERVICE_DOMAIN: 'api.example.com',
    });
    expect(first.status, first.stderr).toBe(0);
    const firstDeploy = first.log.find((l) => l.startsWith('aws cloudformation deploy'));
    expect(firstDeploy).not.toMatch(/KeepDesiredCount/);
    expect(firstDeploy).toContain(`CertificateArn=${CERTIFICATE} AllowPlainHttp=false`);
  });

  it.each(['ecs-fargate', 'tf-serving'] as const)(
    '%s: the first deploy needs a certificate, or plain HTTP asked for by name',
    async (option) => {
      const dir = await repo(option);
      writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
      const network = {
        IMAGE_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:abc123',
        FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-production does not exist',
        VPC_ID: 'vpc-1',
        PUBLIC_SUBNET_IDS: 'subnet-1,subnet-2',
        PRIVATE_SUBNET_IDS: 'subnet-3,subnet-4',
      };
      const none = run(dir, ['infra/deploy.sh', 'production'], network);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/CERTIFICATE_ARN/);
      expect(index(none.log, /^aws cloudformation deploy/)).toBe(-1);
      const plain = run(dir, ['infra/deploy.sh', 'production'], {
        ...network,
        ALLOW_PLAIN_HTTP: 'true',
        FAKE_PREDICT_URL: 'http://lb.example.com/v1/models/m:predict',
      });
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.log.find((l) => l.startsWith('aws cloudformation deploy'))).toContain(
        'AllowPlainHttp=true',
      );
    },
  );
});

interface CiStep {
  run?: string;
  uses?: string;
  id?: string;
}
interface CiJob {
  env?: Record<string, string>;
  steps: CiStep[];
  outputs?: Record<string, string>;
}

/**
 * Runs a CI job's `run` steps in order, as on a push to main, against the fakes: `${{ expr }}` in
 * the job's env comes from `values` (anything else is empty, as an unset variable is), GITHUB_ENV
 * carries from step to step, each step's GITHUB_OUTPUT is kept under its id. `uses` steps (checkout,
 * credentials, scanner, artifacts) are the platform's and are skipped; the folder stands in for the
 * checkout and the artifact.
 */
function runJob(
  dir: string,
  job: CiJob,
  values: Record<string, string>,
  env: Record<string, string>,
  fakes: ReturnType<typeof fakeBin>,
): Run & { outputs: Record<string, Record<string, string>> } {
  const files = tempDir('mlda-gh-');
  const githubEnv = join(files, 'env');
  writeFileSync(githubEnv, '');
  const jobEnv = Object.fromEntries(
    Object.entries(job.env ?? {}).map(([key, value]) => [
      key,
      String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => values[expr] ?? ''),
    ]),
  );
  const outputs: Record<string, Record<string, string>> = {};
  let last: Run = { status: 0, log: [], stderr: '' };
  for (const [i, step] of job.steps.entries()) {
    if (!step.run) continue;
    const githubOutput = join(files, `output-${i}`);
    writeFileSync(githubOutput, '');
    const carried = Object.fromEntries(
      readFileSync(githubEnv, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    last = run(
      dir,
      ['-eo', 'pipefail', '-c', step.run],
      { ...env, ...jobEnv, ...carried, GITHUB_ENV: githubEnv, GITHUB_OUTPUT: githubOutput },
      fakes,
    );
    if (last.status !== 0) return { ...last, stderr: `${step.run}: ${last.stderr}`, outputs };
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(githubOutput, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
  }
  return { ...last, outputs };
}

/** What each target's routine deploy needs from the GitHub variables, and from the fakes. */
const CI_VALUES: Record<string, string> = {
  'vars.MODEL_URI': 's3://artifacts/fraud-scorer/v7/model.tar.gz',
  'vars.REGISTRY': 'registry.example.com/team',
  'vars.DEPLOY_HOST': 'deploy@model-host',
  'vars.CLUSTER_NAME': 'prod-cluster',
  'vars.CERTIFICATE_ARN': CERTIFICATE,
  'vars.SERVICE_DOMAIN': 'api.example.com',
  'vars.HOSTED_ZONE_ID': '',
};
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer';

describe('CI builds the image once, with the model, and promotes that digest', () => {
  it.each(OPTION_IDS)(
    '%s: fetch, build, start and test, push once; staging then production deploy the digest',
    async (option) => {
      const dir = await generate(option, { framework: option === 'tf-serving' ? 'tensorflow' : 'sklearn' });
      // A checkout holds what git tracks: drop what .gitignore keeps out (model files among them).
      for (const args of [
        ['init', '-q'],
        ['add', '-A'],
        ['clean', '-fdXq'],
      ]) {
        expect(spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
      }
      expect(existsSync(join(dir, 'model/input_example.json'))).toBe(false);
      const ci = parseYaml(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')) as {
        jobs: Record<string, CiJob>;
      };
      const fakes = fakeBin();
      const applied = join(tempDir('mlda-applied-'), 'applied.yaml');
      const env = {
        FAKE_PREDICT_URL: 'https://lb.example.com/v1/models/m:predict',
        FAKE_APPLIED: applied,
        FAKE_MODEL_UPLOADED: '1',
        ...(option === 'tf-serving' ? { FAKE_MODEL_TGZ: 'tf' } : {}),
      };

      const build = runJob(dir, ci.jobs.build!, CI_VALUES, env, fakes);
      expect(build.status, build.stderr).toBe(0);
      const log = build.log;
      const fetched = index(log, /^aws s3 cp s3:\/\/artifacts\/fraud-scorer\/v7\/model\.tar\.gz /);
      const built = index(log, /^docker build /);
      const started = index(log, /^docker run /);
      const pushed = index(log, /^docker push /);
      expect([fetched > -1, built > fetched, started > built, pushed > started]).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(log.filter((l) => l.startsWith('docker build'))).toHaveLength(1);
      // The started image answered a prediction on the model's own example (not /ping alone).
      if (option === 'lambda')
        expect(log[started]).toMatch(/invoke_handler\.py \/opt\/ml\/model\/input_example\.json$/);
      else expect(log.slice(started).some((l) => /^curl .*-X POST .*input_example\.json/.test(l))).toBe(true);
      // Every COPY source existed for that one build: the model was fetched before it.
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) =>
        m[1]!
          .split(/\s+/)
          .filter((w) => !w.startsWith('--'))
          .slice(0, -1),
      );
      expect(sources.filter((source) => !existsSync(join(dir, source)))).toEqual([]);
      const repository = option === 'on-prem' ? 'registry.example.com/team/fraud-scorer' : ECR;
      const image = build.outputs.push?.image;
      expect(image).toBe(`${repository}@sha256:${DIGEST}`);
      expect(ci.jobs.build!.outputs?.image).toBe('${{ steps.push.outputs.image }}');

      for (const job of ['deploy-staging', 'deploy-production']) {
        const before = readFileSync(fakes.log, 'utf8').split('\n').filter(Boolean).length;
        const deploy = runJob(
          dir,
          ci.jobs[job]!,
          { ...CI_VALUES, 'needs.build.outputs.image': image! },
          env,
          fakes,
        );
        expect(deploy.status, `${job}: ${deploy.stderr}`).toBe(0);
        const calls = deploy.log.slice(before).join('\n');
        // Nothing built, pushed or fetched again: the digest that was built is what runs.
        expect(calls).not.toMatch(/^docker (build|push)|^aws s3 cp s3:\/\/artifacts/m);
        const deployed = `${calls}\n${existsSync(applied) ? readFileSync(applied, 'utf8') : ''}`;
        expect(deployed, job).toContain(image);
        expect(deployed, job).not.toMatch(/fraud-scorer:abc123/);
        const environment = job.replace('deploy-', '');
        if (option.startsWith('sagemaker')) {
          expect(calls).toMatch(new RegExp(`--stack-name fraud-scorer-${environment} .*ModelVersion=abc123`));
        }
      }
    },
    60_000,
  );
});

describe('immutable tags, digests only', () => {
  it('ECR repositories are created with immutable tags; a mutable one is made immutable', async () => {
    const dir = await repo('ecs-fargate');
    const created = run(dir, ['scripts/deploy.sh', 'staging', '--push-only']);
    expect(created.status, created.stderr).toBe(0);
    expect(created.log.join('\n')).toMatch(
      /^aws ecr create-repository --repository-name fraud-scorer --image-tag-mutability IMMUTABLE /m,
    );
    const mutable = run(dir, ['scripts/deploy.sh', 'staging', '--push-only'], { FAKE_MUTABILITY: 'MUTABLE' });
    expect(mutable.status, mutable.stderr).toBe(0);
    expect(mutable.log.join('\n')).toMatch(
      /^aws ecr put-image-tag-mutability --repository-name fraud-scorer --image-tag-mutability IMMUTABLE$/m,
    );
  });

  it('a re-run for a commit already pushed keeps that image and prints its digest', async () => {
    const dir = await repo('ecs-fargate');
    const again = run(dir, ['scripts/deploy.sh', 'staging', '--push-only'], {
      FAKE_MUTABILITY: 'IMMUTABLE',
      FAKE_TAG_EXISTS: '1',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.log.join('\n')).not.toMatch(/^docker push/m);
    expect(again.stderr).toMatch(/was pushed before/);
  });

  it('on-prem: a re-run for a commit already in the registry keeps that image, no second push', async () => {
    const dir = await repo('on-prem');
    const env = { REGISTRY: 'registry.example.com/team', DEPLOY_HOST: 'deploy@model-host' };
    const first = run(dir, ['scripts/deploy.sh', 'staging', '--push-only'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.log).toContain('docker push registry.example.com/team/fraud-scorer:abc123');
    const again = run(dir, ['scripts/deploy.sh', 'staging', '--push-only'], { ...env, FAKE_TAG_EXISTS: '1' });
    expect(again.status, again.stderr).toBe(0);
    const calls = again.log.join('\n');
    expect(calls).toMatch(/^docker manifest inspect registry\.example\.com\/team\/fraud-scorer:abc123$/m);
    expect(calls).not.toMatch(/^docker push/m);
    expect(calls).toMatch(/^docker pull --quiet registry\.example\.com\/team\/fraud-scorer:abc123$/m);
    expect(again.stderr).toMatch(/was pushed before/);
  });

  it.each([
    ['a tag', `${ECR}:abc123`],
    ['another repository', `123456789012.dkr.ecr.us-east-1.amazonaws.com/other@sha256:${DIGEST}`],
    ['a short digest', `${ECR}@sha256:abc`],
  ])('--image refuses %s: nothing is deployed', async (_, ref) => {
    const dir = await repo('ecs-fargate');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production', '--image', ref]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--image needs .*fraud-scorer@sha256:<64 hex digits>/);
    expect(log.join('\n')).not.toMatch(/^aws cloudformation deploy|^docker /m);
  });
});

describe('lambda keeps warm what the recommendation priced', () => {
  it('production gets the priced provisioned concurrency, staging none', async () => {
    // Intermittent traffic and a 200 ms target: cold starts reach the p95, so warm ones are priced.
    const answers = {
      framework: 'sklearn',
      requestsPerSecond: 2,
      latencyP95Ms: 200,
      trafficPattern: 'intermittent',
    };
    const { context } = await prepare('lambda', answers);
    expect(context.provisionedConcurrency).toBeGreaterThan(0);
    const dir = await generate('lambda', answers);
    // What scripts/deploy.sh has fetched before it runs the infrastructure step.
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    const deployed = (environment: string) => {
      const { status, log, stderr } = run(dir, ['infra/deploy.sh', environment], {
        IMAGE_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:abc123',
      });
      expect(status, stderr).toBe(0);
      return log.find((l) => l.startsWith('aws cloudformation deploy')) ?? '';
    };
    expect(deployed('production')).toContain(`ProvisionedConcurrency=${context.provisionedConcurrency}`);
    expect(deployed('staging')).toContain('ProvisionedConcurrency=0');
  });
});

describe('eks: the cluster, its logs and HTTPS are stated, not guessed', () => {
  const eksRun = async (env: Record<string, string>) => {
    const dir = await repo('eks');
    const { docs } = kustomizeBuild(join(dir, 'k8s/overlays/staging'));
    const rendered = join(tempDir('mlda-kustomize-'), 'rendered.yaml');
    writeFileSync(rendered, docs.map((d) => stringifyYaml(d)).join('---\n'));
    const applied = join(tempDir('mlda-applied-'), 'applied.yaml');
    // What scripts/deploy.sh has fetched before it runs the infrastructure step.
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    const result = run(dir, ['infra/deploy.sh', 'staging'], {
      IMAGE_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:abc123',
      CLUSTER_NAME: 'prod-cluster',
      CERTIFICATE_ARN: CERTIFICATE,
      FAKE_KUSTOMIZE: rendered,
      FAKE_APPLIED: applied,
      ...env,
    });
    return { ...result, applied: existsSync(applied) ? readFileSync(applied, 'utf8') : '' };
  };

  it('without CLUSTER_NAME it stops before deploying anything', async () => {
    const { status, log, stderr } = await eksRun({ CLUSTER_NAME: '' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/set CLUSTER_NAME/);
    expect(index(log, /^aws cloudformation deploy/)).toBe(-1);
  });

  it('without the Container Insights log group it says how to get one, before the alerting stack', async () => {
    const { status, log, stderr } = await eksRun({ FAKE_LOG_GROUP: '' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no log group \/aws\/containerinsights\/prod-cluster\/application/);
    expect(stderr).toMatch(/amazon-cloudwatch-observability/);
    expect(index(log, /^aws cloudformation deploy/)).toBe(-1);
  });

  it('the Ingress gets the certificate (HTTPS, HTTP redirected); none and no opt-out is refused', async () => {
    const tls = await eksRun({});
    expect(tls.applied).toContain(`alb.ingress.kubernetes.io/certificate-arn: ${CERTIFICATE}`);
    expect(tls.applied).toMatch(/alb\.ingress\.kubernetes\.io\/ssl-redirect: "443"/);
    const none = await eksRun({ CERTIFICATE_ARN: '' });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/CERTIFICATE_ARN/);
    expect(index(none.log, /^kubectl apply/)).toBe(-1);
    const plain = await eksRun({ CERTIFICATE_ARN: '', ALLOW_PLAIN_HTTP: 'true' });
    expect(plain.applied).not.toMatch(/certificate-arn|ssl-redirect|listen-ports/);
    expect(plain.applied).toContain('kind: Ingress');
  });
});

describe('ecs-fargate and tf-serving: the previous release is recorded and put back', () => {
  const OLD = /ImageUri=123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/fraud-scorer:old$/;
  const deploys = (log: string[]) => log.filter((l) => l.startsWith('aws cloudformation deploy'));
  const infraRun = async (option: OptionId, env: Record<string, string> = {}) => {
    const dir = await repo(option);
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    return run(dir, ['infra/deploy.sh', 'production'], {
      IMAGE_URI: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:abc123',
      FAKE_PREDICT_URL: 'https://lb.example.com/v1/models/m:predict',
      ...env,
    });
  };

  it.each(['ecs-fargate', 'tf-serving'] as const)(
    '%s: a deploy that passes its smoke test records the image it replaced',
    async (option) => {
      const { status, log, stderr } = await infraRun(option);
      expect(status, stderr).toBe(0);
      expect(deploys(log)).toHaveLength(1);
      expect(log.join('\n')).toMatch(
        /^aws ssm put-parameter --name \/fraud-scorer-production\/previous-image .*--value 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/fraud-scorer:old$/m,
      );
    },
  );

  it.each(['ecs-fargate', 'tf-serving'] as const)(
    '%s: a failed smoke test (traffic already moved) puts the previous image back and fails',
    async (option) => {
      const { status, log } = await infraRun(option, { FAKE_PREDICT_FAILS: '1' });
      expect(status).toBe(1);
      const stacks = deploys(log);
      expect(stacks).toHaveLength(2);
      expect(stacks[1]).toMatch(OLD);
      expect(log.join('\n')).not.toMatch(/^aws ssm put-parameter/m);
    },
  );

  it.each(['ecs-fargate', 'tf-serving'] as const)('%s: make rollback needs no tag', async (option) => {
    const dir = await repo(option);
    const { status, log, stderr } = run(dir, ['-c', 'make rollback ENV=production'], {
      FAKE_PREDICT_URL: 'https://lb.example.com/v1/models/m:predict',
    });
    expect(status, stderr).toBe(0);
    expect(log.join('\n')).not.toMatch(/^docker build|^docker push/m);
    expect(deploys(log)).toHaveLength(1);
    expect(deploys(log)[0]).toMatch(OLD);
  });
});

describe('lambda: a failed smoke test after the canary goes back through the stack', () => {
  it('the previous image is deployed again as a parameter; a passing deploy records it', async () => {
    const dir = await repo('lambda');
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    const env = { IMAGE_URI: `${ECR}@sha256:${DIGEST}` };
    const failed = run(dir, ['infra/deploy.sh', 'production'], { ...env, FAKE_PREDICT_FAILS: '1' });
    expect(failed.status).toBe(1);
    const deploys = failed.log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys).toHaveLength(2);
    expect(deploys[0]).toContain(`ImageUri=${ECR}@sha256:${DIGEST}`);
    expect(deploys[1]).toMatch(/ImageUri=[^ ]*fraud-scorer:old$/);
    // No drift: the alias is CodeDeploy's, through the stack, never moved by hand.
    expect(failed.log.join('\n')).not.toMatch(/^aws lambda update-alias|^aws ssm put-parameter/m);
    const passed = run(dir, ['infra/deploy.sh', 'production'], env);
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.log.join('\n')).not.toMatch(/^aws lambda update-alias/m);
    expect(passed.log.join('\n')).toMatch(
      /^aws ssm put-parameter --name \/fraud-scorer-production\/previous-image .*--value [^ ]*fraud-scorer:old$/m,
    );
  });
});

describe('lambda: the ECR repository lets Lambda pull the image', () => {
  it("the repository policy is set before the stack, for this project's functions only", async () => {
    const dir = await repo('lambda');
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    const { status, log, stderr } = run(dir, ['infra/deploy.sh', 'staging'], {
      IMAGE_URI: `${ECR}@sha256:${DIGEST}`,
    });
    expect(status, stderr).toBe(0);
    const set = index(log, /^aws ecr set-repository-policy --repository-name fraud-scorer --policy-text /);
    expect(set).toBeGreaterThan(-1);
    expect(set).toBeLessThan(index(log, /^aws cloudformation deploy/));
    const policy = JSON.parse(log[set]!.replace(/^.*--policy-text /, '')) as {
      Statement: { Principal: unknown; Action: string[]; Condition: unknown }[];
    };
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Condition: {
        StringLike: { 'aws:sourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer-*' },
      },
    });
  });
});

describe('rollback to a typed release tag', () => {
  const targets = {
    lambda: {},
    eks: { CLUSTER_NAME: 'prod-cluster', CERTIFICATE_ARN: CERTIFICATE },
    'on-prem': { REGISTRY: 'registry.example.com/team', DEPLOY_HOST: 'deploy@model-host' },
    hybrid: { DEPLOY_HOST: 'deploy@model-host' },
  } as const;
  const TAG = '0123456789ab';

  it.each(Object.keys(targets) as (keyof typeof targets)[])(
    '%s: a malformed tag is refused before anything runs; a commit tag redeploys that image',
    async (option) => {
      const dir = await repo(option);
      const env: Record<string, string> = {
        ...targets[option],
        FAKE_APPLIED: join(tempDir('mlda-applied-'), 'a.yaml'),
      };
      for (const bad of ['abc;rm -rf /', 'latest', '0123456', '0123456789AB', '--help']) {
        const refused = run(dir, ['scripts/rollback.sh', 'production', bad], env);
        expect(refused.status, bad).toBe(2);
        expect(refused.stderr).toMatch(/TAG is the commit an image was built from/);
        expect(refused.log, bad).toEqual([]);
      }
      // 40 hex digits (a whole commit) name the same image as its first 12.
      for (const tag of [TAG, `${TAG}${'c'.repeat(28)}`]) {
        const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production', tag], env);
        expect(status, stderr).toBe(0);
        const deployed = `${log.join('\n')}\n${existsSync(env.FAKE_APPLIED!) ? readFileSync(env.FAKE_APPLIED!, 'utf8') : ''}`;
        expect(deployed).toMatch(new RegExp(`fraud-scorer:${TAG}(\\s|$)`, 'm'));
        expect(deployed).not.toMatch(/^docker (build|push)/m);
      }
    },
  );

  it.each(['lambda', 'eks', 'hybrid'] as const)(
    '%s: a tag ECR does not hold deploys nothing',
    async (option) => {
      const dir = await repo(option);
      const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production', TAG], {
        ...targets[option],
        FAKE_MISSING_TAG: TAG,
      });
      expect(status).toBe(1);
      expect(stderr).toMatch(/no image tagged 0123456789ab/);
      expect(log.join('\n')).not.toMatch(/^aws cloudformation deploy|^kubectl apply|^ssh /m);
    },
  );

  it('"previous" is the recorded release, as no tag is', async () => {
    const dir = await repo('lambda');
    const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production', 'previous']);
    expect(status, stderr).toBe(0);
    expect(log.find((l) => l.startsWith('aws cloudformation deploy'))).toMatch(
      /ImageUri=[^ ]*fraud-scorer:old$/,
    );
  });
});

describe('SageMaker: a re-run of the live release keeps the recorded previous one', () => {
  it.each(['sagemaker-serverless', 'sagemaker-async', 'sagemaker-batch'] as const)(
    '%s: deploying what is live does not overwrite previous-release with itself',
    async (option) => {
      const dir = await repo(option);
      // The fake stack runs ...fraud-scorer:old with model version old.
      const { status, log, stderr } = run(dir, ['infra/deploy.sh', 'production'], {
        IMAGE_URI: `${ECR}:old`,
        MODEL_VERSION: 'old',
        FAKE_MODEL_UPLOADED: '1',
      });
      expect(status, stderr).toBe(0);
      expect(log.join('\n')).not.toMatch(/^aws ssm put-parameter/m);
      expect(stderr).toMatch(/live already; the recorded previous release stays/);
    },
  );
});

describe('SageMaker: a roll-back from a checkout without the model still smoke-tests', () => {
  it.each(['sagemaker-serverless', 'sagemaker-async', 'sagemaker-batch'] as const)(
    '%s: the example comes from the archive of the release it deployed',
    async (option) => {
      const dir = await generate(option, { framework: 'sklearn' });
      expect(existsSync(join(dir, 'model/input_example.json'))).toBe(false);
      const { status, log, stderr } = run(dir, ['scripts/rollback.sh', 'production'], {
        FAKE_MODEL_UPLOADED: '1',
      });
      expect(status, stderr).toBe(0);
      const fetched = index(
        log,
        /^aws s3 cp s3:\/\/fraud-scorer-env-models-123456789012\/models\/old\/model\.tar\.gz /,
      );
      expect(fetched).toBeGreaterThan(index(log, /^aws cloudformation deploy/));
      expect(stderr).toMatch(/smoke test passed/);
    },
  );
});

describe('batch: a post-deploy smoke transform job', () => {
  it('a tiny job over the model example runs after the stack; its predictions are counted', async () => {
    const dir = await repo('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production']);
    expect(status, stderr).toBe(0);
    const deployed = index(log, /^aws cloudformation deploy .*CreateModel=true/);
    const job = index(
      log,
      /^aws sagemaker create-transform-job --transform-job-name fraud-scorer-production-smoke-\d+ /,
    );
    expect(deployed).toBeGreaterThan(-1);
    expect(job).toBeGreaterThan(deployed);
    expect(log[job]).toMatch(
      /S3Uri=s3:\/\/fraud-scorer-env-models-123456789012\/smoke-input\/fraud-scorer-production-smoke-\d+\/\}/,
    );
    expect(log[job]).toMatch(/InstanceCount=1,/);
    expect(index(log, /^aws s3 cp \S+\/input\.jsonl s3:\/\/.*\/smoke-input\/.*\/input\.jsonl /)).toBeLessThan(
      job,
    );
    expect(stderr).toMatch(/smoke test passed/);
    // The job runs as the execution role: it may read the smoke input and write its output.
    const stack = parseCfnYaml(readFileSync(join(dir, 'infra/sagemaker/stack.yaml'), 'utf8')).value;
    const policy = JSON.stringify(stack);
    expect(policy).toContain('${ModelBucket.Arn}/smoke-input/*');
    expect(policy).toContain('${ModelBucket.Arn}/smoke-output/*');
  });

  it.each([
    ['the job fails', { FAKE_TRANSFORM: 'Failed' }, /Failed: ClientError: the model failed on the input/],
    ['lines go missing', { FAKE_TRANSFORM_SHORT: '1' }, /wrote 0 prediction lines for 1 input lines/],
  ])('when %s, the deploy fails and the recorded release goes back', async (_, env, why) => {
    const dir = await repo('sagemaker-batch');
    const { status, log, stderr } = run(dir, ['scripts/deploy.sh', 'production'], {
      ...env,
      FAKE_MODEL_UPLOADED: '1',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(why);
    const deploys = log.filter((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploys).toHaveLength(2);
    expect(deploys[1]).toMatch(/ImageUri=[^ ]*fraud-scorer:old .*ModelVersion=old/);
  });
});

describe('Compose: staging and production can share a host', () => {
  it('each environment is its own Compose project on its own ports', async () => {
    const dir = await generate('on-prem', { framework: 'sklearn' });
    const env = { REGISTRY: 'registry.example.com/team', DEPLOY_HOST: 'deploy@model-host' };
    const sent = (environment: string) => {
      const { status, log, stderr } = run(dir, ['scripts/deploy.sh', environment], env);
      expect(status, stderr).toBe(0);
      const calls = log.join('\n');
      const dotenv = log.find((l) => l.startsWith('ssh-stdin MODEL_IMAGE=')) ?? '';
      return { calls, dotenv };
    };
    const staging = sent('staging');
    const production = sent('production');
    expect(staging.dotenv).toMatch(/COMPOSE_PROJECT_NAME=fraud-scorer-staging SERVE_PORT=8081 /);
    expect(production.dotenv).toMatch(/COMPOSE_PROJECT_NAME=fraud-scorer-production SERVE_PORT=8080 /);
    expect(staging.calls).toMatch(/sh compose-roll\.sh fraud-scorer-staging/);
    expect(staging.calls).toMatch(/^curl .*http:\/\/model-host:8081\/ping/m);
    const compose = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    expect(compose).toContain('"${SERVE_PORT:-8080}:8080"');
    expect(compose).not.toMatch(/"127\.0\.0\.1:(9090|9093|3000):/);
  });
});

describe('Compose on the host: model replicas replaced one at a time', () => {
  // A stateful docker: `compose ps -q model` lists the running replicas (old ones first), `up
  // --scale` adds one, `inspect` says healthy unless FAKE_UNHEALTHY, stop/rm remove one.
  const DOCKER = String.raw`#!/bin/bash
printf 'docker %s\n' "$*" >>"$FAKE_LOG"
state="$FAKE_STATE"
case "$*" in
  *"ps -q model"*) cat "$state" ;;
  *"--scale model="*) n=$(( $(cat "$state.n" 2>/dev/null || echo 0) + 1 )); echo "$n" >"$state.n"; echo "new$n" >>"$state"; printf 'running %s\n' "$(tr '\n' ' ' <"$state")" >>"$FAKE_LOG" ;;
  *"config --services"*) printf 'router\nmodel\nprometheus\n' ;;
  inspect*) if [ -n "$FAKE_UNHEALTHY" ]; then echo unhealthy; else echo healthy; fi ;;
  "rm -f "*|"rm "*) for last in "$@"; do :; done; grep -vx "$last" "$state" >"$state.tmp" || true; mv "$state.tmp" "$state" ;;
esac
exit 0
`;
  const roll = async (env: Record<string, string> = {}) => {
    const dir = await repo('on-prem');
    const root = tempDir('mlda-roll-');
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'bin', 'docker'), DOCKER);
    chmodSync(join(root, 'bin', 'docker'), 0o755);
    writeFileSync(join(root, 'state'), 'old1\nold2\n');
    const result = spawnSync('sh', [join(dir, 'infra/compose-roll.sh'), 'fraud-scorer-production'], {
      encoding: 'utf8',
      env: {
        PATH: `${join(root, 'bin')}:/usr/bin:/bin`,
        FAKE_LOG: join(root, 'log'),
        FAKE_STATE: join(root, 'state'),
        ...env,
      },
    });
    const log = readFileSync(join(root, 'log'), 'utf8').split('\n').filter(Boolean);
    return { ...result, log, state: readFileSync(join(root, 'state'), 'utf8').split('\n').filter(Boolean) };
  };

  it('a new replica is healthy before each old one stops; never fewer than were serving', async () => {
    const { status, stderr, log, state } = await roll();
    expect(status, stderr).toBe(0);
    expect(state.every((id) => id.startsWith('new'))).toBe(true);
    expect(state).toHaveLength(2);
    const order = log
      .filter((l) => /^docker (stop|inspect)|^running /.test(l))
      .map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(order).toEqual([
      'running old1',
      'docker inspect',
      'docker stop',
      'running old2',
      'docker inspect',
      'docker stop',
    ]);
    expect(
      log.some((l) => /^docker compose -p fraud-scorer-production up -d --no-build --wait$/.test(l)),
    ).toBe(false);
    expect(log.at(-1)).toMatch(/up -d --no-build --no-deps --wait router prometheus$/);
  });

  it('a replica that never gets healthy is removed; the old ones keep serving', async () => {
    const { status, state, log } = await roll({ FAKE_UNHEALTHY: '1' });
    expect(status).toBe(1);
    expect(state).toEqual(['old1', 'old2']);
    expect(log.some((l) => l.startsWith('docker stop'))).toBe(false);
  });
});

describe('SageMaker scripts', () => {
  it('package_model.sh puts the model files at the archive root', async () => {
    const dir = await generate('sagemaker-realtime', { framework: 'sklearn' });
    writeFileSync(join(dir, 'model', 'model.joblib'), 'not really a model');
    const pack = spawnSync('bash', ['scripts/package_model.sh', '1.2.3'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, UPLOAD: '0' },
    });
    expect(pack.status, pack.stderr).toBe(0);
    const list = spawnSync('tar', ['-tzf', 'build/model.tar.gz'], { cwd: dir, encoding: 'utf8' });
    expect(list.stdout.split('\n')).toContain('./model.joblib');
  });

  it("fill_deploy_config.sh writes each environment's deploy.json under build/, never the tracked one", async () => {
    const dir = await generate('sagemaker-realtime', { framework: 'sklearn' });
    const tracked = readFileSync(join(dir, 'infra/sagemaker/deploy.json'), 'utf8');
    // A fake `aws` on PATH answers the calls the script makes (the stack outputs by key).
    const bin = join(tempDir('mlda-fill-'), 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'aws'),
      [
        '#!/bin/sh',
        'case "$*" in',
        '  sts*) echo 210987654321 ;;',
        '  *ModelKeyArn*) echo arn:aws:kms:us-east-1:210987654321:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d ;;',
        '  *ExecutionRoleArn*) echo arn:aws:iam::210987654321:role/fraud-scorer-staging-sagemaker ;;',
        '  *ModelBucketName*) echo fraud-scorer-staging-models-210987654321 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'aws'), 0o755);
    const image = '210987654321.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:0123456789ab';
    const fill = (env: Record<string, string> = {}) => {
      const result = spawnSync('bash', ['scripts/fill_deploy_config.sh', image, '0123456789ab'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, ...env },
      });
      expect(result.status, result.stderr).toBe(0);
    };
    const filled = (environment: string) =>
      deployConfigSchema.parse(
        JSON.parse(
          readFileSync(join(dir, `build/deploy/${environment}/infra/sagemaker/deploy.json`), 'utf8'),
        ),
      );
    fill();
    // The tracked file stays as generated: a deploy leaves no change for git to show.
    expect(readFileSync(join(dir, 'infra/sagemaker/deploy.json'), 'utf8')).toBe(tracked);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^build\/$/m);
    const config = filled('staging');
    expect(config.executionRoleArn).toContain(':210987654321:');
    expect(config.imageUri).toBe(image);
    expect(config.modelDataUrl).toMatch(/-models-210987654321\/models\/0123456789ab\/model\.tar\.gz$/);
    expect(config.kmsKeyId).toMatch(/^arn:aws:kms:/);

    // Production: the inference components get production's instances and champion copies,
    // the numbers the stack's Sizing mapping holds (one source: the context).
    fill({ DEPLOY_ENV: 'production' });
    expect(readFileSync(join(dir, 'infra/sagemaker/deploy.json'), 'utf8')).toBe(tracked);
    const prod = filled('production');
    expect(prod.projectName).toBe('fraud-scorer-production');
    const stack = parseCfnYaml(readFileSync(join(dir, 'infra/sagemaker/stack.yaml'), 'utf8')).value as {
      Mappings: { Sizing: Record<string, Record<string, number>> };
      Resources: Record<string, { Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const sizing = stack.Mappings.Sizing.production!;
    expect(prod.option === 'sagemaker-realtime' && prod.inferenceComponents).toMatchObject({
      minInstanceCount: sizing.MinCapacity,
      maxInstanceCount: sizing.MaxInstances,
      components: [{ name: 'champion', copies: sizing.ChampionCopies }],
    });
    const need = stack.Resources.ChampionComponent!.Properties.Specification.ComputeResourceRequirements;
    expect(prod.option === 'sagemaker-realtime' && prod.inferenceComponents?.components[0]).toMatchObject({
      cpuCores: need.NumberOfCpuCoresRequired,
      memoryMb: need.MinMemoryRequiredInMb,
    });
    // Staging's copy is still staging's.
    expect(filled('staging').projectName).toBe('fraud-scorer-staging');
  });
});

describe.each([
  ['ecs-fargate', 'FAKE_SERVICE_URL'],
  ['tf-serving', 'FAKE_PREDICT_URL'],
] as const)('%s: HTTPS under the name the certificate covers', (option, urlOutput) => {
  it('the first deploy with a certificate needs SERVICE_DOMAIN and passes it to the stack', async () => {
    const dir = await repo(option);
    writeFileSync(join(dir, 'model/input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
    const network = {
      IMAGE_URI: `${ECR}:abc123`,
      FAKE_DESCRIBE_ERROR: 'Stack with id fraud-scorer-production does not exist',
      VPC_ID: 'vpc-1',
      PUBLIC_SUBNET_IDS: 'subnet-1,subnet-2',
      PRIVATE_SUBNET_IDS: 'subnet-3,subnet-4',
      CERTIFICATE_ARN: CERTIFICATE,
      [urlOutput]: 'https://api.example.com',
    };
    const missing = run(dir, ['infra/deploy.sh', 'production'], network);
    expect(missing.status, missing.stderr).toBe(2);
    expect(missing.stderr).toMatch(/SERVICE_DOMAIN/);
    expect(index(missing.log, /^aws cloudformation deploy/)).toBe(-1);
    const named = run(dir, ['infra/deploy.sh', 'production'], {
      ...network,
      SERVICE_DOMAIN: 'api.example.com',
      HOSTED_ZONE_ID: 'Z123',
    });
    expect(named.status, named.stderr).toBe(0);
    const deploy = named.log.find((l) => l.startsWith('aws cloudformation deploy'));
    expect(deploy).toContain('ServiceDomainName=api.example.com HostedZoneId=Z123');
  });
});
