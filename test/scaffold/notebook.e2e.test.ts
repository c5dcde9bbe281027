import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, requireTools } from '../support/e2e-tools.js';
import { scaffoldFromNotebook } from './from-notebook.js';

requireTools('python');

describe('scaffold --from-notebook, with Python', () => {
  const { out, result } = scaffoldFromNotebook();

  it('seeds app/notebook_code.py with code that compiles', () => {
    expect(result.code, result.stderr).toBe(0);
    execFileSync(DEBIAN_PYTHON, ['-m', 'py_compile', join(out, 'app', 'notebook_code.py')]);
  });
});
