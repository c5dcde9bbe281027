import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON as PYTHON, requireTools } from '../../support/e2e-tools.js';
import { generate, type Generated } from './generate.js';

/**
 * The generated Lambda handler, called as Lambda would call it: a real API Gateway HTTP API
 * (payload format 2.0) event, a tiny sklearn model trained here with Debian's python3, and the
 * predictions compared with the model's own.
 */

requireTools('python');

const TRAIN = `
import joblib, sys
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
X, y = load_iris(return_X_y=True)
joblib.dump(LogisticRegression(max_iter=500).fit(X, y), sys.argv[1])
`;

/** Builds the event, calls app.handler.handler, prints the response and the model's own answer. */
const INVOKE = `
import base64, json, os, sys
import joblib
sys.path.insert(0, os.getcwd())
from app.handler import handler

rows = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]]
body = json.dumps({"instances": rows})
encode = sys.argv[1] == "base64"
event = {
    "version": "2.0",
    "routeKey": "POST /invocations",
    "rawPath": "/invocations",
    "rawQueryString": "",
    "headers": {"content-type": "application/json", "host": "abc123.execute-api.us-east-1.amazonaws.com"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "abc123",
        "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
        "domainPrefix": "abc123",
        "http": {"method": "POST", "path": "/invocations", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "test"},
        "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "routeKey": "POST /invocations",
        "stage": "$default",
        "time": "26/Nov/2026:21:00:00 +0000",
        "timeEpoch": 1795726800000,
    },
    "body": base64.b64encode(body.encode()).decode() if encode else body,
    "isBase64Encoded": encode,
}
if sys.argv[1] == "bad":
    event["body"] = '{"rows": []}'

class Context:
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    function_name = "test"

response = handler(event, Context())
expected = joblib.load(os.path.join(os.environ["MODEL_PATH"], "model.joblib")).predict(rows).tolist()
print(json.dumps({"response": response, "expected": expected}))
`;

interface Invocation {
  response: { statusCode: number; headers: Record<string, string>; body: string };
  expected: unknown[];
}

describe('lambda handler (sklearn)', () => {
  let repo: Generated;

  beforeAll(async () => {
    repo = await generate('lambda', { framework: 'sklearn' });
    const train = spawnSync(PYTHON, ['-c', TRAIN, join(repo.dir, 'model', 'model.joblib')], {
      encoding: 'utf8',
    });
    expect(train.status, train.stderr).toBe(0);
  });
  afterAll(() => rmSync(dirname(repo.dir), { recursive: true, force: true }));

  const invoke = (mode: 'plain' | 'base64' | 'bad'): Invocation => {
    const run = spawnSync(PYTHON, ['-c', INVOKE, mode], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MODEL_PATH: join(repo.dir, 'model'), HOME: repo.dir },
    });
    expect(run.status, run.stderr).toBe(0);
    const last = run.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as Invocation;
  };

  it("answers an HTTP API v2 event with the model's own predictions", () => {
    const { response, expected } = invoke('plain');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(typeof response.body).toBe('string');
    expect(JSON.parse(response.body)).toEqual({ predictions: expected });
    expect(expected).toHaveLength(3);
  });

  it('decodes a base64-encoded body', () => {
    const { response, expected } = invoke('base64');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ predictions: expected });
  });

  it('answers 400 with the field when the body has no instances', () => {
    const { response } = invoke('bad');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toHaveProperty('error');
  });
});
