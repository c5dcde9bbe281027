import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_KEYS } from '../../src/core/answer-fields.js';

/**
 * The README's answers file names every answer field (src/core/answer-fields.ts is the one
 * table): prompt/answer lengths and own servers were accepted and moved results a lot, unlisted.
 */
describe("the README's answers file", () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const block = /### The answers file\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it.each(ANSWER_KEYS)('names %s', (key) => {
    expect(block).toMatch(new RegExp(`\\b${key}\\b`));
  });
});
