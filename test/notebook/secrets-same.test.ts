import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactCode, redactText, shapesIn } from '../../src/notebook/secrets.js';
import { notebookText, realCells, S } from './notebook-text.js';
import * as reference from './secrets-reference.js';

/**
 * The secret scan skips text that cannot hold a shape's literal and runs the private-key shape
 * alone for blocks: it must find and redact exactly what it did before (secrets-reference.ts).
 */

function same(text: string): void {
  for (const where of ['anywhere', 'value'] as const)
    expect(shapesIn(text, where)).toStrictEqual(reference.shapesIn(text, where));
  expect(redactCode(text)).toStrictEqual(reference.redactCode(text));
  expect(redactText(text)).toStrictEqual(reference.redactText(text));
  expect(redactText(text, true)).toStrictEqual(reference.redactText(text, true));
}

describe('the faster secret scan', () => {
  it('gives what it gave before on random notebook text', () => {
    fc.assert(
      fc.property(notebookText, (text) => same(text)),
      { numRuns: 600 },
    );
  });

  it('gives what it gave before at the edges of each literal reach', () => {
    // A header name as long as the pattern allows (four 32-character parts, `authorization` and
    // 4 spaces; not a credential's name, so its value is read on to find `X-Token`), and one
    // character longer; an Azure name with 8 spaces before its `=`; keys cut short.
    const part = 'Ab1'.repeat(10) + 'xy';
    const long = `${part}-${part}-${part}-${part}-authorization    : X-Token: ${S.apiKey}`;
    const texts = [
      `-H "${long}"`,
      `-H "z${long}"`,
      `SharedAccessSignature        =${'aB3/'.repeat(8)}`,
      `x = "${'aB3+'.repeat(21)}aB=="`,
      `x = "${'aB3+'.repeat(21)}aB==="`,
      `k = "abc1Q~${'aB3_'.repeat(8)}"`,
      `-----BEGIN RSA PRIVATE KEY-----\n${S.privateKeyBody}`,
      `x = "AKIA${'Z'.repeat(15)}"`,
      `!curl -u me:${S.password} https://h`,
    ];
    for (const text of texts) same(text);
  });

  it('gives what it gave before on every cell of the real notebooks', () => {
    for (const text of realCells()) same(text);
  });
});
