import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonLiteral } from '../../src/scaffold/helpers.js';
import { requireTools } from '../support/e2e-tools.js';
import { HOSTILE_NAMES, PYTHON } from './support.js';

requireTools('python');

describe('quoting helpers, read back by Python', () => {
  it('py: Python reads back exactly the value (strings incl. astral and lone surrogates, lists, dicts)', () => {
    const values: unknown[] = [
      ...HOSTILE_NAMES,
      '\u{1F600}x',
      'tab\there',
      '\u00e9\u0000\u007f',
      [1, 'a', null, true],
    ];
    const src = `import json,sys\nvals=[${values.map(pythonLiteral).join(', ')}]\nsys.stdout.write(json.dumps(vals))`;
    const out = execFileSync(PYTHON, ['-c', src], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(values);
    for (const v of values) expect(/^[\x20-\x7e]*$/.test(pythonLiteral(v))).toBe(true);
  });
});
