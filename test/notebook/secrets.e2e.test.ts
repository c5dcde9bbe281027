import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeNotebook, notebookCode } from '../../src/notebook/index.js';
import { DEBIAN_PYTHON, requireTools } from '../support/e2e-tools.js';
import { NB } from './leaky-notebook.js';

requireTools('python');

describe('credentials in a notebook, with Python', () => {
  it('the seed code that reads them from the environment still compiles', () => {
    const source = notebookCode(analyzeNotebook(NB, 'leaky.ipynb'));
    expect(source).toContain('password = os.environ.get("PASSWORD", "")');
    const dir = mkdtempSync(join(tmpdir(), 'nb-code-'));
    writeFileSync(join(dir, 'notebook_code.py'), source);
    execFileSync(DEBIAN_PYTHON, ['-m', 'py_compile', join(dir, 'notebook_code.py')]);
  });
});
