import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkLeastPrivilege,
  checkRestricted,
  kustomizeBuild,
  parseCfnYaml,
  parseManifests,
  validateCfnTemplate,
  validateCompose,
  validateDockerfile,
  validateGithubWorkflow,
  validateK8sFile,
  validateK8sManifests,
  validateNoSecrets,
  validateRepoInProcess,
} from './index.js';
import { validateSampleRepo } from './sample-repo.js';
import { GOOD_CFN, GOOD_DEPLOYMENT } from './samples.js';

// Each validator gets a good sample (no problems) and bad ones (the problem is named), so a validator
// that silently accepts everything fails here.

describe('kubernetes validator', () => {
  it('accepts valid manifests that meet the restricted profile', () => {
    expect(validateK8sFile(GOOD_DEPLOYMENT)).toEqual([]);
  });

  it('rejects a schema violation (string port), an unknown kind and a bad name', () => {
    const bad = GOOD_DEPLOYMENT.replace('containerPort: 8080', 'containerPort: "http"')
      .replace('kind: Service', 'kind: Servise')
      .replace('name: model\nspec:\n  replicas', 'name: Model_1\nspec:\n  replicas');
    const problems = validateK8sManifests(bad);
    expect(problems.join('\n')).toMatch(/containerPort must be integer/);
    expect(problems.join('\n')).toMatch(/unknown apiVersion\/kind v1 Servise/);
    expect(problems.join('\n')).toMatch(/not a valid DNS name/);
  });

  it('rejects unknown fields at any depth (strict validation)', () => {
    const bad = GOOD_DEPLOYMENT.replace(
      '          ports:',
      '          readinessprobe: {}\n          ports:',
    ).replace('runAsUser: 10001', 'runAsUser: 10001\n        runAsNonroot: true');
    const text = validateK8sManifests(bad).join('\n');
    expect(text).toMatch(/containers\[0\]: unknown field "readinessprobe"/);
    expect(text).toMatch(/securityContext: unknown field "runAsNonroot"/);
  });

  it('flags every restricted-profile gap', () => {
    const { docs } = parseManifests(
      GOOD_DEPLOYMENT.replace('runAsNonRoot: true', 'runAsNonRoot: false')
        .replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true')
        .replace('drop: [ALL]', 'drop: [NET_RAW]')
        .replace('type: RuntimeDefault', 'type: Unconfined')
        .replace('limits: { cpu: "1", memory: 1Gi }', 'limits: { cpu: "1" }'),
    );
    const text = checkRestricted(docs[0]!).join('\n');
    expect(text).toMatch(/runAsNonRoot must be true/);
    expect(text).toMatch(/allowPrivilegeEscalation must be false/);
    expect(text).toMatch(/drop ALL/);
    expect(text).toMatch(/seccompProfile/);
    expect(text).toMatch(/resources.limits.memory is required/);
  });
});

describe('kustomize build', () => {
  const root = mkdtempSync(join(tmpdir(), 'kust-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('applies an overlay patch and fails on a patch that misses', () => {
    mkdirSync(join(root, 'base'));
    mkdirSync(join(root, 'prod'));
    writeFileSync(join(root, 'base/deployment.yaml'), GOOD_DEPLOYMENT);
    writeFileSync(
      join(root, 'base/kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n',
    );
    writeFileSync(
      join(root, 'prod/kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
resources: [../base]
patches:
  - target: { kind: Deployment, name: model }
    patch: |
      - op: replace
        path: /spec/replicas
        value: 5
`,
    );
    const good = kustomizeBuild(join(root, 'prod'));
    expect(good.errors).toEqual([]);
    const dep = good.docs.find((d) => d.kind === 'Deployment') as {
      spec: { replicas: number };
      metadata: { namespace: string };
    };
    expect(dep.spec.replicas).toBe(5);
    expect(dep.metadata.namespace).toBe('prod');

    writeFileSync(
      join(root, 'prod/kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../base, missing.yaml]
patches:
  - target: { kind: Deployment, name: other }
    patch: "[]"
`,
    );
    const bad = kustomizeBuild(join(root, 'prod'));
    expect(bad.errors.join('\n')).toMatch(/missing.yaml does not exist/);
    expect(bad.errors.join('\n')).toMatch(/matches 0 objects/);
  });
});

describe('cloudformation validator', () => {
  it('parses short-form intrinsics into their long form', () => {
    const { value, errors } = parseCfnYaml('a: !Ref X\nb: !GetAtt A.Arn\nc: !Sub ["${x}", {x: !Ref Y}]\n');
    expect(errors).toEqual([]);
    expect(value).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['A', 'Arn'] },
      c: { 'Fn::Sub': ['${x}', { x: { Ref: 'Y' } }] },
    });
  });

  it('accepts a valid template', () => {
    expect(validateCfnTemplate(GOOD_CFN)).toEqual([]);
  });

  it('rejects unknown types, properties, nested properties, bad refs and attributes', () => {
    const bad = GOOD_CFN.replace('AWS::KMS::Key', 'AWS::KMS::Kee')
      .replace('VersioningConfiguration', 'Versioning')
      .replace('SSEAlgorithm: aws:kms', 'SSEAlgoritm: aws:kms')
      .replace('!Ref Env', '!Ref Environment')
      .replace('!GetAtt Bucket.Arn', '!GetAtt Bucket.Nope')
      .replace('[IsProd, prod', '[IsProduction, prod');
    const text = validateCfnTemplate(bad).join('\n');
    expect(text).toMatch(/unknown resource type AWS::KMS::Kee/);
    expect(text).toMatch(/unknown property Versioning\b/);
    expect(text).toMatch(/unknown property SSEAlgoritm/);
    expect(text).toMatch(/missing required property SSEAlgorithm/);
    expect(text).toMatch(/Ref to unknown Environment/);
    expect(text).toMatch(/has no attribute Nope/);
    expect(text).toMatch(/unknown condition IsProduction/);
  });

  it('checks value shapes, required properties and Sub variables', () => {
    const bad = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "\${Missing}-topic"
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: many
      ComparisonOperator: GreaterThanThreshold
`;
    const text = validateCfnTemplate(bad).join('\n');
    expect(text).toMatch(/\$\{Missing\} names nothing/);
    expect(text).toMatch(/EvaluationPeriods: expected a number/);
    const ecs = 'Resources:\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGAT\n';
    expect(validateCfnTemplate(ecs).join('\n')).toMatch(/FARGAT is not one of EC2, FARGATE/);
  });

  it('knows SAM resources only under the transform', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      MemorySize: 1024
      Events:
        Api:
          Type: HttpApi
          Properties: { Path: /invocations, Method: post }
Outputs:
  Role:
    Value: !GetAtt FnRole.Arn
`;
    expect(validateCfnTemplate(sam)).toEqual([]);
    expect(
      validateCfnTemplate(
        sam.replace('Transform: AWS::Serverless-2016-10-31\n', 'AWSTemplateFormatVersion: "2010-09-09"\n'),
      ).join('\n'),
    ).toMatch(/needs Transform/);
    expect(validateCfnTemplate(sam.replace('MemorySize', 'MemorySizeMb')).join('\n')).toMatch(
      /unknown property MemorySizeMb/,
    );
  });
});

describe('least privilege', () => {
  const role = (statement: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
${statement}`;
  it('accepts scoped statements and the unscopable ECR login', () => {
    const ok = role(`              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub "\${Bucket.Arn}/models/*"
              - Effect: Allow
                Action: ecr:GetAuthorizationToken
                Resource: "*"
`);
    expect(checkLeastPrivilege(parseCfnYaml(ok).value)).toEqual([]);
  });
  it('rejects wildcard actions, unscoped resources and NotAction', () => {
    const bad = role(`              - Effect: Allow
                Action: "s3:*"
                Resource: "*"
              - Effect: Allow
                NotAction: iam:*
                Resource: arn:aws:s3:::b
`);
    const text = checkLeastPrivilege(parseCfnYaml(bad).value).join('\n');
    expect(text).toMatch(/wildcard action s3:\*/);
    expect(text).toMatch(/s3:\* on Resource "\*"/);
    expect(text).toMatch(/NotAction/);
  });
});

describe('github workflow validator', () => {
  it('accepts a valid workflow and rejects a broken one', () => {
    const good =
      'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
    expect(validateGithubWorkflow(good)).toEqual([]);
    expect(
      validateGithubWorkflow('name: ci\non: [push]\njobs:\n  test:\n    steps: 3\n').length,
    ).toBeGreaterThan(0);
  });
});

describe('dockerfile rules', () => {
  it('accepts a pinned base and a non-root user', () => {
    expect(
      validateDockerfile('FROM python:3.11.10-slim-bookworm AS build\nRUN true\nFROM build\nUSER 10001\n'),
    ).toEqual([]);
    expect(validateDockerfile(`FROM python@sha256:${'a'.repeat(64)}\nUSER app\n`)).toEqual([]);
  });

  it('rejects latest, untagged and minor-only tags, and root', () => {
    expect(validateDockerfile('FROM python:latest\nUSER app\n').join()).toMatch(/latest/);
    expect(validateDockerfile('FROM python\nUSER app\n').join()).toMatch(/no tag/);
    expect(validateDockerfile('FROM python:3.11-slim\nUSER app\n').join()).toMatch(/not an exact version/);
    expect(validateDockerfile('FROM python:3.11.10-slim\nRUN true\n').join()).toMatch(/no USER/);
    expect(validateDockerfile('FROM python:3.11.10-slim\nUSER root\n').join()).toMatch(/runs as root/);
  });
});

describe('compose validator', () => {
  it('accepts pinned services and rejects unpinned images and dangling references', () => {
    const good = `services:
  model:
    build: .
    ports: ["8080:8080"]
  prometheus:
    image: prom/prometheus:v2.54.1
    depends_on: [model]
    volumes: ["prom-data:/prometheus"]
volumes:
  prom-data: {}
`;
    expect(validateCompose(good)).toEqual([]);
    const text = validateCompose(
      good.replace('v2.54.1', 'latest').replace('[model]', '[modle]').replace('prom-data:/', 'other:/'),
    ).join('\n');
    expect(text).toMatch(/tagged latest/);
    expect(text).toMatch(/unknown service modle/);
    expect(text).toMatch(/volume other is not declared/);
  });
});

describe('secretlint', () => {
  it('passes clean text and catches an AWS secret access key', async () => {
    expect(await validateNoSecrets('a.txt', 'AWS_REGION=us-east-1\n')).toEqual([]);
    // Built at run time so this test file itself holds no secret-shaped literal.
    const leaked = `aws_secret_access_key = ${'Zq3xK9mW2vB7nL4pR8tY'}${'1uE6iO0aS5dF3gH2jK8l'}\n`;
    const token = `token: ${'ghp_'}${'Zq3xK9mW2vB7nL4pR8tY1uE6iO0aS5dF3gH2'}\n`;
    expect((await validateNoSecrets('ci.yml', token)).join()).toMatch(/GitHub Token/);
    expect((await validateNoSecrets('creds.ini', leaked)).join()).toMatch(/secretlint/);
  });
});

describe('validateRepoInProcess', () => {
  it('runs the in-process validators per file and reports their problems', async () => {
    const { report, ran, problems } = await validateSampleRepo(validateRepoInProcess, {
      Dockerfile: 'FROM python:latest\nUSER 10001\n',
    });
    expect(ran('k8s/app.yaml')).toEqual(expect.arrayContaining(['kubernetes', 'secretlint']));
    expect(ran('infra/stack.yaml')).toContain('cloudformation');
    expect(ran('Dockerfile')).toContain('dockerfile');
    expect(problems).toContain('Dockerfile:dockerfile');
    expect(report.ran.map((r) => r.validator)).not.toContain('shellcheck');
    expect(problems).not.toContain('k8s/app.yaml:kubernetes');
    expect(problems).not.toContain('infra/stack.yaml:cloudformation');
  });
});
