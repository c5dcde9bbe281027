import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSageMaker, type FakeSageMaker } from './fake-sagemaker.js';
import { asyncConfig } from './fixtures.js';
import { loopbackEnv, scaffoldWith } from './helpers.js';

/**
 * The CLI as a user runs it: a separate process (the bundle that test/global-setup.ts builds, or the
 * sources through tsx when no bundle is there), the real SDK, the fake SageMaker on 127.0.0.1.
 */
const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'cli.js');
const command = existsSync(bundle) ? [bundle] : ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts')];

let fake: FakeSageMaker | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await fake?.server.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

function scaffold(config: unknown): string {
  const s = scaffoldWith(config);
  cleanups.push(s.cleanup);
  return s.dir;
}

describe('deploy as a process', () => {
  it('creates the endpoint through the real SDK; no SDK Node-version warning on stderr', async () => {
    fake = await startFakeSageMaker({ pendingPolls: 3 });
    const { done } = start(
      ['deploy', '--dir', scaffold(asyncConfig), '--poll-interval', '0.01'],
      loopbackEnv(fake.server.url),
    );
    const { code, stdout, stderr } = await done;
    expect(stderr).not.toMatch(/NodeVersionSupportWarning|Warning:/);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^endpoint churn-model created: InService on churn-model-\d{14} \(\d+s\)\n$/);
    expect(stderr).toContain('endpoint churn-model: Creating');
    expect(fake.operations()).toEqual([
      'DescribeEndpoint',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
  });

  it('Ctrl+C aborts the in-flight call and exits 130', async () => {
    fake = await startFakeSageMaker();
    fake.server.setDelay((op) => (op === 'CreateEndpointConfig' ? 20_000 : 0));
    const { child, done } = start(['deploy', '--dir', scaffold(asyncConfig)], loopbackEnv(fake.server.url));
    const deadline = Date.now() + 15_000;
    while (fake.server.count('CreateEndpointConfig') === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fake.server.count('CreateEndpointConfig')).toBe(1);
    const sent = Date.now();
    child.kill('SIGINT');
    const { code, stderr } = await done;
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(stderr).toMatch(
      /error: interrupted; in-flight calls were aborted \(created so far: model churn-model-\d{14}\)/,
    );
    expect(fake.server.count('CreateEndpoint')).toBe(0);
  });

  it('a bad deploy.json exits 2 with the field and no stack trace, before any call', async () => {
    fake = await startFakeSageMaker();
    const { done } = start(
      ['deploy', '--dir', scaffold({ ...asyncConfig, projectName: 'churn_model' })],
      loopbackEnv(fake.server.url),
    );
    const { code, stderr } = await done;
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /deploy\.json: projectName: expected letters, digits and hyphens.*\(got "churn_model"\)/,
    );
    expect(stderr).not.toContain('    at ');
    expect(fake.server.count()).toBe(0);
  });
});
