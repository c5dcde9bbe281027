// The chat's first paint against an unbundled Ink "hello world", both in a pseudo-terminal
// (`script -qfc`): the time from spawning `node` to the first question's text on the terminal.
// Runs are interleaved; the median of each is compared. Target: the bundled chat paints in at most
// 0.75x the time of the hello world (issue 4). Both run with NODE_ENV=production (React's
// production build, as the bundle uses) and without CI variables (Ink holds frames back in CI).
import { spawn } from 'node:child_process';
import { setTimeout, clearTimeout } from 'node:timers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fmt, median, root } from '../bench-lib.mjs';

export const name = 'chat: first paint of the first question vs an unbundled Ink hello world';

const TEXT = 'What is the model built with?';
const RUNS = Number(process.env.FIRST_PAINT_RUNS ?? 15);
const TARGET = 0.75;

function env() {
  const out = { ...process.env, TERM: 'xterm-256color', NODE_ENV: 'production', NO_COLOR: '1' };
  for (const key of Object.keys(out)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete out[key];
  }
  return out;
}

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s) => s.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>]/g, '');

/** Milliseconds from spawn until TEXT is on the pseudo-terminal; the process is then killed. */
export function timeToText(args, text = TEXT, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // A fresh pty has no size; give it 100x30 as a terminal window would (same for both subjects).
    const command = `stty cols 100 rows 30; exec ${args.map(quote).join(' ')}`;
    const child = spawn('script', ['-qfc', command, '/dev/null'], {
      cwd: root,
      env: env(),
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    let seen = '';
    let done = false;
    const finish = (error, ms) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(ms);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `no "${text}" within ${timeoutMs} ms from ${args.join(' ')}: ${stripAnsi(seen).slice(-300)}`,
          ),
        ),
      timeoutMs,
    );
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString('utf8');
      if (stripAnsi(seen).includes(text)) finish(null, Number(process.hrtime.bigint() - start) / 1e6);
    });
    child.on('error', (error) => finish(error));
    child.on('exit', () =>
      setTimeout(
        () => finish(new Error(`${args.join(' ')} exited before "${text}": ${stripAnsi(seen).slice(-300)}`)),
        50,
      ),
    );
  });
}

export async function run() {
  const dir = join(root, '.tmp');
  mkdirSync(dir, { recursive: true });
  const hello = join(dir, 'first-paint-hello.mjs');
  writeFileSync(
    hello,
    [
      "import React from 'react';",
      "import { render, Text } from 'ink';",
      `render(React.createElement(Text, null, ${JSON.stringify(TEXT)}));`,
      'setTimeout(() => {}, 60_000);',
      '',
    ].join('\n'),
  );
  const subjects = [
    ['Ink hello world (unbundled)', ['node', hello]],
    ['chat (dist/cli.js)', ['node', cli, 'chat']],
  ];
  // One warm-up each (disk cache), then interleaved runs.
  for (const [, args] of subjects) await timeToText(args);
  const times = subjects.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < subjects.length; k++) times[k].push(await timeToText(subjects[k][1]));
  }
  const [base, chat] = times.map(median);
  const ratio = chat / base;
  return {
    ok: ratio <= TARGET,
    lines: [
      `${subjects[0][0]}: ${fmt(base)} (median of ${RUNS})`,
      `${subjects[1][0]}: ${fmt(chat)} (median of ${RUNS})`,
      `ratio: ${ratio.toFixed(2)} (target <= ${TARGET}) ${ratio <= TARGET ? 'ok' : 'TOO SLOW'}`,
    ],
  };
}
