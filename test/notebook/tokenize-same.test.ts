import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/notebook/python.js';
import { notebookText, realCells } from './notebook-text.js';
import { referenceTokenize } from './tokenize-reference.js';

/**
 * The tokenizer reads character codes instead of running a regex and slicing per token (about
 * twice as fast on real notebook code): it must give exactly the tokens it gave before
 * (tokenize-reference.ts).
 */

describe('the tokenizer', () => {
  it('gives the tokens it gave before on random notebook text', () => {
    fc.assert(
      fc.property(notebookText, (text) => {
        expect(tokenize(text)).toStrictEqual(referenceTokenize(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the tokens it gave before on every cell of the real notebooks, and at the edges', () => {
    const cells = realCells();
    expect(cells.length).toBeGreaterThan(100);
    const edges = [
      '',
      '"',
      '"""',
      "'''x",
      'r"\\',
      "b'\\\n",
      '1e',
      '1e+',
      '.',
      '..',
      '...',
      '.5e-3j',
      'x\\',
      'é"',
    ];
    for (const text of [...cells, ...edges])
      expect(tokenize(text), text).toStrictEqual(referenceTokenize(text));
  });
});
