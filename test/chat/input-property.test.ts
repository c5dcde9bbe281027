import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdvisor } from '../../src/chat/advisor.js';
import { initialState, reduce, type State } from '../../src/chat/conversation.js';
import { entryText } from '../../src/chat/line-mode.js';
import { createKeySplitter } from '../../src/chat/input-keys.js';
import { safeLine } from '../../src/chat/safe-text.js';

/**
 * Any bytes a terminal or a paste can deliver: text, escape sequences (colour codes, xterm's
 * Ctrl+Tab, OSC titles and clipboard writes, cut-off sequences), C0 and C1 controls, bidi
 * overrides. Nothing may throw, and no control character may come out.
 */
const ESC = '\u001B';
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    `${ESC}[0m`,
    `${ESC}[31m`,
    `${ESC}[1;5I`,
    `${ESC}[A`,
    `${ESC}[3~`,
    `${ESC}[200~`,
    `${ESC}]0;title\u0007`,
    `${ESC}]52;c;SGVsbG8=${ESC}\\`,
    `${ESC}P1$r${ESC}\\`,
    `${ESC}c`,
    `${ESC}`,
    `${ESC}[`,
    `${ESC}[1;`,
    '\u009b31m',
    '\u0003',
    '\u0007',
    '\u0008',
    '\u007f',
    '\r',
    '\n',
    '\t',
    '\u202e',
    '\u0000',
  ),
  fc.integer({ min: 0, max: 0x24f }).map((c) => String.fromCharCode(c)),
);
const bytes = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));

const KEYS = new Set([
  `${ESC}`,
  `${ESC}[A`,
  `${ESC}[B`,
  `${ESC}[C`,
  `${ESC}[D`,
  `${ESC}[H`,
  `${ESC}[F`,
  `${ESC}[3~`,
  `${ESC}[5~`,
  `${ESC}[6~`,
  '\u0003',
  '\t',
  '\r',
  '\u0015',
  '\u0017',
  '\u007f',
]);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('input handling on any byte string', () => {
  it('splits raw input into known keys and text runs with no control characters', () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 4 }), (chunks) => {
        const splitter = createKeySplitter();
        for (const chunk of chunks) {
          for (const event of splitter.push(chunk)) {
            expect(event.length).toBeGreaterThan(0);
            if (!KEYS.has(event)) expect(event).not.toMatch(CONTROL);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('makes any text safe for a terminal line', () => {
    fc.assert(
      fc.property(bytes, (text) => {
        expect(safeLine(text)).not.toMatch(CONTROL);
      }),
      { numRuns: 500 },
    );
  });

  it('the conversation never throws on it and never echoes a control character', () => {
    const advisor = createAdvisor();
    const ready = reduce(initialState(), { type: 'ready', advisor });
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 5 }), (lines) => {
        let s: State = ready;
        for (const line of lines) s = reduce(s, { type: 'submit', text: line });
        for (const entry of s.transcript) {
          for (const text of entryText(entry)) expect(text).not.toMatch(CONTROL);
        }
        for (const entry of s.transcript) {
          if (entry.kind === 'user') expect(entry.text).not.toMatch(CONTROL);
        }
      }),
      { numRuns: 150 },
    );
  });
});
