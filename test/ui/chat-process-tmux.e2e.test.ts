import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { requireTools } from '../support/e2e-tools.js';
import { cleanEnv, cli } from './chat-env.js';

/**
 * The built binary in a real pseudo-terminal (tmux: send-keys to type, capture-pane to read the
 * screen), typed at and interrupted.
 */
requireTools('tmux');

describe('chat in a real terminal (tmux)', () => {
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

describe('Ctrl+C while live prices are loading', () => {
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
