import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeText, quotePath, quoteValue, sanitizeLine, sanitizeText } from '../../src/core/sanitize.js';
import { RAW_CONTROL, hostileText } from '../support/hostile-text.js';

describe('sanitizeText', () => {
  it('leaves no raw control, escape sequence, bidi control or lone surrogate (random bytes)', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.constantFrom('strip' as const, 'escape' as const),
        fc.boolean(),
        (text, mode, multiline) => {
          const out = sanitizeText(text, { mode, multiline });
          expect(out).not.toMatch(RAW_CONTROL);
          expect(isSafeText(out)).toBe(true);
          if (!multiline) expect(out).not.toMatch(/[\n\t\r]/);
          // A second pass changes nothing: no sequence is formed by what the first pass removed.
          expect(sanitizeText(out, { mode, multiline })).toBe(out);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps ordinary text, including non-ASCII and emoji, unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        fc.pre(isSafeText(text));
        expect(sanitizeText(text)).toBe(text);
      }),
    );
    expect(sanitizeText('Zürich 東京 🚀\n\tindented')).toBe('Zürich 東京 🚀\n\tindented');
  });

  it('removes whole sequences: colours, clear screen, window title, OSC 52 clipboard, hyperlinks', () => {
    expect(sanitizeText('\x1b[31mred\x1b[0m')).toBe('red');
    expect(sanitizeText('a\x1b[2J\x1b[Hb')).toBe('ab');
    expect(sanitizeText('x\x1b]0;pwned\x07y')).toBe('xy');
    expect(sanitizeText('x\x1b]52;c;ZWNobyBoaQ==\x07y')).toBe('xy');
    expect(sanitizeText('\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(sanitizeText('a\x9b31mb\x9d0;t\x9cc')).toBe('abc');
    expect(sanitizeText('ok\x07\b\x7f\x00!')).toBe('ok!');
    expect(sanitizeText('pay \u202eusd\u202c now')).toBe('pay usd now');
    expect(sanitizeText('a\r\nb\rc')).toBe('a\nbc');
  });

  it('escape mode shows what was there without the terminal acting on it', () => {
    expect(sanitizeText('\x1b[31mred', { mode: 'escape' })).toBe('\\x1b[31mred');
    expect(sanitizeText('a\u202eb', { mode: 'escape' })).toBe('a\\u202eb');
    expect(sanitizeText('a\nb', { mode: 'escape', multiline: false })).toBe('a\\nb');
  });

  it('sanitizeLine joins lines', () => {
    expect(sanitizeLine('a\nb\tc')).toBe('a b c');
  });

  it('is linear: a megabyte of unterminated sequences stays fast', () => {
    const text = '\x1b['.repeat(300_000) + '\x1b]'.repeat(200_000) + 'x'.repeat(300_000);
    const start = performance.now();
    sanitizeText(text);
    sanitizeText(text, { mode: 'escape' });
    // Quadratic work on 1.3 million characters would take minutes; linear takes well under a second.
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('quoteValue', () => {
  it('cuts a long value and says how long it was', () => {
    const out = quoteValue('x'.repeat(50_000_000));
    expect(out.length).toBeLessThan(120);
    expect(out).toContain('50000000 characters');
  });

  it('quotes a short value whole, controls visible', () => {
    expect(quoteValue('ab')).toBe('"ab"');
    expect(quoteValue('a\x1b]52;c;x\x07')).toBe('"a\\x1b]52;c;x\\x07"');
  });

  it('never returns raw controls or more than the limit plus a note (random input)', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 100 }), (text, max) => {
        const out = quoteValue(text, max);
        expect(out).not.toMatch(RAW_CONTROL);
        expect(isSafeText(out)).toBe(true);
        expect(out.length).toBeLessThanOrEqual(max + 40);
      }),
    );
  });
});

describe('8-bit C1 introducers', () => {
  // Before: U+009B started a CSI that ate ": u" (a parameter, an intermediate and a final byte),
  // so the key `fr<ESC>[31mamework<U+009B>:` read "frameworknknown key".
  it('are removed alone: the printable text after them stays', () => {
    expect(sanitizeText('fr\x1b[31mamework\u009b: unknown key')).toBe('framework: unknown key');
    expect(sanitizeText('a\u009d0;title b')).toBe('a0;title b');
    expect(sanitizeText('a\u009bunknown')).toBe('aunknown');
    expect(sanitizeText('a\u009b31mb', { mode: 'escape' })).toBe('a\\x9b31mb');
  });
});

describe('quotePath', () => {
  it('leaves a plain path alone and quotes one with controls, quotes or backslashes', () => {
    expect(quotePath('/tmp/out dir/a.md')).toBe('/tmp/out dir/a.md');
    expect(quotePath('/tmp/d\nir')).toBe('"/tmp/d\\nir"');
    expect(quotePath('a\x1b[2Jb')).toBe('"a\\x1b[2Jb"');
    expect(quotePath('a\\nb')).toBe('"a\\\\nb"');
    expect(quotePath('a"b')).toBe('"a\\"b"');
  });
});
