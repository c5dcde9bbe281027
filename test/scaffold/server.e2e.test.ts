import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, PYTHON, removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

/**
 * The generated server fails loudly (Debian's Python runs it): with a working model it answers
 * JSON, CSV and JSON Lines from several worker processes and refuses rows of the wrong width or text
 * where the model takes numbers with a 400, staying healthy; with a model that loads but fails at predict time, /ping is 503 and /invocations a 500 with
 * the cause in the log; with no model it does not start.
 */

const TRAIN = `
import sys, joblib, numpy as np
from sklearn.linear_model import LogisticRegression
rng = np.random.RandomState(0)
x = rng.normal(size=(60, 4)); y = (x[:, 0] > 0).astype(int)
joblib.dump(LogisticRegression().fit(x, y), sys.argv[1] + "/model.joblib")
# Loads fine, fails at predict time (never fitted); published with its example, as required.
joblib.dump(LogisticRegression(), sys.argv[2] + "/model.joblib")
open(sys.argv[2] + "/input_example.json", "w").write('{"instances": [[0.5, -1.25, 3.0, 0.0]]}')
# A model six features wide: one copy with its input_example.json, one without.
x6 = rng.normal(size=(60, 6)); y6 = (x6[:, 5] > 0).astype(int)
for folder in sys.argv[3:5]:
    joblib.dump(LogisticRegression().fit(x6, y6), folder + "/model.joblib")
open(sys.argv[3] + "/input_example.json", "w").write('{"instances": [[1, 2, 3, 4, 5, 6]]}')
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
}

function start(dir: string, modelPath: string, workers: string, port: number): Server {
  let output = '';
  const child = spawn(PYTHON, ['-m', 'app.serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, MODEL_PATH: modelPath, WORKERS: workers },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  return { base: `http://127.0.0.1:${port}`, child, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await closed;
  clearTimeout(timer);
}

/** Waits until the server answers /ping at all (any status); returns that status. */
async function firstPing(server: Server): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      return (await fetch(`${server.base}/ping`)).status;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`no answer from /ping: ${server.output()}`);
}

let dir = '';
let good = '';
let broken = '';
let sixWithExample = '';
let sixBare = '';

beforeAll(async () => {
  const check = spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, sklearn'], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(
      `${PYTHON} lacks fastapi, uvicorn or sklearn: apt-get install python3-fastapi python3-uvicorn python3-sklearn`,
    );
  }
  dir = await generate('sagemaker-realtime', { framework: 'sklearn' });
  good = tempDir('mlda-good-model-');
  broken = tempDir('mlda-broken-model-');
  sixWithExample = tempDir('mlda-six-example-');
  sixBare = tempDir('mlda-six-bare-');
  const train = spawnSync(PYTHON, ['-c', TRAIN, good, broken, sixWithExample, sixBare], { encoding: 'utf8' });
  expect(train.status, train.stderr).toBe(0);
}, 120_000);

describe('the generated server', () => {
  it('with a working model: JSON, CSV and JSON Lines from two workers; bad rows are a 400, /ping stays 200', async () => {
    const server = start(dir, good, '2', await freePort());
    try {
      expect(await firstPing(server)).toBe(200);
      expect(server.output()).toMatch(/"workers": 2/);
      const rows = [
        [0.5, -1.25, 3.0, 0.0],
        [-0.5, 2.0, 0.1, 1.5],
      ];
      const json = await fetch(`${server.base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: rows }),
      });
      expect(json.status).toBe(200);
      const predictions = ((await json.json()) as { predictions: number[] }).predictions;
      expect(predictions).toHaveLength(2);

      const csv = await fetch(`${server.base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: rows.map((r) => r.join(',')).join('\n'),
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await csv.text()).trim().split('\n').map(Number)).toEqual(predictions);

      const lines = await fetch(`${server.base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/jsonlines' },
        body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
      });
      expect(lines.status).toBe(200);
      expect(
        (await lines.text())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as number),
      ).toEqual(predictions);

      const narrow = await fetch(`${server.base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [[1, 2, 3]] }),
      });
      expect(narrow.status).toBe(400);
      expect(await narrow.json()).toMatchObject({ field: 'instances[0]' });

      // Garbage from a client is the client's error, and never takes the model out of service.
      for (let i = 0; i < 4; i++) {
        const garbage = await fetch(`${server.base}/invocations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instances: [['a', 1, 2, 3]] }),
        });
        expect(garbage.status).toBe(400);
        expect(await garbage.json()).toMatchObject({
          field: 'instances[0][0]',
          error: expect.stringMatching(/number/),
        });
        expect((await fetch(`${server.base}/ping`)).status).toBe(200);
      }
    } finally {
      await stop(server.child);
    }
  }, 120_000);

  it('with a model that fails at predict time: /ping 503, /invocations 500, the cause logged', async () => {
    const server = start(dir, broken, '1', await freePort());
    try {
      expect(await firstPing(server)).toBe(503);
      const ping = (await (await fetch(`${server.base}/ping`)).json()) as { error: string };
      expect(ping.error).toMatch(/test prediction failed/);
      const response = await fetch(`${server.base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [[0.5, -1.25, 3.0, 0.0]] }),
      });
      expect(response.status).toBe(500);
      await new Promise((r) => setTimeout(r, 200));
      expect(server.output()).toMatch(/prediction failed/);
      expect(server.output()).toMatch(/NotFittedError|not fitted/);
    } finally {
      await stop(server.child);
    }
  }, 120_000);

  it.each([
    ['with its input_example.json', () => sixWithExample],
    ['without one (a row as wide as the model states)', () => sixBare],
  ])(
    'a working model six features wide, %s: /ping 200, and it predicts',
    async (_, folder) => {
      const server = start(dir, folder(), '1', await freePort());
      try {
        expect(await firstPing(server)).toBe(200);
        const response = await fetch(`${server.base}/invocations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instances: [[1, 2, 3, 4, 5, 6]] }),
        });
        expect(response.status).toBe(200);
      } finally {
        await stop(server.child);
      }
    },
    120_000,
  );

  it('with no model: it does not start, and says where it looked', async () => {
    const empty = tempDir('mlda-no-model-');
    const run = spawnSync(PYTHON, ['-m', 'app.serve', '--port', String(await freePort())], {
      cwd: dir,
      env: { ...process.env, MODEL_PATH: empty },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/no model at .*model\.joblib/);
  }, 120_000);
});
