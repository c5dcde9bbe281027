import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/cli/load-answers.js';
import { answersToSave, runEffect, writeAtomic } from '../../src/chat/effects.js';

const ctx = (cwd: string) => ({ cwd, advisor: null, signal: new AbortController().signal });

describe('/save', () => {
  it('writes a file that `recommend --answers` reads back to the same answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const draft = {
      framework: 'sklearn',
      requestsPerSecond: 20,
      latencyP95Ms: null,
      monthlyBudgetUsd: 800,
      region: 'eu-central-1',
    };
    for (const file of ['a.yaml', 'a.json']) {
      const result = await runEffect({ id: 1, kind: 'save', file, overwrite: false, draft }, ctx(dir));
      expect(result.lines[0]!.text).toBe(
        `Saved the answers to ${file} (${file.endsWith('json') ? 'JSON' : 'YAML'}).`,
      );
      const loaded = await loadAnswersFile(join(dir, file));
      expect(loaded.answers).toMatchObject(draft);
    }
    expect(Object.keys(parse(readFileSync(join(dir, 'a.yaml'), 'utf8')))).toEqual([
      'framework',
      'requestsPerSecond',
      'latencyP95Ms',
      'monthlyBudgetUsd',
      'region',
    ]);
  });

  it('says what a partial file still lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const result = await runEffect(
      { id: 1, kind: 'save', file: 'p.yml', overwrite: false, draft: { framework: 'onnx' } },
      ctx(dir),
    );
    expect(result.lines[1]!.text).toMatch(
      /still lacks the request rate, p95 latency, monthly budget \(requestsPerSecond, latencyP95Ms, monthlyBudgetUsd\)/,
    );
  });

  it('never replaces a file without consent and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const path = join(dir, 'x.yaml');
    writeFileSync(path, 'mine');
    expect(await writeAtomic(path, 'theirs', false)).toBe('exists');
    expect(readFileSync(path, 'utf8')).toBe('mine');
    expect(await writeAtomic(path, 'theirs', true)).toBe('written');
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['x.yaml']);
  });

  it('keeps the answers-file key order and leaves defaults out', () => {
    expect(Object.keys(answersToSave({ projectName: 'p', framework: 'onnx', gpu: 'none' }))).toEqual([
      'framework',
      'gpu',
      'projectName',
    ]);
  });

  it('reports a failure as a line, not a crash', async () => {
    const result = await runEffect(
      { id: 1, kind: 'save', file: 'no/such/folder/a.yaml', overwrite: false, draft: {} },
      ctx(mkdtempSync(join(tmpdir(), 'save-'))),
    );
    expect(result.lines[0]).toMatchObject({
      tone: 'bad',
      text: expect.stringMatching(/ENOENT|no such file/),
    });
  });
});
