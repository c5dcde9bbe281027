import { describe, expect, it } from 'vitest';
import { analyzeNotebook } from '../../src/notebook/index.js';
import { redactCode, redactText } from '../../src/notebook/secrets.js';
import { code, notebook } from './builders.js';

// A multi-megabyte token overflowed the regex engine's stack ("Maximum call stack size exceeded")
// in the secret scanner; every pattern is now bounded, so a scan is linear and cannot throw.

const BIG = 'A'.repeat(6_000_000);
const KEY = 'AKIAZ3MXQ7PLR2VN8KTD';

describe('the secret scanner on very long input', () => {
  it('analyses a cell with a 6,000,000-character token in seconds, without throwing', () => {
    const started = Date.now();
    const a = analyzeNotebook(notebook([code(`x="${BIG}"`, 1)]), 'long.ipynb');
    expect(a.cells[0]!.type).toBe('code');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['a long literal', `x="${BIG}"`],
    ['a long f-string', `x=f"${BIG}"`],
    ['a long prefixed token', `x="hf_${BIG}"`],
    ['a long URL', `!curl https://${'a.'.repeat(3_000_000)}`],
    ['an unterminated private key', `k="""-----BEGIN RSA PRIVATE KEY-----\n${BIG}`],
    ['a long bearer token', `!curl -H "Authorization: Bearer 1${BIG}"`],
  ])('does not throw on %s', (_what, source) => {
    expect(() => redactCode(source)).not.toThrow();
    expect(() => redactText(source)).not.toThrow();
  });

  it('redacts a shell line with a credential every 8 characters for 1 MB, without throwing', () => {
    // 131,072 hits: gathering them with a spread overflowed the stack.
    const urls = 'a://b:c@'.repeat(131_072);
    const result = redactCode(`!curl "${urls}"`);
    expect(result.hits.length).toBeGreaterThan(100_000);
    expect(result.text).not.toMatch(/:c@/);
  });

  it('still redacts a secret after 5 MB of padding', () => {
    const padding = 'A'.repeat(5_000_000);
    const inCode = redactCode(`x="${padding}"\nkey = "${KEY}"`);
    expect(inCode.text).not.toContain(KEY);
    expect(inCode.hits.map((h) => h.kind)).toContain('aws-access-key');
    const sameLine = redactText(`${padding} ${KEY} password=hunter2x`);
    expect(sameLine.text).not.toContain(KEY);
    expect(sameLine.text).not.toContain('hunter2x');
    const block = redactText(
      `${padding}\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${'x'.repeat(100)}`,
    );
    expect(block.text).not.toContain('MIIEpAIBAAKCAQEA');
  });
});
