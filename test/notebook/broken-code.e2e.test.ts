import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { analyzeNotebook, notebookCode } from '../../src/notebook/index.js';
import { DEBIAN_PYTHON, requireTools } from '../support/e2e-tools.js';
import { BROKEN_NB } from './broken-cells.js';

requireTools('python');

describe('seed code from broken cells, with Python', () => {
  it('compiles: an unterminated string or a NUL in a cell is commented out, not copied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-broken-'));
    const file = join(dir, 'notebook_code.py');
    writeFileSync(file, notebookCode(analyzeNotebook(BROKEN_NB, 'broken.ipynb')));
    execFileSync(DEBIAN_PYTHON, ['-m', 'py_compile', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  });
});
