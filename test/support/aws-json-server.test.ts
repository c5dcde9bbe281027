import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  SageMakerClient,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import {
  AwsJsonError,
  createAwsJsonServer,
  FAKE_CREDENTIALS,
  type AwsJsonServer,
} from './aws-json-server.js';

describe('aws-json-server with the real SageMaker client', () => {
  let server: AwsJsonServer;
  let client: SageMakerClient;

  beforeEach(async () => {
    server = createAwsJsonServer({ targetPrefix: 'SageMaker' });
    const endpoint = await server.start();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    client = new SageMakerClient({
      endpoint,
      region: 'us-east-1',
      credentials: FAKE_CREDENTIALS,
      maxAttempts: 3,
    });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  it('round-trips an operation: target header, content type, JSON input and output', async () => {
    server.handle('DescribeEndpoint', (input) => ({
      EndpointName: input.EndpointName,
      EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${String(input.EndpointName)}`,
      EndpointConfigName: 'cfg-1',
      EndpointStatus: 'InService',
      CreationTime: 1_700_000_000,
      LastModifiedTime: 1_700_000_100,
    }));
    const out = await client.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
    expect(out.EndpointStatus).toBe('InService');
    expect(out.EndpointName).toBe('churn');
    expect(out.CreationTime).toBeInstanceOf(Date);
    expect(server.count('DescribeEndpoint')).toBe(1);
    const [request] = server.requests;
    expect(request?.target).toBe('SageMaker.DescribeEndpoint');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(request?.headers.authorization)).toContain(FAKE_CREDENTIALS.accessKeyId);
    expect(server.inputs('DescribeEndpoint')).toEqual([{ EndpointName: 'churn' }]);
  });

  it('maps errors to modelled SDK exceptions with name and message', async () => {
    server.handle('DescribeEndpoint', () => {
      throw new AwsJsonError('ValidationException', 'Could not find endpoint "nope".');
    });
    const error = await client
      .send(new DescribeEndpointCommand({ EndpointName: 'nope' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SageMakerServiceException);
    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toBe('Could not find endpoint "nope".');
    expect((error as SageMakerServiceException).$metadata.httpStatusCode).toBe(400);
    // Validation errors are not retried.
    expect(server.count('DescribeEndpoint')).toBe(1);
  });

  it('throttling (400 ThrottlingException) is retried by the SDK until it succeeds', async () => {
    let calls = 0;
    server.handle('ListEndpoints', () => {
      calls += 1;
      if (calls < 3) throw new AwsJsonError('ThrottlingException', 'Rate exceeded');
      return { Endpoints: [] };
    });
    const out = await client.send(new ListEndpointsCommand({}));
    expect(out.Endpoints).toEqual([]);
    expect(server.count('ListEndpoints')).toBe(3);
  });

  it('answers unknown operations and wrong prefixes with an error, and logs them', async () => {
    const error = await client.send(new ListEndpointsCommand({})).catch((e: unknown) => e);
    expect((error as Error).name).toBe('UnknownOperationException');
    const other = createAwsJsonServer({ targetPrefix: 'AWSPriceListService' });
    const otherClient = new SageMakerClient({
      endpoint: await other.start(),
      region: 'us-east-1',
      credentials: FAKE_CREDENTIALS,
    });
    try {
      const wrong = await otherClient.send(new ListEndpointsCommand({})).catch((e: unknown) => e);
      expect((wrong as Error).message).toContain('unknown target "SageMaker.ListEndpoints"');
      expect(other.count()).toBe(1);
    } finally {
      otherClient.destroy();
      await other.close();
    }
  });

  it('holds responses for the artificial delay, and an aborted call does not hang the server', async () => {
    server.handle('ListEndpoints', () => ({ Endpoints: [] }));
    server.setDelay((op) => (op === 'ListEndpoints' ? 300 : 0));
    const started = Date.now();
    await client.send(new ListEndpointsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    const controller = new AbortController();
    const pending = client.send(new ListEndpointsCommand({}), { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});
