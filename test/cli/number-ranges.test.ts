import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdvisor } from '../../src/chat/advisor.js';
import { parseAnswerFor } from '../../src/chat/parse-answer.js';
import {
  ANSWER_KEYS,
  FIELDS,
  rangeOf,
  type AnswerField,
  type AnswerKey,
} from '../../src/core/answer-fields.js';
import { loadAnswersFile } from '../../src/cli/load-answers.js';
import { runMain } from '../support/run-main.js';

/**
 * Numbers in answers and flags: one range per answer field, in the table of answer fields, held
 * by the answers file (every command) and the chat alike; flags take decimal numbers only, once.
 * Before: latencyP95Ms 1e-300 and requestsPerSecond -0 were accepted, `cost` read `0x10` as 16,
 * a repeated flag silently kept its last value, and Fargate memory went up to 1e12 GB.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const BASE = { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 };

function answersFile(text: string, name = 'a.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-numbers-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const run = (args: string[]) => runMain(args);

const NUMERIC = ANSWER_KEYS.filter((key) =>
  ['count', 'positive'].includes((FIELDS[key] as AnswerField).kind),
);
const UNITS: Partial<Record<AnswerKey, string>> = {
  requestsPerSecond: 'rps',
  peakRequestsPerSecond: 'rps',
  modelSizeMb: 'MB',
  payloadKb: 'KB',
  inferenceMs: 'ms',
  latencyP95Ms: 'ms',
  monthlyBudgetUsd: 'a month',
  inputTokens: 'tokens',
  outputTokens: 'tokens',
};

/** The values each numeric field must refuse: just outside its range, far outside, and -0. */
function refused(key: AnswerKey): number[] {
  const { min, max } = rangeOf(key)!;
  return [max * 10, 1e300, min > 0 ? min / 10 : -1, min > 0 ? 1e-300 : -0];
}

describe('one range per numeric answer field', () => {
  it('every count and positive field has a range in the table of answer fields', () => {
    expect(NUMERIC.length).toBeGreaterThanOrEqual(7);
    for (const key of NUMERIC) {
      const range = rangeOf(key);
      expect(range, key).toBeDefined();
      expect(range!.min).toBeLessThan(range!.max);
    }
  });

  it.each(NUMERIC)('%s: the answers file refuses what is out of range, naming the field', async (key) => {
    for (const value of refused(key)) {
      const text = JSON.stringify({ ...BASE, [key]: value }).replace(/:0([,}])/, (m, end: string) =>
        Object.is(value, -0) ? `:-0${end}` : m,
      );
      await expect(loadAnswersFile(answersFile(text)), `${key} ${String(value)}`).rejects.toMatchObject({
        details: [
          expect.stringMatching(
            new RegExp(`^(line \\d+: )?${key}: .*(too small|too large|-0 is not allowed)`),
          ),
        ],
      });
    }
  });

  it.each(NUMERIC)('%s: the chat refuses the same values, typed or in a draft', (key) => {
    const advisor = createAdvisor();
    for (const value of refused(key)) {
      if (Object.is(value, -0) || value < 0) {
        // A typed "-0" or "-1" never reads as a number in the chat; the draft still refuses it.
      } else {
        const typed = parseAnswerFor(key, `${String(value)} ${UNITS[key]}`);
        expect(typed.ok, `${key} ${String(value)}`).toBe(false);
      }
      expect(() => advisor.parse({ ...BASE, [key]: value }), `${key} ${String(value)}`).toThrow(
        new RegExp(`problem`),
      );
    }
    const { min, max } = rangeOf(key)!;
    for (const value of [min, max]) {
      expect(() => advisor.parse({ ...BASE, [key]: value })).not.toThrow();
      if (value > 0)
        expect(parseAnswerFor(key, `${String(value)} ${UNITS[key]}`).ok, `${key} ${value}`).toBe(true);
    }
  });

  it('recommend exits 2 on latencyP95Ms 1e-300 and requestsPerSecond -0 (YAML), naming each field', async () => {
    const file = answersFile(
      'framework: sklearn\nrequestsPerSecond: -0\nlatencyP95Ms: 1e-300\nmonthlyBudgetUsd: 800\n',
      'a.yaml',
    );
    const r = await run(['recommend', '--answers', file, '--pricing', 'snapshot']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/requestsPerSecond: -0 is not allowed; give 0/);
    expect(r.stderr).toMatch(/latencyP95Ms: 1e-300 is too small; must be >= 1/);
  });
});

describe('numeric flags', () => {
  const lambda = ['cost', 'lambda', '--memory-mb', '512', '--requests', '1000', '--duration-ms', '100'];
  it.each([
    [
      ['cost', 'lambda', '--memory-mb', '512', '--requests', '0x10', '--duration-ms', '100'],
      /--requests: "0x10" is not allowed/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '512', '--requests', '1000', '--duration-ms', '0b11'],
      /--duration-ms: "0b11" is not allowed/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '0o1000', '--requests', '1000', '--duration-ms', '100'],
      /--memory-mb: "0o1000" is not allowed/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '512', '--requests=-0', '--duration-ms', '100'],
      /--requests: "-0" is not allowed/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '512', '--requests', ' 12 ', '--duration-ms', '100'],
      /--requests: " 12 " is not allowed/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '1e12', '--requests', '1000', '--duration-ms', '100'],
      /--memory-mb: "1e12" is not allowed; expected an integer >= 128 and <= 10240/,
    ],
    [
      ['cost', 'ecs-fargate', '--vcpu', '1', '--memory-gb', '1e12'],
      /--memory-gb: "1e12" is not allowed; expected a number >= 0.5 and <= 120/,
    ],
    [['cost', 'ecs-fargate', '--vcpu', '64', '--memory-gb', '8'], /--vcpu: "64" is not allowed/],
    [[...lambda, '--memory-mb', '1024'], /cost: --memory-mb is given more than once; give it once/],
    [[...lambda, '--pricing', 'live', '--pricing', 'snapshot'], /cost: --pricing is given more than once/],
    [[...lambda, '--json', '--json'], /cost: --json is given more than once/],
    [['deploy', '--dir', '.', '--wait-timeout', '1e12'], /--wait-timeout: "1e12" is not allowed/],
  ])('%j exits 2 naming the flag', async (args, message) => {
    // Every case fails while its flags are read, before any price is looked up.
    const r = await run(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('plain decimals still work: 1000, 1e3, +1000, 100.5', async () => {
    for (const requests of ['1000', '1e3', '+1000']) {
      const r = await run([
        'cost',
        'lambda',
        '--memory-mb',
        '512',
        '--requests',
        requests,
        '--duration-ms',
        '100.5',
        '--pricing',
        'snapshot',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
  });
});

describe('numbers in an answers file, as YAML writes them', () => {
  const file = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-yaml-num-'));
    dirs.push(dir);
    const path = join(dir, 'a.yaml');
    writeFileSync(path, yaml);
    return path;
  };
  const base = 'framework: sklearn\nlatencyP95Ms: 250\nmonthlyBudgetUsd: 800\n';

  // Before: 0x10 and 0o17 were read as 16 and 15, while the same values as flags were refused.
  it.each(['0x10', '0o17'])('requestsPerSecond: %s is refused, naming the field', async (value) => {
    const r = await run(['recommend', '--answers', file(`${base}requestsPerSecond: ${value}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`requestsPerSecond: "${value}" is not a number`);
  });

  // Before: "null is not a number", since JSON.stringify writes Infinity and NaN as null.
  it.each([
    ['.inf', 'infinity'],
    ['.nan', 'NaN'],
  ])('requestsPerSecond: %s says %s is not allowed', async (value, word) => {
    const r = await run(['recommend', '--answers', file(`${base}requestsPerSecond: ${value}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`requestsPerSecond: ${word} is not allowed; give a finite number`);
    expect(r.stderr).not.toContain('null');
  });

  it('an unknown key with a control character in it is shown escaped, not stripped', async () => {
    const r = await run([
      'recommend',
      '--answers',
      file(`${base}requestsPerSecond: 20\n"fr\\e[31mamework\\x9b": x\n`),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fr\\x1b[31mamework\\x9b: unknown key');
  });
});
