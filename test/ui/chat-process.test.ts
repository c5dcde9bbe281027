import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { startFakePriceList, type FakePriceList } from '../pricing/fake-price-list.js';

/**
 * The built binary as a user runs it: in a real pseudo-terminal (tmux: send-keys to type,
 * capture-pane to read the screen), with piped input, and interrupted.
 */
const ESC = String.fromCharCode(27);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** No CI variables (Ink holds frames back in CI), no AWS credentials, a fresh HOME (no price cache). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'chat-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
  for (const key of Object.keys(env)) {
    if (/^(CI|CONTINUOUS_INTEGRATION|CI_.*|AWS_.*|ML_DEPLOY_ADVISOR_.*)$/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

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
    expect(result.stdout).toMatch(/What if: requestsPerSecond 20 requests\/s → 200 requests\/s/);
    expect(result.stdout).toMatch(/Ranking:\n\s+#\s+option\s+score\s+monthly/);
    expect(result.stdout).toMatch(/Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1/);
  });

  it('exits 2 and points to recommend --answers when the input ends too early', () => {
    const result = spawnSync(process.execPath, [cli, 'chat'], {
      input: 'sklearn\n',
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /ended before requestsPerSecond, latencyP95Ms, monthlyBudgetUsd were answered/,
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

  it('stops reading at /quit and exits 0', () => {
    const result = spawnSync(process.execPath, [cli, 'chat'], {
      input: 'sklearn\n/quit\nwhy not lambda?\n',
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Bye.');
    expect(result.stdout).not.toContain('why not lambda');
  });

  it('names the file and field of a bad --answers file and exits 2 before anything renders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-bad-'));
    const file = join(dir, 'bad.yaml');
    execFileSync('sh', ['-c', `printf 'framework: cobol\\n' > ${file}`]);
    const result = spawnSync(process.execPath, [cli, 'chat', '--answers', file], {
      input: '',
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/framework: "cobol" is not allowed/);
  });

  it('prefills what a notebook shows and does not ask it again', () => {
    const nb = join(root, 'test/fixtures/notebooks/sklearn-online-prediction-minimal.ipynb');
    const result = spawnSync(process.execPath, [cli, 'chat', '--from-notebook', nb], {
      input: ['', '', '20 rps', '', '250ms', '$800', ''].join('\n'),
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
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

// On a developer's machine without tmux these are skipped; CI installs tmux, so there a missing
// tmux fails the run instead of hiding the test.
const hasTmux = spawnSync('tmux', ['-V']).status === 0 || Boolean(process.env.CI);

describe.skipIf(!hasTmux)('chat in a real terminal (tmux)', () => {
  const socket = `mlda-chat-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'chat');
  async function waitForScreen(test: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = screen();
      if (test(s)) return s;
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const waitText = (text: string | RegExp) =>
    waitForScreen((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text));

  it('types a conversation, re-ranks, and leaves on Ctrl+C with 130 and the cursor back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tmux-'));
    const codeFile = join(dir, 'code');
    const env = cleanEnv({ TERM: 'xterm-256color' });
    const unset = Object.keys(process.env)
      .filter((k) => !(k in env))
      .map((k) => `-u ${k}`)
      .join(' ');
    const command = `env ${unset} ${process.execPath} ${cli} chat --pricing snapshot; echo $? > ${codeFile}; sleep 30`;
    tmux('new-session', '-d', '-s', 'chat', '-x', '100', '-y', '45', command);
    try {
      await waitText('What is the model built with?');
      const answers = ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'];
      for (const text of answers) {
        const before = screen();
        if (text) tmux('send-keys', '-t', 'chat', '-l', text);
        tmux('send-keys', '-t', 'chat', 'Enter');
        await waitForScreen((s) => s !== before, `the answer "${text}"`);
      }
      let s = await waitText(/^1\s+\S+\s+\d+\s+\$[\d,]+/m);
      expect(s).toMatch(/Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1\. Monthly costs are modelled/);
      tmux('send-keys', '-t', 'chat', '-l', '/done');
      tmux('send-keys', '-t', 'chat', 'Enter');
      await waitText('That is every question');
      tmux('send-keys', '-t', 'chat', '-l', 'why not lambda?');
      tmux('send-keys', '-t', 'chat', 'Enter');
      s = await waitText(/AWS Lambda ranks #\d with score/);
      tmux('send-keys', '-t', 'chat', '-l', 'what if traffic is 10x');
      tmux('send-keys', '-t', 'chat', 'Enter');
      s = await waitText('What if: requestsPerSecond 20 requests/s → 200 requests/s');
      expect(s).toMatch(/^\d+\s+lambda\s+\d+\s+\$[\d,]+/m);
      tmux('send-keys', '-t', 'chat', 'C-c');
      const start = Date.now();
      while (!existsSync(codeFile) && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
      expect(Date.now() - start).toBeLessThan(5000);
      expect(readFileSync(codeFile, 'utf8').trim()).toBe('130');
      expect(tmux('display', '-p', '-t', 'chat', '#{cursor_flag}').trim()).toBe('1');
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    }
  });
});

describe.skipIf(!hasTmux)('Ctrl+C while live prices are loading', () => {
  it('leaves at once with 130 although the Price List API never answers', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const { port } = hung.address() as AddressInfo;
    const socket = `mlda-chat-live-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'chat-hung-'));
    const codeFile = join(dir, 'code');
    const env = cleanEnv({
      TERM: 'xterm-256color',
      AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    });
    const script = join(dir, 'run.sh');
    writeFileSync(
      script,
      [
        ...Object.entries(env).map(([k, v]) => `export ${k}='${String(v).replace(/'/g, `'\\''`)}'`),
        'unset CI CONTINUOUS_INTEGRATION',
        `'${process.execPath}' '${cli}' chat --pricing live --pricing-endpoint http://127.0.0.1:${port}`,
        `echo $? > '${codeFile}'`,
        'sleep 30',
      ].join('\n'),
    );
    tmux('new-session', '-d', '-s', 'chat', '-x', '100', '-y', '30', `sh ${script}`);
    try {
      const start = Date.now();
      let screen = '';
      while (!screen.includes('Fetching live prices') && Date.now() - start < 20_000) {
        screen = tmux('capture-pane', '-p', '-t', 'chat');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(screen).toContain('Fetching live prices for us-east-1 from the AWS Price List API');
      expect(screen).toContain('What is the model built with?');
      const pressed = Date.now();
      tmux('send-keys', '-t', 'chat', 'C-c');
      while (!existsSync(codeFile) && Date.now() - pressed < 5000)
        await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(codeFile)).toBe(true);
      expect(Date.now() - pressed).toBeLessThan(1500);
      expect(readFileSync(codeFile, 'utf8').trim()).toBe('130');
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      hung.close();
    }
  });
});
