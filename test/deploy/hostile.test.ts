import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { loadDeployConfig } from '../../src/deploy/load.js';
import { createSdkApi } from '../../src/deploy/sdk.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';

/** A SageMaker endpoint that accepts the connection and never answers; a deploy.json that never ends. */

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function silentServer(): Promise<string> {
  server = createServer((socket) => {
    sockets.push(socket); // read the request, answer nothing, ever
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('the SageMaker client has a request timeout (deploy hung forever)', () => {
  it('a request to an endpoint that never answers fails within its timeout', async () => {
    const endpoint = await silentServer();
    const api = await createSdkApi({
      region: 'us-east-1',
      endpoint,
      credentials: FAKE_CREDENTIALS,
      maxAttempts: 1,
      requestTimeoutMs: 500,
    });
    const started = Date.now();
    try {
      await expect(api.call('DescribeEndpoint', { EndpointName: 'x' })).rejects.toThrow(
        /timed? ?out|timeout/i,
      );
    } finally {
      api.close();
    }
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);
});

describe('deploy.json is read bounded', () => {
  it('a deploy.json linked to /dev/zero is refused at once (it ate 9 GB)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-deploy-hostile-'));
    mkdirSync(join(dir, 'infra', 'sagemaker'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'infra', 'sagemaker', 'deploy.json'));
    const started = Date.now();
    expect(() => loadDeployConfig(dir, dir)).toThrow(UserInputError);
    expect(() => loadDeployConfig(dir, dir)).toThrow(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
