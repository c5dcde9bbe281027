import type { Token, TokenType } from '../../src/notebook/python.js';

/**
 * The tokenizer as it was before it read the source by character codes (src/notebook/python.ts):
 * regexes and slices per token. Kept as the reference the faster one must agree with, token for
 * token (test/notebook/tokenize.test.ts).
 */

const NAME = /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*/y;
const NUMBER = /(?:[0-9]|\.[0-9])(?:[eE][+-]|[0-9A-Za-z_.])*/y;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const THREE_CHAR_OPS = ['**=', '//=', '>>=', '<<=', '...'];
const TWO_CHAR_OPS = [
  '==',
  '!=',
  '<=',
  '>=',
  '->',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
];

/** Tokenizes Python source. Unterminated strings run to the end of the source (or line). */
export function referenceTokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  const n = source.length;
  const push = (type: TokenType, start: number, end: number, value?: string) => {
    const text = source.slice(start, end);
    const token: Token = { type, text, start, end, line, depth };
    if (value !== undefined) token.value = value;
    tokens.push(token);
    if (type === 'string')
      for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) line += 1;
  };
  while (i < n) {
    const ch = source[i]!;
    if (ch === '\n') {
      line += 1;
      i += 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\\') {
      i += 1;
      continue;
    }
    if (ch === '#') {
      const end = source.indexOf('\n', i);
      push('comment', i, end === -1 ? n : end);
      i = end === -1 ? n : end;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(source);
    if (name) {
      const j = i + name[0].length;
      const word = name[0];
      const quote = source[j];
      if ((quote === '"' || quote === "'") && STRING_PREFIX.test(word)) {
        const end = scanString(source, j);
        const raw = /[rR]/.test(word);
        const isF = /[fF]/.test(word);
        push('string', i, end, isF ? undefined : stringValue(source.slice(j, end), raw));
        i = end;
        continue;
      }
      push('name', i, j);
      i = j;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = scanString(source, i);
      push('string', i, end, stringValue(source.slice(i, end), false));
      i = end;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number) {
      push('number', i, i + number[0].length);
      i += number[0].length;
      continue;
    }
    const three = source.slice(i, i + 3);
    const two = source.slice(i, i + 2);
    const op = THREE_CHAR_OPS.includes(three) ? three : TWO_CHAR_OPS.includes(two) ? two : ch;
    push('op', i, i + op.length);
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    if (op === '(' || op === '[' || op === '{') depth += 1;
    i += op.length;
  }
  return tokens;
}

/** Returns the offset just past the string literal that starts with a quote at `start`. */
function scanString(source: string, start: number): number {
  const quote = source[start]!;
  const triple = source.slice(start, start + 3) === quote.repeat(3);
  const closer = triple ? quote.repeat(3) : quote;
  let j = start + closer.length;
  while (j < source.length) {
    const c = source[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (!triple && c === '\n') return j;
    if (source.startsWith(closer, j)) return j + closer.length;
    j += 1;
  }
  return source.length;
}

/** The value of a simple string literal (quotes removed, common escapes decoded). */
function stringValue(literal: string, raw: boolean): string {
  const quote = literal[0]!;
  const triple = literal.startsWith(quote.repeat(3));
  const q = triple ? 3 : 1;
  const body =
    literal.endsWith(quote.repeat(q)) && literal.length >= 2 * q ? literal.slice(q, -q) : literal.slice(q);
  if (raw) return body;
  return body.replace(/\\(.)/gs, (_m, c: string) => {
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '\n': '',
    };
    return map[c] ?? `\\${c}`;
  });
}
