import { code, notebook } from './builders.js';

/**
 * Cells that would break a Python module if copied whole (broken-code.test.ts and its e2e twin):
 * an unterminated triple-quoted string and an unclosed bracket (cell 1), a NUL byte in an import
 * and in a function (cell 2), a lone CR that would end a comment early (cell 3), then a good
 * function in cell 4 that must survive.
 */
export const BROKEN_NB = notebook([
  code('def f(:\n  import torch\n"""unterminated', 1),
  code("import torch\x00\ndef g():\n    return os.system('\x00')", 2),
  code('def h():\n    return 1\r    x = (', 3),
  code('import json\n\ndef good(x):\n    return json.dumps(x)', 4),
]);
