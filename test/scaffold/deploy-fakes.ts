import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support.js';

/**
 * Recorded fakes of `aws`, `docker`, `kubectl`, `ssh`, `scp` and `curl` for running generated
 * deploy scripts (bash) and asserting what they would call. Switches: FAKE_PREDICT_FAILS_ONCE=<text> (the first prediction at a URL
 * containing <text> fails, later ones pass: a bad release, then the good one put back) and FAKE_COPIES / FAKE_COPIES_ERROR (what
 * `aws sagemaker describe-inference-component` answers), FAKE_NO_CRDS (kubectl finds no Prometheus
 * Operator CRDs).
 */

export const FAKE = String.raw`#!/bin/bash
# The tool it stands in for, without a basename process per call (thousands per test file).
name="${'${0##*/}'}"
printf '%s %s\n' "$name" "$*" >>"$FAKE_LOG"
args="$*"
for last in "$@"; do :; done
case "$name" in
  aws)
    case "$args" in
      "sts get-caller-identity"*) echo 123456789012 ;;
      "cloudformation describe-stacks"*)
        # FAKE_DESCRIBE_ERROR: the lookup fails until a stack has been deployed.
        if [ -n "$FAKE_DESCRIBE_ERROR" ] && ! grep -q '^aws cloudformation deploy' "$FAKE_LOG"; then
          echo "$FAKE_DESCRIBE_ERROR" >&2
          exit 254
        fi
        case "$args" in
          *"ParameterKey=='CreateEndpoint'"* | *"ParameterKey=='CreateModel'"*) echo "$FAKE_LIVE" ;;
          *"ParameterKey=='ImageUri'"*) echo "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:old" ;;
          *"ParameterKey=='ModelVersion'"*) echo old ;;
          *ModelBucketName*) echo "fraud-scorer-env-models-123456789012" ;;
          *ModelKeyArn*) echo "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" ;;
          *ExecutionRoleArn*) echo "arn:aws:iam::123456789012:role/fraud-scorer-env-sagemaker" ;;
          *ServiceUrl*) echo "$FAKE_SERVICE_URL" ;;
          *PredictUrl*) echo "$FAKE_PREDICT_URL" ;;
          *ChampionComponentName*) echo "$FAKE_STACK-champion" ;;
          *ChallengerComponentName*) echo "$FAKE_CHALLENGER" ;;
          *ChallengerTrafficPercent*) echo "$FAKE_PERCENT" ;;
        esac
        ;;
      *"ParameterKey=='CreateEndpoint'"*) echo "$FAKE_LIVE" ;;
      *"ParameterKey=='ImageUri'"*) echo "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:old" ;;
      *"ParameterKey=='ModelVersion'"*) echo old ;;
      *ModelBucketName*) echo "fraud-scorer-env-models-123456789012" ;;
      *ModelKeyArn*) echo "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" ;;
      *ExecutionRoleArn*) echo "arn:aws:iam::123456789012:role/fraud-scorer-env-sagemaker" ;;
      *ServiceUrl*) echo "$FAKE_SERVICE_URL" ;;
      "ssm get-parameter"*) echo "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:old old" ;;
      "s3api head-object"*) [ -n "$FAKE_MODEL_UPLOADED" ] || exit 255 ;;
      "s3 cp s3://b/async-output/"*) [ "$FAKE_ASYNC" != fail ] || exit 1; echo '{"predictions": [1]}' >"$last" ;;
      "s3 cp s3://b/async-failures/"*) [ "$FAKE_ASYNC" = fail ] || exit 1; echo 'ValueError: bad model' >"$last" ;;
      "s3 cp s3://"*"/smoke-output/"*"/input.jsonl.out"*) [ -n "$FAKE_TRANSFORM_SHORT" ] || echo '[1]' >"$last" ; touch "$last" ;;
      "s3 cp s3://"*) cp "$FAKE_MODEL_TGZ" "$last" ;;
      "sagemaker-runtime invoke-endpoint-async"*) printf 's3://b/async-output/x.out\ts3://b/async-failures/x-error.out\n' ;;
      # FAKE_INVOKE_FAILS_ONCE: the first invocation answers an error (a bad release), later ones pass.
      "sagemaker-runtime invoke-endpoint"*)
        if [ -n "$FAKE_INVOKE_FAILS_ONCE" ] && [ ! -e "$FAKE_LOG.failed" ]; then
          touch "$FAKE_LOG.failed"; echo '{"error": "the model failed"}' >"$last"; exit 0
        fi
        echo '{"predictions": [1]}' >"$last"
        ;;
      "ecr get-login-password"*) echo token ;;
      "ecr describe-repositories"*) [ -n "$FAKE_MUTABILITY" ] || exit 254; echo "$FAKE_MUTABILITY" ;;
      # ECR holds a tag once it was pushed (the build's tag abc123 after docker push, any earlier
      # tag unless FAKE_MISSING_TAG names it; FAKE_TAG_EXISTS: a re-run finds abc123 there).
      "ecr describe-images"*)
        tag="$(printf '%s' "$args" | sed -n 's/.*imageTag=\([^ ]*\).*/\1/p')"
        if [ "$tag" = "$FAKE_MISSING_TAG" ]; then exit 254; fi
        if [ "$tag" = abc123 ] && [ -z "$FAKE_TAG_EXISTS" ] && ! grep -q '^docker push' "$FAKE_LOG"; then exit 254; fi
        echo "sha256:$FAKE_DIGEST"
        ;;
      # FAKE_COPIES: the champion component's current desired copy count (autoscaling's choice).
      "sagemaker describe-inference-component"*)
        if [ -n "$FAKE_COPIES_ERROR" ]; then echo "$FAKE_COPIES_ERROR" >&2; exit 254; fi
        echo "$FAKE_COPIES"
        ;;
      # The real CLI waiter: a Failed job is a waiter failure (exit 255, no FailureReason).
      "sagemaker wait transform-job-completed-or-stopped"*)
        if [ "$FAKE_TRANSFORM" = Failed ]; then echo "Waiter TransformJobCompletedOrStopped failed: Waiter encountered a terminal failure state" >&2; exit 255; fi
        ;;
      "sagemaker describe-transform-job"*)
        case "$args" in
          *FailureReason*) echo "ClientError: the model failed on the input" ;;
          *) if [ -n "$FAKE_TRANSFORM" ]; then echo "$FAKE_TRANSFORM"; else echo Completed; fi ;;
        esac
        ;;
      "logs describe-log-groups"*) printf '%s\n' "$FAKE_LOG_GROUP" ;;
      # FAKE_ALIAS_AFTER: the version CodeDeploy has moved the alias to once the stack is deployed.
      "lambda get-alias"*)
        if [ -n "$FAKE_ALIAS_AFTER" ] && grep -q '^aws cloudformation deploy' "$FAKE_LOG"; then echo "$FAKE_ALIAS_AFTER"; else echo 7; fi
        ;;
      "lambda list-versions-by-function"*) printf '1\t5\t6\t7\n' ;;
      "lambda invoke"*)
        case "$args" in
          *invocations*) [ -z "$FAKE_PREDICT_FAILS" ] || { echo '{"statusCode": 500, "body": "{}"}' >"$last"; exit 0; } ;;
        esac
        echo '{"statusCode": 200, "body": "{}"}' >"$last"
        ;;
    esac
    ;;
  kubectl)
    case "$args" in
      kustomize*) if [ -n "$FAKE_KUSTOMIZE" ]; then cat "$FAKE_KUSTOMIZE"; exit 0; fi; printf 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: model-server:0.1.0\n' ;;
      # What is applied from stdin (a secret) is logged on one line; create --dry-run prints its stdin.
      "apply -f -"*) printf 'kubectl-stdin %s\n' "$(tr '\n' ' ')" >>"$FAKE_LOG" ;;
      *"create secret generic"*) cat ;;
      "apply -f "*) if [ -n "$FAKE_APPLIED" ]; then cp "$last" "$FAKE_APPLIED"; fi ;;
      *"get deployment/"*) printf '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:good1' ;;
      # FAKE_NO_CRDS: the cluster runs no Prometheus Operator (its CRDs are not there).
      "get crd "*) [ -z "$FAKE_NO_CRDS" ] || exit 1 ;;
    esac
    ;;
  docker)
    case "$args" in
      *--password-stdin*) cat >/dev/null ;;
      # A registry holds a tag once it was pushed (FAKE_TAG_EXISTS: a re-run finds it there).
      "manifest inspect "*)
        if [ -n "$FAKE_TAG_EXISTS" ] || grep -qxF "docker push $last" "$FAKE_LOG"; then echo '{}'; else
          echo "no such manifest: $last" >&2; exit 1
        fi
        ;;
      "inspect --format"*RepoDigests*) printf '%s@sha256:%s\n' "$(printf '%s' "$last" | sed 's/:[^:/]*$//')" "$FAKE_DIGEST" ;;
    esac
    ;;
  curl)
    # FAKE_PREDICT_FAILS: the new release answers /ping but fails every prediction.
    case "$args" in *"-X POST"*) [ -z "$FAKE_PREDICT_FAILS" ] || exit 22 ;; esac
    case "$args" in *"-X POST"*)
      if [ -n "$FAKE_PREDICT_FAILS_ONCE" ] && [[ "$args" == *"$FAKE_PREDICT_FAILS_ONCE"* ]] && [ ! -e "$FAKE_LOG.failed" ]; then
        touch "$FAKE_LOG.failed"; exit 22
      fi ;;
    esac
    echo '{"predictions": [1]}'
    ;;
  ssh)
    # What the serving host is sent on stdin (its .env, a release) is logged on one line.
    input="$(cat 2>/dev/null || true)"
    if [ -n "$input" ]; then printf 'ssh-stdin %s\n' "$(printf '%s' "$input" | tr '\n' ' ')" >>"$FAKE_LOG"; fi
    # FAKE_RELEASES: the host's releases file (lines as printf %b reads them), newest last.
    case "$args" in *"tail -n "*releases*)
      n="$(printf '%s' "$args" | sed -n 's/.*tail -n \([0-9]*\) .*/\1/p')"
      if [ -n "$FAKE_RELEASES" ]; then printf '%b\n' "$FAKE_RELEASES" | sed '/^$/d' | tail -n "$n"; fi
      ;;
    esac
    ;;
esac
exit 0
`;

export interface Run {
  status: number | null;
  log: string[];
  stderr: string;
}

export interface Fakes {
  bin: string;
  log: string;
  modelTgz: string;
  bareTgz: string;
  tfTgz: string;
}

let shared: (Omit<Fakes, 'log'> & { root: string }) | undefined;
let logs = 0;

/**
 * The fakes on PATH and the published archives, made once per test file (the scripts only run
 * and copy them), with a fresh, empty call log for each call.
 */
export function fakeBin(): Fakes {
  shared ??= makeFakes();
  const { root, ...fakes } = shared;
  return { ...fakes, log: join(root, `calls-${++logs}.log`) };
}

function makeFakes(): Omit<Fakes, 'log'> & { root: string } {
  const root = tempDir('mlda-fakes-');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  for (const tool of ['aws', 'docker', 'kubectl', 'ssh', 'scp', 'curl']) {
    writeFileSync(join(bin, tool), FAKE);
    chmodSync(join(bin, tool), 0o755);
  }
  // A published model: model.joblib and its input_example.json at the archive root.
  const model = join(root, 'model');
  mkdirSync(model);
  writeFileSync(join(model, 'model.joblib'), 'a model');
  writeFileSync(join(model, 'input_example.json'), '{"instances": [[1, 2, 3, 4, 5, 6]]}');
  const modelTgz = join(root, 'model.tar.gz');
  spawnSync('tar', ['-czf', modelTgz, '-C', model, '.']);
  // The same model published without its example (before publish_model.sh required one).
  rmSync(join(model, 'input_example.json'));
  const bareTgz = join(root, 'model-no-example.tar.gz');
  spawnSync('tar', ['-czf', bareTgz, '-C', model, '.']);
  // A TensorFlow SavedModel, published the same way.
  const saved = join(root, 'tf');
  mkdirSync(join(saved, 'saved_model'), { recursive: true });
  writeFileSync(join(saved, 'saved_model', 'saved_model.pb'), 'a graph');
  writeFileSync(join(saved, 'input_example.json'), '{"instances": [[1, 2, 3, 4]]}');
  const tfTgz = join(root, 'model-tf.tar.gz');
  spawnSync('tar', ['-czf', tfTgz, '-C', saved, '.']);
  return { root, bin, modelTgz, bareTgz, tfTgz };
}

/** Runs `bash <argv>` in dir with the fakes first on PATH; returns the calls they logged. */
export function run(
  dir: string,
  argv: string[],
  env: Record<string, string> = {},
  fakes: Fakes = fakeBin(),
): Run {
  const result = spawnSync('bash', argv, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: `${fakes.bin}:/usr/bin:/bin`,
      HOME: dir,
      FAKE_LOG: fakes.log,
      FAKE_LIVE: 'true',
      FAKE_SERVICE_URL: 'https://burst.example.com',
      IMAGE_TAG: 'abc123',
      AWS_REGION: 'us-east-1',
      MODEL_URI: 's3://artifacts/fraud-scorer/v7/model.tar.gz',
      // Container Insights' log group exists for the cluster the eks tests name.
      FAKE_LOG_GROUP: '/aws/containerinsights/prod-cluster/application',
      FAKE_DIGEST: DIGEST,
      ...env,
      // FAKE_MODEL_TGZ=bare: the published archive lacks input_example.json.
      FAKE_MODEL_TGZ:
        env.FAKE_MODEL_TGZ === 'bare'
          ? fakes.bareTgz
          : env.FAKE_MODEL_TGZ === 'tf'
            ? fakes.tfTgz
            : fakes.modelTgz,
    },
  });
  const log = (existsSync(fakes.log) ? readFileSync(fakes.log, 'utf8') : '').split('\n').filter(Boolean);
  return { status: result.status, log, stderr: result.stderr };
}

/** The digest the registry gives the pushed image (64 hex digits). */
export const DIGEST = 'a1b2c3d4e5f6'.repeat(5) + 'a1b2';
export const index = (log: string[], pattern: RegExp): number => log.findIndex((line) => pattern.test(line));
