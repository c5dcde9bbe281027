import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { runCli } from '../support/run-cli.js';

/**
 * Speed is a feature: the non-interactive commands must not load Ink, React or the AWS SDK.
 * The bundle's metafile says which sources each chunk holds; a resolve hook says which chunks a
 * command loaded.
 */
const HEAVY = [
  /node_modules\/ink\//,
  /node_modules\/react\//,
  /node_modules\/@aws-sdk\//,
  /node_modules\/@smithy\//,
];

function loadedSources(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-trace-'));
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const hook = join(packageRoot(), 'test', 'support', 'trace-loads.mjs');
  const result = runCli(args, { env: { MLDA_TRACE_FILE: trace, NODE_OPTIONS: `--import=${hook}` } });
  expect(result.code, result.stderr).toBe(0);
  const meta = JSON.parse(readFileSync(join(packageRoot(), 'dist', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const chunks = readFileSync(trace, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => relative(packageRoot(), fileURLToPath(url)));
  expect(chunks).toContain('dist/cli.js');
  return chunks.flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
}

describe('what a command loads', () => {
  const answers = join(mkdtempSync(join(tmpdir(), 'mlda-loads-')), 'a.yaml');
  writeFileSync(
    answers,
    'framework: sklearn\nrequestsPerSecond: 3\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 100\n',
  );

  it('recommend loads neither Ink, React nor the AWS SDK', () => {
    const sources = loadedSources(['recommend', '--answers', answers, '--json']);
    expect(sources.some((s) => s.startsWith('src/core/'))).toBe(true);
    for (const heavy of HEAVY) expect(sources.filter((s) => heavy.test(s))).toEqual([]);
  });

  const light: [string, string[]][] = [
    ['knowledge check', ['knowledge', 'check']],
    ['cost', ['cost', 'lambda', '--memory-mb', '512', '--requests', '1000000', '--duration-ms', '100']],
    ['pricing show (snapshot)', ['pricing', 'show', '--pricing', 'snapshot']],
  ];
  for (const [name, args] of light) {
    it(`${name} loads neither`, () => {
      const sources = loadedSources(args);
      for (const heavy of HEAVY) expect(sources.filter((s) => heavy.test(s))).toEqual([]);
    });
  }

  it('sees bundled dependencies in what it loads (so the check above can fail)', () => {
    const sources = loadedSources(['recommend', '--answers', answers]);
    expect(sources.some((s) => /node_modules\/(zod|yaml)\//.test(s))).toBe(true);
  });
});
