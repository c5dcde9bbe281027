// The static checks of `npm test` (type-check, lint, format check) at the same time: each is one
// single-threaded process, so on two cores the three take about half as long as one after another.
// Each tool's output is held back and printed whole when it ends, under a line naming it, so the
// outputs never interleave; the command fails when any check fails.
//
// Warm runs are faster: tsc, ESLint and Prettier keep caches under node_modules/.cache (git ignores
// it, so a fresh clone starts cold and checks everything). ESLint and Prettier key their caches on
// file contents, not modification times, and drop them when their configuration changes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const cache = join('node_modules', '.cache', 'ml-deploy-advisor');
const bin = (name) => join('node_modules', '.bin', name);

const CHECKS = [
  {
    name: 'typecheck (tsc)',
    command: bin('tsc'),
    args: ['--noEmit', '--incremental', '--tsBuildInfoFile', join(cache, 'tsc.tsbuildinfo')],
  },
  {
    name: 'lint (eslint)',
    command: bin('eslint'),
    args: ['--cache', '--cache-strategy', 'content', '--cache-location', join(cache, 'eslint'), '.'],
  },
  {
    name: 'format (prettier --check)',
    command: bin('prettier'),
    // Lists every file it checked only when one is badly formatted; silent when all are fine.
    // TypeScript is read with Prettier's babel-ts parser (.prettierrc.json): it formats every file
    // here exactly as the default typescript parser does, and a cold check takes about 12
    // CPU-seconds instead of 15 (tsc, not Prettier, is what checks the syntax).
    quietOnSuccess: true,
    args: [
      '--check',
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      join(cache, 'prettier'),
      '.',
    ],
  },
];

function run({ name, command, args, quietOnSuccess = false }) {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const done = (ok, extra = '') => {
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      process.stdout.write(`check: ${name} ${ok ? 'passed' : 'FAILED'} (${seconds} s)\n`);
      // Warnings of a passing check are shown too.
      if ((!ok || !quietOnSuccess) && (output || extra)) process.stdout.write(`${output}${extra}\n`);
      resolve(ok);
    };
    child.on('error', (error) => done(false, `could not start ${command}: ${error.message}`));
    child.on('close', (code, signal) => done(code === 0, signal ? `killed by ${signal}` : ''));
  });
}

/**
 * `node scripts/check.mjs -- <command...>` also runs <command> (npm test: the unit tests) while the
 * checks run, its output streamed as it comes: the checks are single-threaded and the test
 * runner leaves cores idle while it waits on its slowest files, so side by side the two take less
 * time than one after the other. A check's output still comes in one block when it ends.
 * `-- <first...> -- <second...>` runs the commands one after the other, stopping at the first that
 * fails (npm test: the build, then the tests), all while the checks run: the checks read only the
 * sources, so they need not wait for the build (about 3 s on a fresh clone, most of it on one core).
 */
function runOne(argv) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    child.on('error', (error) => {
      process.stdout.write(`check: could not start ${argv[0]}: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Runs the commands one after the other; the index of the first that fails, or -1. */
async function runAlongside(commands) {
  for (const [i, argv] of commands.entries()) if (!(await runOne(argv))) return i;
  return -1;
}

/** The commands after `--`, each one the words up to the next `--`. */
const commands = [];
for (const word of process.argv.slice(2)) {
  if (word === '--') commands.push([]);
  else if (commands.length > 0) commands.at(-1).push(word);
}
const alongside = commands.filter((argv) => argv.length > 0);
const [checks, failed] = await Promise.all([
  Promise.all(CHECKS.map(run)),
  alongside.length > 0 ? runAlongside(alongside) : Promise.resolve(-1),
]);
const tests = failed === -1;
// One closing line that sums up every part, so the result is not lost among the tests' lines.
const parts = CHECKS.map((check, i) => `${check.name.split(' ')[0]} ${checks[i] ? 'passed' : 'FAILED'}`);
if (alongside.length > 0) parts.push(`tests ${tests ? 'passed' : 'FAILED'}`);
process.stdout.write(`check: ${parts.join(', ')}\n`);
if (checks.includes(false))
  process.stdout.write('check: failed (the output of each failing check is above)\n');
if (!tests) process.stdout.write(`check: ${alongside[failed].join(' ')} failed\n`);
if (checks.includes(false) || !tests) process.exit(1);
