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
 * The built chat in a real pseudo-terminal (tmux: send-keys to type, capture-pane to read the
 * screen) on an 80x24 terminal. Without tmux these tests fail, naming the package to install.
 */
requireTools('tmux');

/** A tmux session running the chat; the exit code lands in a file. */
function session(name: string, args: string[] = [], extraEnv: Record<string, string> = {}) {
  const socket = `mlda-${name}-${process.pid}`;
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'chat-tmux-'));
  const codeFile = join(dir, 'code');
  const env = cleanEnv({ TERM: 'xterm-256color', ...extraEnv });
  const script = join(dir, 'run.sh');
  writeFileSync(
    script,
    [
      ...Object.entries(env).map(([k, v]) => `export ${k}='${String(v).replace(/'/g, `'\\''`)}'`),
      'unset CI CONTINUOUS_INTEGRATION',
      `cd '${dir}'`,
      `'${process.execPath}' '${cli}' chat ${args.join(' ')}`,
      `echo $? > '${codeFile}'`,
      'sleep 30',
    ].join('\n'),
  );
  tmux('new-session', '-d', '-s', 'chat', '-x', '80', '-y', '24', `sh ${script}`);
  const screen = () => tmux('capture-pane', '-p', '-t', 'chat');
  const waitText = async (text: string | RegExp, ms = 20_000) => {
    const start = Date.now();
    for (;;) {
      const s = screen();
      const flat = s.replace(/\s+/g, ' ');
      if ([s, flat].some((x) => (typeof text === 'string' ? x.includes(text) : text.test(x)))) return s;
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${String(text)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const type = (text: string) => {
    if (text) tmux('send-keys', '-t', 'chat', '-l', text);
    tmux('send-keys', '-t', 'chat', 'Enter');
  };
  const exitCode = async (ms: number) => {
    const start = Date.now();
    while (!existsSync(codeFile) && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 10));
    return existsSync(codeFile) ? readFileSync(codeFile, 'utf8').trim() : null;
  };
  const close = () => spawnSync('tmux', ['-L', socket, 'kill-server']);
  return { tmux, screen, waitText, type, exitCode, close, dir };
}

describe('chat in a real terminal (tmux, 80x24)', () => {
  it('takes the workload in a sentence, keeps answers in view, and Ctrl+C clears then leaves', async () => {
    const s = session('sentence', ['--pricing', 'snapshot']);
    try {
      await s.waitText('What is the model built with?');
      s.type(
        'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s',
      );
      await s.waitText('Understood: Kubernetes none');
      await s.waitText(/Ranking: 1 \S+ \$\d/);
      s.type('/done');
      await s.waitText('"why the top pick?"');
      s.type('compare the top two');
      const screen = await s.waitText('ranks higher.');
      expect(screen).toMatch(/rank\s+#1\s+#2/);
      s.tmux('send-keys', '-t', 'chat', '-l', 'half typed');
      await s.waitText('› half typed');
      s.tmux('send-keys', '-t', 'chat', 'C-c');
      await s.waitText('Press Ctrl+C again to leave.');
      expect(s.screen()).not.toContain('› half typed');
      expect(await s.exitCode(300)).toBeNull();
      s.tmux('send-keys', '-t', 'chat', 'C-c');
      expect(await s.exitCode(5000)).toBe('130');
      expect(s.tmux('display', '-p', '-t', 'chat', '#{cursor_flag}').trim()).toBe('1');
    } finally {
      s.close();
    }
  });

  it('leaves within a second on two Ctrl+C written in one read', async () => {
    const s = session('twice', ['--pricing', 'snapshot']);
    try {
      await s.waitText('What is the model built with?');
      await new Promise((r) => setTimeout(r, 300));
      const pressed = Date.now();
      s.tmux('send-keys', '-t', 'chat', '-H', '03', '03');
      expect(await s.exitCode(1000)).toBe('130');
      expect(Date.now() - pressed).toBeLessThan(1000);
    } finally {
      s.close();
    }
  });

  it('leaves no duplicate status lines behind when the terminal is resized', async () => {
    const s = session('resize', ['--pricing', 'snapshot']);
    try {
      await s.waitText('What is the model built with?');
      s.type('sklearn, 20 rps, 250 ms, $800 a month');
      await s.waitText(/Ranking: 1 \S+ \$\d/);
      for (const width of ['50', '100', '60']) {
        s.tmux('resize-window', '-t', 'chat', '-x', width);
        await s.waitText('How big is the model artifact?');
        await new Promise((r) => setTimeout(r, 400));
      }
      // The whole history, scrollback included: one ranking line and one question, at 60 columns.
      const all = s.tmux('capture-pane', '-p', '-S', '-500', '-t', 'chat');
      expect(all.split('\n').filter((l) => l.startsWith('Ranking:'))).toHaveLength(1);
      expect(all.split('? How big is the model artifact?')).toHaveLength(2);
      expect(all).toContain('› sklearn, 20 rps, 250 ms, $800 a month');
      s.type('120 MB');
      await s.waitText('? How big is the model artifact? 120 MB');
    } finally {
      s.close();
    }
  });

  it('survives pasted colour codes and xterm Ctrl+Tab', async () => {
    const s = session('paste', ['--pricing', 'snapshot']);
    try {
      await s.waitText('What is the model built with?');
      s.tmux('send-keys', '-t', 'chat', '-H', '1b', '5b', '30', '6d', '1b', '5b', '33', '31', '6d');
      s.tmux('send-keys', '-t', 'chat', '-H', '1b', '5b', '31', '3b', '35', '49');
      s.type('sklearn');
      await s.waitText('? What is the model built with? sklearn');
      expect(await s.exitCode(200)).toBeNull();
    } finally {
      s.close();
    }
  });
});

describe('Ctrl+C while live prices are loading', () => {
  it('leaves at once with 130 although the Price List API never answers', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const { port } = hung.address() as AddressInfo;
    const s = session('live', ['--pricing', 'live', '--pricing-endpoint', `http://127.0.0.1:${port}`], {
      AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    });
    try {
      const screen = await s.waitText('Fetching live prices');
      expect(screen).toContain('What is the model built with?');
      const pressed = Date.now();
      s.tmux('send-keys', '-t', 'chat', '-H', '03', '03');
      expect(await s.exitCode(5000)).toBe('130');
      expect(Date.now() - pressed).toBeLessThan(1500);
    } finally {
      s.close();
      hung.close();
    }
  });
});
