import { describe, expect, it } from 'vitest';
import { isCompleteCode } from '../../src/notebook/complete-code.js';
import { analyzeNotebook, notebookCode } from '../../src/notebook/index.js';
import { BROKEN_NB } from './broken-cells.js';

/**
 * Seed code from cells that are not complete Python: before, an unterminated `"""` in one cell
 * swallowed the rest of app/notebook_code.py (load_model and predict became string text) and a NUL
 * byte was written raw. broken-code.e2e.test.ts compiles the result with Python.
 */
describe('seed code from broken cells', () => {
  const source = notebookCode(analyzeNotebook(BROKEN_NB, 'broken.ipynb'));

  it('is itself complete: balanced strings and brackets, no control character', () => {
    expect(isCompleteCode(source)).toBe(true);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(source).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('keeps the good function and the entry points as code, the broken ones as comments', () => {
    expect(source).toMatch(/^def good\(x\):$/m);
    expect(source).toMatch(/^def load_model\(model_dir\):$/m);
    expect(source).toMatch(/^def predict\(model, instances\):$/m);
    expect(source).toMatch(/^try:\n {4}import json$/m);
    for (const name of ['f', 'g', 'h']) {
      expect(source).not.toMatch(new RegExp(`^def ${name}\\(`, 'm'));
      expect(source).toContain(`defines \`${name}\`, but it is not complete Python`);
    }
    expect(source).toContain("# def g():\n#     return os.system('\\x00')");
    expect(source).not.toMatch(/^ {4}import torch/m);
  });
});

describe('isCompleteCode', () => {
  it.each([
    ['x = 1', true],
    ['s = """a\n"b"\n"""', true],
    ["s = 'a\\\\'", true],
    ['f(a, [b, {c: d}])', true],
    ['"""open', false],
    ["s = 'a\\'", false],
    ['f(a, [b)]', false],
    ['x = (1,', false],
    ['x = 1 + \\', false],
    ['x = 1\x00', false],
    ['x = 1\r', false],
  ])('%j -> %s', (text, complete) => {
    expect(isCompleteCode(text)).toBe(complete);
  });
});
