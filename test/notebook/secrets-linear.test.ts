import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeNotebook } from '../../src/notebook/index.js';
import { redactCode, redactText, shapesIn, type ShapeMatch } from '../../src/notebook/secrets.js';
import { code, notebook } from './builders.js';

/**
 * The secret scan is linear in its input. A 1 MB URL of `a://b:c@` credentials took about 14 s:
 * each of its 100,000 matches was checked for overlap against every match kept before it.
 */

const MB = 1_000_000;
const cpuMs = (run: () => unknown): number => {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

/** Pieces of URLs and headers, each close to a secret's shape: many matches, many near misses. */
const PIECES = [
  'a://b:c@',
  'https://',
  'u:pw@',
  '?sig=AAAAAAAAAAAAAAAAAAAAAAAA',
  '&',
  '/',
  ':',
  '@',
  '.',
  'Bearer ',
  'abcdefghijklmnop',
  'AKIAZ3MXQ7PLR2VN8KTD',
  'AccountKey=',
  '%2F',
  'x',
  ' ',
];
const urlish = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 64 });

/** The overlap rule as it was, all pairs: the reference the linear version must agree with. */
function allPairs(matches: ShapeMatch[]): boolean {
  for (let i = 0; i < matches.length; i++)
    for (let j = i + 1; j < matches.length; j++)
      if (matches[i]!.start < matches[j]!.end && matches[j]!.start < matches[i]!.end) return false;
  return true;
}

describe('the secret scan is linear', () => {
  it('a 1 MB URL of credentials is redacted in well under 1 s of CPU (took 14 s)', () => {
    const url = 'https://h/x?q=' + 'a://b:c@'.repeat(MB / 8);
    let result: ReturnType<typeof redactText> | undefined;
    expect(cpuMs(() => (result = redactText(url)))).toBeLessThan(1000);
    expect(result!.hits.length).toBeGreaterThan(100_000);
    expect(result!.text).not.toMatch(/:c@/);
  });

  // The budget is 4 s of CPU, not 1: a shape like 'a://b:c@' repeated is a credential every 8
  // characters (131,072 redactions a MB), about 2 s for a whole notebook on a 2-core CI machine.
  // A quadratic scan of 1 MB takes minutes, so the bound still tells linear from not.
  it('1 MB of random URL-ish text: under 4 s of CPU for text, code and a whole notebook', () => {
    fc.assert(
      fc.property(urlish, (pieces) => {
        const unit = pieces.join('');
        const text = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
        expect(cpuMs(() => redactText(text))).toBeLessThan(4000);
        expect(cpuMs(() => redactCode(`!curl "${text}"`))).toBeLessThan(4000);
        expect(
          cpuMs(() => analyzeNotebook(notebook([code(`url = "${text}"`, 1)]), 'long.ipynb')),
        ).toBeLessThan(4000);
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  it('keeps no two overlapping matches, sorted by start, on random short text', () => {
    fc.assert(
      fc.property(urlish, fc.constantFrom('anywhere' as const, 'value' as const), (pieces, where) => {
        const found = shapesIn(pieces.join(''), where);
        expect(allPairs(found)).toBe(true);
        expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
