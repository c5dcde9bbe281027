import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { analyzeNotebook, loadNotebookAnswers, readNotebookFile } from '../../src/notebook/index.js';
import { code, notebook } from './builders.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notebooks');

/** The UserInputError (exit 2 in the CLI) thrown for a file, or fails. */
async function rejection(path: string): Promise<UserInputError> {
  try {
    await loadNotebookAnswers(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return error as UserInputError;
  }
  throw new Error(`expected ${path} to be refused`);
}

function thrown(text: string, name = 'nb.ipynb'): UserInputError {
  try {
    analyzeNotebook(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return error as UserInputError;
  }
  throw new Error('expected a UserInputError');
}

describe('malformed notebooks are user errors that say what is wrong', () => {
  it('truncated JSON', async () => {
    const error = await rejection(join(FIXTURES, 'hostile-truncated.ipynb'));
    expect(error.message).toMatch(/^--from-notebook .*hostile-truncated\.ipynb: /);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).toMatch(/truncated/);
  });

  it('nbformat 3, with the conversion command', async () => {
    const error = await rejection(join(FIXTURES, 'hostile-nbformat3.ipynb'));
    expect(error.message).toMatch(/notebook format 3 is not supported; only nbformat 4/);
    expect(error.message).toContain('jupyter nbconvert --to notebook --nbformat 4');
  });

  it('a binary file', async () => {
    const error = await rejection(join(FIXTURES, 'hostile-binary.ipynb'));
    expect(error.message).toMatch(/binary file, not a Jupyter notebook/);
  });

  it('JSON that is not a notebook names the keys it found', async () => {
    const error = await rejection(join(FIXTURES, 'hostile-not-a-notebook.json'));
    expect(error.message).toMatch(/JSON but not a Jupyter notebook/);
    expect(error.message).toContain('"name", "version", "dependencies"');
  });

  it('an R kernel', async () => {
    const error = await rejection(join(FIXTURES, 'hostile-r-kernel.ipynb'));
    expect(error.message).toMatch(/kernel language is r \(kernel "ir"\); only Python notebooks/);
  });

  it('an empty file, a JSON list, an unknown nbformat, bad cells', () => {
    expect(thrown('  \n').message).toMatch(/file is empty/);
    expect(thrown('[1, 2]').message).toMatch(/got a list/);
    expect(thrown(JSON.stringify({ nbformat: 5, cells: [] })).message).toMatch(
      /"nbformat" is 5; only .* format 4/,
    );
    expect(thrown(JSON.stringify({ nbformat: 4, cells: {} })).message).toMatch(/"cells" must be a list/);
    expect(
      thrown(JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: 42 }] })).message,
    ).toMatch(/cell 1 "source" must be a string or a list of strings/);
    expect(
      thrown(JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'heading', source: '' }] })).message,
    ).toMatch(/cell 1 has "cell_type" "heading"; allowed: code, markdown, raw/);
    expect(
      thrown(
        JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: '', execution_count: 'x' }] }),
      ).message,
    ).toMatch(/cell 1 has "execution_count" "x"; expected an integer or null/);
  });

  it('never echoes file content in a JSON error (it may hold a secret)', () => {
    const secretish = 'ghp_' + 'x'.repeat(10) + 'Q'.repeat(30);
    const error = thrown(`{"cells": [{"source": "${secretish}" oops}]}`);
    expect(error.message).not.toContain(secretish);
    expect(error.message).not.toContain('oops');
    const badCount = thrown(
      JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: '', execution_count: secretish }] }),
    );
    expect(badCount.message).toMatch(
      /cell 1 has "execution_count" "<redacted>"; expected an integer or null/,
    );
    const badKey = thrown(JSON.stringify({ [secretish]: 1 }));
    expect(badKey.message).not.toContain(secretish);
  });

  it('accepts a byte-order mark and "python3" / "Python" as the kernel language', () => {
    const nb = (language: string) =>
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { language, name: 'x' } },
        cells: [],
      });
    expect(analyzeNotebook(`\uFEFF${nb('python')}`, 'bom.ipynb').kernel.language).toBe('python');
    expect(analyzeNotebook(nb('python3'), 'a.ipynb').kernel.language).toBe('python');
    expect(analyzeNotebook(nb('Python'), 'b.ipynb').kernel.language).toBe('python');
    expect(thrown(nb('julia')).message).toMatch(/kernel language is julia/);
  });

  it('a missing file, a directory and a file over the size cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-'));
    expect((await rejection(join(dir, 'nope.ipynb'))).message).toMatch(/no such file/);
    expect((await rejection(dir)).message).toMatch(/is a directory/);
    const big = join(dir, 'big.ipynb');
    writeFileSync(big, notebook([code('x = 1')]));
    await expect(readNotebookFile(big, 100)).rejects.toThrow(
      /big\.ipynb: \d+ bytes is over the 100 bytes limit; clear the outputs/,
    );
    await expect(readNotebookFile(big)).resolves.toBe(readFileSync(big, 'utf8'));
  });
});
