import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH, yamlDepth } from '../../src/knowledge/yaml-depth.js';
import { knowledgeDir } from '../../src/paths.js';
import { runMain } from '../support/run-main.js';
import { copyKnowledge } from '../support/knowledge-copy.js';

/**
 * Deeply nested YAML: a 1 MB answers file of nested brackets took 34 s of parser recursion before
 * its exit 2, and a deep run of `- - -` crashed the parser (exit 1). Both must now be refused by
 * the linear depth scan in well under a second of CPU, naming the file and the limit.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const BASE = 'framework: sklearn\nrequestsPerSecond: 20\nlatencyP95Ms: 250\nmonthlyBudgetUsd: 800\n';

/** About `bytes` of text: `one` repeated under fresh keys. */
function fill(one: (i: number) => string, bytes: number): string {
  let text = BASE;
  for (let i = 0; text.length < bytes; i++) text += one(i);
  return text;
}

const deep = 1000;
const SHAPES: Record<string, string> = {
  'flow sequences': fill((i) => `k${i}: ${'['.repeat(deep)}${']'.repeat(deep)}\n`, 1_000_000),
  'flow mappings': fill((i) => `k${i}: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`, 1_000_000),
  'compact block sequences': fill((i) => `k${i}:\n  ${'- '.repeat(3000)}x\n`, 1_000_000),
  'block indentation': fill(
    (i) => `k${i}:\n${Array.from({ length: 300 }, (_, d) => `${' '.repeat(d + 1)}a${d}:`).join('\n')} 1\n`,
    1_000_000,
  ),
  'brackets split over lines': BASE + 'k: ' + '[\n'.repeat(250_000) + ']\n'.repeat(250_000),
};

const timedRun = (args: string[]) => runMain(args);

function write(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-deep-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('deeply nested answers files', () => {
  it.each(Object.keys(SHAPES))(
    '1 MB of %s: exit 2 in well under 1 s of CPU, naming the file and the limit',
    async (shape) => {
      const text = SHAPES[shape]!;
      expect(text.length).toBeGreaterThan(900_000);
      const file = write('deep.yaml', text);
      const r = await timedRun(['recommend', '--answers', file, '--pricing', 'snapshot']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `deep\\.yaml:\\d+: nested more than ${MAX_YAML_DEPTH} levels deep; at most ${MAX_YAML_DEPTH} levels`,
        ),
      );
      expect(r.cpuMs).toBeLessThan(500);
    },
  );

  it('a deep JSON answers file is refused the same way', async () => {
    const file = write('deep.json', `{"framework": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const r = await timedRun(['recommend', '--answers', file]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/deep\.json:1: nested more than/);
    expect(r.cpuMs).toBeLessThan(500);
  });
});

describe('deeply nested knowledge files', () => {
  it('knowledge check on a deep rules.yaml: exit 2 at once, naming the file', async () => {
    const dir = copyKnowledge();
    dirs.push(dir);
    writeFileSync(join(dir, 'rules.yaml'), 'rules:\n  - ' + '- '.repeat(200_000) + 'x\n');
    const r = await timedRun(['knowledge', 'check', '--dir', dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/rules\.yaml:2: nested more than 32 levels deep/);
    expect(r.cpuMs).toBeLessThan(500);
  });
});

describe('the depth scan', () => {
  it('passes every bundled knowledge file with room to spare', () => {
    const files = readdirSync(knowledgeDir(), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.yaml'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const found = yamlDepth(readFileSync(join(knowledgeDir(), file), 'utf8'));
      expect(found.depth, file).toBeLessThanOrEqual(12);
    }
  });

  it('does not count brackets inside quoted scalars, comments, block scalars or plain words', () => {
    const text = [
      'a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["',
      "b: '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'",
      'c: x[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'd: |',
      '  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      '          - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x',
      'e: [1, [2, {f: 3}]]',
    ].join('\n');
    // The document, the flow sequence, the one inside it and its mapping.
    expect(yamlDepth(text)).toEqual({ depth: 4, line: 8 });
  });

  it('is linear: 1 MB of nesting scanned in milliseconds', () => {
    const text = '['.repeat(500_000) + ']'.repeat(500_000);
    const before = process.cpuUsage();
    expect(yamlDepth(text).depth).toBe(MAX_YAML_DEPTH + 1);
    expect(yamlDepth(text, Infinity).depth).toBe(500_001); // the document plus every bracket
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(300);
  });
});
