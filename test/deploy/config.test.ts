import { describe, expect, it } from 'vitest';
import { endpointBaseName, parseDeployConfig } from '../../src/deploy/config.js';
import { UserInputError } from '../../src/core/errors.js';
import { asyncConfig, batchConfig, realtimeConfig, serverlessConfig } from './fixtures.js';

function problems(raw: unknown): string[] {
  try {
    parseDeployConfig(raw, 'x/deploy.json');
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return [...(error as UserInputError).details];
  }
  throw new Error('expected a UserInputError');
}

describe('deploy.json schema', () => {
  it('accepts one valid file per option and applies the defaults', () => {
    for (const raw of [realtimeConfig, serverlessConfig, asyncConfig, batchConfig]) {
      expect(parseDeployConfig(raw).option).toBe(raw.option);
    }
    const serverless = parseDeployConfig(serverlessConfig);
    expect(serverless.network).toEqual({ private: false });
    if (serverless.option !== 'sagemaker-serverless') throw new Error('narrowing');
    expect(serverless.deployment.strategy).toBe('canary');
    const batch = parseDeployConfig(batchConfig);
    if (batch.option !== 'sagemaker-batch') throw new Error('narrowing');
    expect(batch.batch.splitType).toBe('Line');
  });

  it('names the file and the field, and says what is allowed', () => {
    expect(problems({ ...realtimeConfig, option: 'lambda' })).toEqual([
      'x/deploy.json: option: "lambda" is not allowed; use one of sagemaker-realtime, sagemaker-serverless, sagemaker-async, sagemaker-batch',
    ]);
    const bad = {
      ...realtimeConfig,
      projectName: 'Churn Model!',
      variants: [{ ...realtimeConfig.variants[0], weight: -1 }, realtimeConfig.variants[1]],
      surprise: true,
    };
    const lines = problems(bad);
    expect(lines).toContainEqual(
      expect.stringMatching(/^x\/deploy\.json: projectName: expected letters, digits and hyphens/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^x\/deploy\.json: variants\[0\]\.weight: .*got -1/));
    expect(lines).toContainEqual('x/deploy.json: surprise: unknown key');
    expect(
      problems({ ...serverlessConfig, serverless: { memorySizeInMB: 1500, maxConcurrency: 5 } }),
    ).toEqual([
      'x/deploy.json: serverless.memorySizeInMB: expected one of 1024, 2048, 3072, 4096, 5120, 6144 (got 1500)',
    ]);
    const { modelDataUrl: _omit, ...noModel } = batchConfig;
    expect(problems(noModel)).toEqual(['x/deploy.json: modelDataUrl: required']);
    expect(problems([])).toEqual([]);
  });

  it('private mode needs subnets and security groups, and is refused for serverless', () => {
    expect(problems({ ...asyncConfig, network: { private: true } })).toEqual([
      'x/deploy.json: network.subnets: required when private is true (1 to 16 subnet ids)',
      'x/deploy.json: network.securityGroupIds: required when private is true (1 to 5 security group ids)',
    ]);
    expect(problems({ ...serverlessConfig, network: realtimeConfig.network })[0]).toMatch(
      /network\.private: serverless endpoints do not support a VPC/,
    );
  });

  it('checks cross-field rules: duplicate variants, provisioned <= max concurrency', () => {
    const dup = { ...realtimeConfig, variants: [realtimeConfig.variants[0], realtimeConfig.variants[0]] };
    expect(problems(dup)).toEqual(['x/deploy.json: variants[1].name: duplicate variant name (got "blue")']);
    expect(
      problems({
        ...serverlessConfig,
        serverless: { memorySizeInMB: 1024, maxConcurrency: 2, provisionedConcurrency: 3 },
      }),
    ).toEqual(['x/deploy.json: serverless.provisionedConcurrency: must be <= maxConcurrency (got 3)']);
  });
});

describe('endpointBaseName', () => {
  it('turns any project text into a valid projectName', () => {
    expect(endpointBaseName('Churn Model (v2)!')).toBe('churn-model-v2');
    expect(endpointBaseName('---')).toBe('ml-model');
    expect(endpointBaseName('a'.repeat(31) + ' b')).toBe('a'.repeat(31));
    for (const text of ['Ünïcødé model', 'x'.repeat(200), '  spaced  out  ', 'données_client-2026']) {
      const name = endpointBaseName(text);
      expect(() => parseDeployConfig({ ...batchConfig, projectName: name })).not.toThrow();
    }
  });
});
