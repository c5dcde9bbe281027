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

/**
 * The files of dist/ a command loaded, as modules or as scripts (the fast bundle runs through
 * vm.Script), relative to the package folder.
 */
function loadedChunks(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-trace-'));
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const hooks = ['trace-loads.mjs', 'trace-scripts.mjs']
    .map((hook) => `--import=${join(packageRoot(), 'test', 'support', hook)}`)
    .join(' ');
  const result = runCli(args, { env: { MLDA_TRACE_FILE: trace, NODE_OPTIONS: hooks } });
  expect(result.code, result.stderr).toBe(0);
  const chunks = [
    ...new Set(
      readFileSync(trace, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:'))
        .map((url) => relative(packageRoot(), fileURLToPath(url)))
        // Not the tracing hooks themselves.
        .filter((path) => path.startsWith('dist/')),
    ),
  ];
  expect(chunks).toContain('dist/cli.js');
  return chunks;
}

function loadedSources(args: string[]): string[] {
  const meta = JSON.parse(readFileSync(join(packageRoot(), 'dist', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return loadedChunks(args).flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
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

  it('recommend runs from one bundle, not from the thirty chunks the commands share', () => {
    // Linking a module costs a few milliseconds at start-up; recommend must start within twice
    // the time of an empty Node process (scripts/bench/recommend.mjs). The entry, the bundle and
    // esbuild's shared helpers and the loader: nothing else.
    const chunks = loadedChunks(['recommend', '--answers', answers, '--json']);
    expect(chunks).toContain('dist/chunks/fast.cjs');
    expect(chunks.length, chunks.join('\n')).toBeLessThanOrEqual(5);
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

/** The files a command opened, relative to the package folder (see support/trace-reads.mjs). */
function readFiles(args: string[]): string[] {
  const trace = join(mkdtempSync(join(tmpdir(), 'mlda-reads-')), 'reads.txt');
  writeFileSync(trace, '');
  const hook = join(packageRoot(), 'test', 'support', 'trace-reads.mjs');
  const result = runCli(args, { env: { MLDA_READS_FILE: trace, NODE_OPTIONS: `--import=${hook}` } });
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((path) => relative(packageRoot(), path));
}

describe('what recommend reads of the bundled knowledge', () => {
  const answers = join(packageRoot(), 'examples', 'answers.yaml');
  const entry = (key: string) => `dist/knowledge-cache/${key}.json`;

  it('reads the build cache of its own region only, and none of the report files', () => {
    const read = readFiles(['recommend', '--answers', answers, '--json', '--region', 'eu-west-1']);
    expect(read).toContain(entry('knowledge/prices/eu-west-1.yaml'));
    // us-east-1 holds the assumptions every region shares.
    expect(read).toContain(entry('knowledge/prices/us-east-1.yaml'));
    expect(read).toContain(entry('knowledge/instances.yaml.specs'));
    expect(read).toContain(entry('knowledge/instances.yaml.prices-eu-west-1'));
    const otherRegions = read.filter(
      (p) => /prices[/-]/.test(p) && !/prices[/-](eu-west-1|us-east-1)\b/.test(p),
    );
    expect(otherRegions).toEqual([]);
    // Not the whole catalogue (every region's prices), nor what only `report` uses.
    expect(read).not.toContain(entry('knowledge/instances.yaml'));
    for (const file of ['organisation.yaml', 'rollout.yaml']) {
      expect(read.filter((p) => p.endsWith(file) || p.endsWith(`${file}.json`))).toEqual([]);
    }
  });

  it('reads the us-east-1 cache for a region without a snapshot (the announced fallback)', () => {
    const read = readFiles(['recommend', '--answers', answers, '--json', '--region', 'sa-east-1']);
    expect(read).toContain(entry('knowledge/instances.yaml.prices-us-east-1'));
    expect(read.filter((p) => /prices[/-]/.test(p) && !/us-east-1\b/.test(p))).toEqual([]);
  });
});

describe('what knowledge check reads of the bundled files', () => {
  it("takes the report's phrases from the build cache: no YAML parser is loaded", () => {
    const read = readFiles(['knowledge', 'check']);
    expect(read).toContain('dist/knowledge-cache/templates/report/phrases.yaml.json');
    expect(read.filter((p) => p.includes('node_modules/yaml/'))).toEqual([]);
  });
});
