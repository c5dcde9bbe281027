import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../deploy/helpers.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { cleanEnv, cli } from './chat-env.js';
import { startFakePriceList, type FakePriceList } from '../pricing/fake-price-list.js';

/**
 * The built binary as a user runs it: with piped input, and interrupted. In a real terminal (tmux):
 * chat-process-tmux.e2e.test.ts. What the line mode says and returns for a given input is also
 * checked through main() in this process (`lineChat`), which reads the same stdin stream: no
 * terminal either, the same exit codes, ~100 ms of CPU less per case.
 */
async function lineChat(args: string[], input: string, env: NodeJS.ProcessEnv = cleanEnv(), cwd?: string) {
  const cap = captureIo(env, cwd);
  (cap.io.stdin as PassThrough).end(input);
  const status = await main(args, cap.io);
  return { status, stdout: cap.stdout(), stderr: cap.stderr() };
}
const ESC = String.fromCharCode(27);

const PLAIN = ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'];

describe('chat without a terminal (line mode)', () => {
  it('reads one answer per line and prints the ranking as plain text', () => {
    const input = [...PLAIN, 'why not lambda?', 'what if traffic is 10x', ''].join('\n');
    const result = spawnSync(process.execPath, [cli, 'chat', '--pricing', 'snapshot'], {
      input,
      env: cleanEnv({ FORCE_COLOR: '1' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    expect(result.stderr).not.toContain(ESC);
    expect(result.stdout).toContain('? What is the model built with? sklearn');
    expect(result.stdout).toMatch(/AWS Lambda ranks #\d with score \d+/);
    expect(result.stdout).toMatch(/What if: request rate 20 requests\/s → 200 requests\/s/);
    expect(result.stdout).toMatch(/Ranking:\n\s+#\s+option\s+score\s+monthly/);
    expect(result.stdout).toMatch(/Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1/);
  });

  it('exits 2 and points to recommend --answers when the input ends too early', async () => {
    const result = await lineChat(['chat'], 'sklearn\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /ended before the request rate \(requestsPerSecond\), p95 latency \(latencyP95Ms\), monthly budget \(monthlyBudgetUsd\) were answered/,
    );
    expect(result.stderr).toContain('recommend --answers FILE');
    expect(result.stdout + result.stderr).not.toContain(ESC);
  });

  it('is the line mode in CI even on a terminal-less run, and --answers opens on the ranking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-answers-'));
    const file = join(dir, 'a.json');
    execFileSync('sh', [
      '-c',
      `printf '%s' '{"framework":"xgboost","requestsPerSecond":5,"latencyP95Ms":100,"monthlyBudgetUsd":200}' > ${file}`,
    ]);
    const result = spawnSync(process.execPath, [cli, 'chat', '--answers', file], {
      input: 'cheapest\n',
      env: cleanEnv({ CI: 'true' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Loaded the answers from .*a\.json/);
    expect(result.stdout).toMatch(/Cheapest that works: /);
  });

  it('stops reading at /quit and exits 0', async () => {
    const result = await lineChat(['chat'], 'sklearn\n/quit\nwhy not lambda?\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Bye.');
    expect(result.stdout).not.toContain('why not lambda');
  });
  it('prints nothing after "Bye." once the ranking is up (the lead\'s review)', async () => {
    const result = await lineChat(['chat', '--pricing', 'snapshot'], [...PLAIN, '/quit', ''].join('\n'));
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().endsWith('Bye.')).toBe(true);
  });

  it('names the file and field of a bad --answers file and exits 2 before anything renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-bad-'));
    const file = join(dir, 'bad.yaml');
    execFileSync('sh', ['-c', `printf 'framework: cobol\\n' > ${file}`]);
    const result = await lineChat(['chat', '--answers', file], '');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/framework: "cobol" is not allowed/);
  });

  it('prefills what a notebook shows and does not ask it again', async () => {
    const nb = join(import.meta.dirname, '../fixtures/notebooks/sklearn-online-prediction-minimal.ipynb');
    const result = await lineChat(
      ['chat', '--from-notebook', nb],
      ['', '', '20 rps', '', '250ms', '$800', ''].join('\n'),
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\? What is the model built with\? sklearn \(from the notebook, cell \d+/);
    expect(result.stdout).toMatch(/Ranking:/);
  });

  it('ends quietly when the reader goes away', () => {
    const result = spawnSync(
      'sh',
      [
        '-c',
        `printf 'sklearn\\n\\n\\n20 rps\\n\\n250ms\\n$800\\n' | ${process.execPath} ${cli} chat | head -1`,
      ],
      {
        env: cleanEnv(),
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toBe('? What is the model built with? sklearn\n');
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('leaves with 130 on SIGINT', async () => {
    const child = spawn(process.execPath, [cli, 'chat'], {
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stdin.write('sklearn\n');
    const start = Date.now();
    while (!out.includes('sklearn') && Date.now() - start < 20_000)
      await new Promise((r) => setTimeout(r, 20));
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(130);
  });
});

describe('chat with live prices', () => {
  let fake: FakePriceList;
  beforeAll(async () => {
    fake = await startFakePriceList();
  });
  afterAll(async () => {
    await fake.server.close();
  });

  it('prices with the Price List API when asked, and says so beside the ranking', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'chat', '--pricing', 'live', '--pricing-endpoint', fake.server.url],
      {
        env: cleanEnv({
          AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        }),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdin.end([...PLAIN, ''].join('\n'));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/Prices: live of \d{4}-\d{2}-\d{2}, us-east-1/);
    expect(fake.server.count()).toBeGreaterThan(0);
  });
});

describe('/save round-trips through recommend --answers', () => {
  it('writes YAML and JSON that recommend reads back to the same ranking', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-save-'));
    const sentence =
      'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s';
    const result = spawnSync(process.execPath, [cli, 'chat', '--pricing', 'snapshot'], {
      input: [
        sentence,
        '/done',
        'project name is "ml recs: v2"',
        '/save',
        '/save x.yaml',
        '/save a.json',
        '',
      ].join('\n'),
      env: cleanEnv(),
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Saved the answers to answers.yaml (YAML).');
    expect(result.stdout).toContain('Saved the answers to x.yaml (YAML).');
    expect(result.stdout).toContain('Saved the answers to a.json (JSON).');
    const rankings: { ranking: unknown[] }[] = [];
    for (const file of ['answers.yaml', 'x.yaml', 'a.json']) {
      const run = await lineChat(
        ['recommend', '--answers', file, '--json', '--pricing', 'snapshot'],
        '',
        cleanEnv(),
        dir,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      rankings.push(JSON.parse(run.stdout) as { ranking: unknown[] });
    }
    expect(rankings[1]).toEqual(rankings[0]);
    expect(rankings[2]).toEqual(rankings[0]);
    expect(readFileSync(join(dir, 'x.yaml'), 'utf8')).toContain('projectName: "ml recs: v2"');
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toMatchObject({
      framework: 'pytorch',
      modelSizeMb: 800,
      requestsPerSecond: 30,
      peakRequestsPerSecond: 200,
      latencyP95Ms: 150,
      monthlyBudgetUsd: 2000,
      kubernetes: 'none',
      projectName: 'ml recs: v2',
    });
  });
});
