import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionId } from '../../src/core/options.js';
import { requireTools } from '../support/e2e-tools.js';
import { generate, PYTHON, removeTempDirs, tempDir } from './support.js';

requireTools('python', 'make', 'curl');

afterAll(removeTempDirs);

/**
 * The heart of it: a real model trained with Debian's Python, a generated repository, its server
 * started as the contract says (`python3 -m app.serve --port PORT` with MODEL_PATH), and its
 * predictions compared with the model's own. Then the repository's own test suite.
 */

const INSTANCES = [
  [0.5, -1.25, 3.0, 0.0],
  [-0.5, 2.0, 0.1, 1.5],
  [1.5, 1.5, -2.0, 0.25],
];

/** Python that trains a tiny model into sys.argv[1] and prints its predictions for INSTANCES. */
const TRAIN: Record<string, string> = {
  sklearn: `
import json, sys, joblib, numpy as np
from sklearn.ensemble import RandomForestClassifier
rng = np.random.RandomState(0)
x = rng.normal(size=(200, 4)); y = (x[:, 0] - x[:, 2] > 0).astype(int) + (x[:, 1] > 1).astype(int)
model = RandomForestClassifier(n_estimators=10, random_state=0).fit(x, y)
joblib.dump(model, sys.argv[1] + "/model.joblib")
print(json.dumps(model.predict(np.asarray(json.loads(sys.argv[2]))).tolist()))`,
  xgboost: `
import json, sys, joblib, numpy as np, xgboost
rng = np.random.RandomState(0)
x = rng.normal(size=(200, 4)); y = x[:, 0] * 2.0 - x[:, 3]
model = xgboost.XGBRegressor(n_estimators=8, max_depth=3).fit(x, y)
joblib.dump(model, sys.argv[1] + "/model.joblib")
print(json.dumps(model.predict(np.asarray(json.loads(sys.argv[2]))).tolist()))`,
  pytorch: `
import json, sys, torch
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
scripted = torch.jit.script(net.eval())
scripted.save(sys.argv[1] + "/model.pt")
with torch.no_grad():
    out = torch.jit.load(sys.argv[1] + "/model.pt")(torch.tensor(json.loads(sys.argv[2]), dtype=torch.float32))
print(json.dumps(out.numpy().tolist()))`,
};

function train(framework: string): { modelDir: string; expected: unknown } {
  const modelDir = tempDir('mlda-model-');
  const run = spawnSync(PYTHON, ['-c', TRAIN[framework]!, modelDir, JSON.stringify(INSTANCES)], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  // Published models carry their example (scripts/publish_model.sh requires it).
  writeFileSync(join(modelDir, 'input_example.json'), JSON.stringify({ instances: INSTANCES }));
  return { modelDir, expected: JSON.parse(run.stdout) };
}

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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await closed;
  clearTimeout(timer);
}

async function waitForPing(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${log()}`);
    try {
      const response = await fetch(`${base}/ping`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from /ping within 60 s: ${log()}`);
}

const CASES: { option: OptionId; framework: string }[] = [
  { option: 'sagemaker-realtime', framework: 'sklearn' },
  { option: 'ecs-fargate', framework: 'pytorch' },
  { option: 'eks', framework: 'xgboost' },
];

describe('end to end: a real model behind the generated server', () => {
  it.each(CASES)(
    '$option / $framework: /invocations answers what the model predicts',
    async ({ option, framework }) => {
      const dir = await generate(option, { framework, projectName: `E2E "${framework}" $(nope)` });
      const { modelDir, expected } = train(framework);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let output = '';
      const server = spawn(PYTHON, ['-m', 'app.serve', '--port', String(port), '--host', '127.0.0.1'], {
        cwd: dir,
        // One process: the metrics below are counted by the process that answers /metrics.
        env: { ...process.env, MODEL_PATH: modelDir, WORKERS: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
      server.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
      try {
        await waitForPing(base, server, () => output);
        const response = await fetch(`${base}/invocations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instances: INSTANCES }),
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ predictions: expected });

        const bad = await fetch(`${base}/invocations`, {
          method: 'POST',
          body: '{"instances": [[1, 2], [3]]}',
        });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as { field: string }).field).toBe('instances[1]');

        const metrics = await (await fetch(`${base}/metrics`)).text();
        expect(metrics).toContain('http_requests_total{path="/invocations",status="200"} 1');
        expect(metrics).toContain('model_predictions_total 3');

        // The load test replays a bounded number of requests against that URL only.
        writeFileSync(join(dir, 'payload.json'), JSON.stringify({ instances: INSTANCES }));
        const load = spawnSync(
          PYTHON,
          [
            'scripts/load_test.py',
            '--url',
            `${base}/invocations`,
            '--payload',
            'payload.json',
            '--rps',
            '40',
            '--duration',
            '2',
            '--max-requests',
            '12',
          ],
          { cwd: dir, encoding: 'utf8' },
        );
        expect(load.status, load.stderr).toBe(0);
        const summary = JSON.parse(load.stdout) as { sent: number; ok: number };
        expect(summary).toMatchObject({ sent: 12, ok: 12 });

        // Structured logs: one JSON object per request line.
        const requestLog = output.split('\n').find((line) => line.includes('"path": "/invocations"'));
        expect(requestLog && JSON.parse(requestLog)).toMatchObject({ message: 'request', status: 200 });
      } finally {
        await stop(server);
      }
    },
  );

  it.each(CASES)(
    "$option / $framework: the repository's own test suite passes",
    async ({ option, framework }) => {
      const dir = await generate(option, { framework });
      const run = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/\d+ passed/);
      expect(run.stdout).not.toMatch(/skipped/);
    },
  );

  it('make test-local starts the server on the model, smoke-tests it and stops it', async () => {
    const dir = await generate('on-prem', { framework: 'sklearn' });
    const { modelDir } = train('sklearn');
    const port = await freePort();
    const run = spawnSync(
      'make',
      ['test-local', `PYTHON=${PYTHON}`, `PORT=${port}`, `MODEL_PATH=${modelDir}`],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ok: \{"predictions":/);
    // The server was stopped: the port is free again.
    await expect(freePort()).resolves.toBeGreaterThan(0);
    const again = spawnSync('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${port}/ping`]);
    expect(again.status).not.toBe(0);
  });

  it('lambda: the handler answers an API Gateway event with the model predictions', async () => {
    const dir = await generate('lambda', { framework: 'sklearn' });
    const { modelDir, expected } = train('sklearn');
    writeFileSync(join(dir, 'request.json'), JSON.stringify({ instances: INSTANCES }));
    const run = spawnSync(PYTHON, ['scripts/invoke_handler.py', 'request.json'], {
      cwd: dir,
      env: { ...process.env, MODEL_PATH: modelDir },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ predictions: expected });
  });

  it('sagemaker-batch: app.batch writes one prediction per input line', async () => {
    const dir = await generate('sagemaker-batch', { framework: 'pytorch' });
    const { modelDir, expected } = train('pytorch');
    writeFileSync(join(dir, 'in.jsonl'), INSTANCES.map((row) => JSON.stringify(row)).join('\n') + '\n');
    const run = spawnSync(
      PYTHON,
      ['-m', 'app.batch', '--input', 'in.jsonl', '--output', 'out.jsonl', '--model-path', modelDir],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { prediction: unknown }).prediction)).toEqual(expected);
  });
});
