/**
 * A small, forgiving Python lexer: enough to tell names from strings and comments, find calls and
 * their arguments, and group physical lines into logical lines. It never throws: notebook code is
 * often unfinished, and a wrong guess here only costs a missed finding, never a crash.
 */

export type TokenType = 'name' | 'string' | 'number' | 'op' | 'comment';

export interface Token {
  type: TokenType;
  /** The exact source text of the token. */
  text: string;
  /** For strings: the literal's value when it is a plain (non-f) string, else undefined. */
  value?: string;
  /** 0-based offsets into the analysed source. */
  start: number;
  end: number;
  /** 1-based line of the token's first character. */
  line: number;
  /** Bracket depth before the token. */
  depth: number;
}

export interface LogicalLine {
  /** 1-based first and last physical line. */
  firstLine: number;
  lastLine: number;
  /** Indentation (columns) of the first physical line. */
  indent: number;
  /** Tokens without comments. */
  tokens: Token[];
}

export const PYTHON_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
]);

/*
 * The tokenizer reads the source by character code: a sticky regex per name and a slice per
 * operator allocated a match and strings for every token, and a multi-megabyte cell of short tokens
 * (`a.a.a.`, 6 million of them) took about 2 CPU-seconds to tokenize, twice for a code cell.
 */
const enum C {
  Tab = 9,
  Newline = 10,
  FormFeed = 12,
  Return = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Percent = 37,
  Ampersand = 38,
  Quote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Less = 60,
  Equals = 61,
  Greater = 62,
  At = 64,
  UpperA = 65,
  UpperE = 69,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Caret = 94,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  /** Names may hold any code unit from U+00C0 up (non-ASCII letters; surrogates too). */
  NonAscii = 0xc0,
}

const isLetter = (c: number) => (c >= C.UpperA && c <= C.UpperZ) || (c >= C.LowerA && c <= C.LowerZ);
const isDigit = (c: number) => c >= C.Zero && c <= C.Nine;
const isNameStart = (c: number) => isLetter(c) || c === C.Underscore || c >= C.NonAscii;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);
/** A number's tail: letters, digits, `_` and `.` (an exponent's sign is read apart). */
const isNumberPart = (c: number) => isLetter(c) || isDigit(c) || c === C.Underscore || c === C.Dot;

/** Whether the name before a quote is a string prefix: r, b, u, f, or rb, br, rf, fr in any case. */
function isStringPrefix(source: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1) return 'rRbBuUfF'.includes(source[start]!);
  if (length !== 2) return false;
  const a = source[start]!;
  const b = source[start + 1]!;
  return ('rR'.includes(a) && 'bBfF'.includes(b)) || ('bBfF'.includes(a) && 'rR'.includes(b));
}

/** The length of the operator at `i`: `**=`, `//=`, `>>=`, `<<=`, `...`, a two-character one, or 1. */
function operatorLength(source: string, i: number): number {
  const a = source.charCodeAt(i);
  const b = source.charCodeAt(i + 1);
  const c = source.charCodeAt(i + 2);
  if (a === b && (a === C.Star || a === C.Slash || a === C.Greater || a === C.Less))
    return c === C.Equals ? 3 : 2;
  if (a === C.Dot && b === C.Dot && c === C.Dot) return 3;
  if (b === C.Equals) {
    switch (a) {
      case C.Equals:
      case C.Bang:
      case C.Less:
      case C.Greater:
      case C.Plus:
      case C.Minus:
      case C.Star:
      case C.Slash:
      case C.Percent:
      case C.Ampersand:
      case C.Pipe:
      case C.Caret:
      case C.At:
      case C.Colon:
        return 2;
    }
  }
  return a === C.Minus && b === C.Greater ? 2 : 1;
}

/** Tokenizes Python source. Unterminated strings run to the end of the source (or line). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(source, (token) => tokens.push(token));
  return tokens;
}

/**
 * Hands each token of `source` to `visit`, in order, as `tokenize` lists them, without keeping
 * them: a caller that needs only a few tokens back does not hold millions of objects (holding
 * them was most of the time a long line of short tokens took).
 */
export function forEachToken(source: string, visit: (token: Token) => void): void {
  let i = 0;
  let line = 1;
  let depth = 0;
  const n = source.length;
  const push = (type: TokenType, start: number, end: number, value?: string) => {
    const text = source.slice(start, end);
    const token: Token = { type, text, start, end, line, depth };
    if (value !== undefined) token.value = value;
    visit(token);
    if (type === 'string')
      for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) line += 1;
  };
  while (i < n) {
    const ch = source.charCodeAt(i);
    if (ch === C.Newline) {
      line += 1;
      i += 1;
      continue;
    }
    if (ch === C.Space || ch === C.Tab || ch === C.Return || ch === C.FormFeed || ch === C.Backslash) {
      i += 1;
      continue;
    }
    if (ch === C.Hash) {
      const end = source.indexOf('\n', i);
      push('comment', i, end === -1 ? n : end);
      i = end === -1 ? n : end;
      continue;
    }
    if (isNameStart(ch)) {
      let j = i + 1;
      while (j < n && isNamePart(source.charCodeAt(j))) j += 1;
      const quote = source.charCodeAt(j);
      if ((quote === C.DoubleQuote || quote === C.Quote) && isStringPrefix(source, i, j)) {
        const end = scanString(source, j);
        const prefix = source.slice(i, j);
        const raw = prefix.includes('r') || prefix.includes('R');
        const isF = prefix.includes('f') || prefix.includes('F');
        push('string', i, end, isF ? undefined : stringValue(source.slice(j, end), raw));
        i = end;
        continue;
      }
      push('name', i, j);
      i = j;
      continue;
    }
    if (ch === C.DoubleQuote || ch === C.Quote) {
      const end = scanString(source, i);
      push('string', i, end, stringValue(source.slice(i, end), false));
      i = end;
      continue;
    }
    if (isDigit(ch) || (ch === C.Dot && isDigit(source.charCodeAt(i + 1)))) {
      let j = ch === C.Dot ? i + 2 : i + 1;
      while (j < n) {
        const c = source.charCodeAt(j);
        const sign = source.charCodeAt(j + 1);
        if ((c === C.LowerE || c === C.UpperE) && (sign === C.Plus || sign === C.Minus)) j += 2;
        else if (isNumberPart(c)) j += 1;
        else break;
      }
      push('number', i, j);
      i = j;
      continue;
    }
    const length = operatorLength(source, i);
    push('op', i, i + length);
    if (length === 1) {
      if (ch === C.CloseParen || ch === C.CloseBracket || ch === C.CloseBrace) depth = Math.max(0, depth - 1);
      if (ch === C.OpenParen || ch === C.OpenBracket || ch === C.OpenBrace) depth += 1;
    }
    i += length;
  }
}

/** Returns the offset just past the string literal that starts with a quote at `start`. */
function scanString(source: string, start: number): number {
  const quote = source.charCodeAt(start);
  const n = source.length;
  const triple = source.charCodeAt(start + 1) === quote && source.charCodeAt(start + 2) === quote;
  let j = start + (triple ? 3 : 1);
  while (j < n) {
    const c = source.charCodeAt(j);
    if (c === C.Backslash) {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return j + 1;
      if (source.charCodeAt(j + 1) === quote && source.charCodeAt(j + 2) === quote) return j + 3;
    } else if (!triple && c === C.Newline) return j;
    j += 1;
  }
  return n;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

/** The value of a simple string literal (quotes removed, common escapes decoded). */
function stringValue(literal: string, raw: boolean): string {
  const quote = literal[0]!;
  const triple = literal.startsWith(quote.repeat(3));
  const q = triple ? 3 : 1;
  const body =
    literal.endsWith(quote.repeat(q)) && literal.length >= 2 * q ? literal.slice(q, -q) : literal.slice(q);
  if (raw || !body.includes('\\')) return body;
  return body.replace(/\\(.)/gs, (_m, c: string) => (Object.hasOwn(ESCAPES, c) ? ESCAPES[c]! : `\\${c}`));
}

/**
 * Groups tokens into logical lines: a logical line ends at a newline outside brackets that is not
 * preceded by a backslash continuation. Comments are dropped. `source` gives indentation.
 */
export function logicalLines(source: string, tokens: Token[] = tokenize(source)): LogicalLine[] {
  const physical = source.split('\n');
  const lines: LogicalLine[] = [];
  let current: Token[] = [];
  let lastLine = 0;
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const text = physical[first.line - 1] ?? '';
    const indent = text.length - text.trimStart().length;
    const lastToken = current[current.length - 1]!;
    const endLine = lastToken.line + (lastToken.text.match(/\n/g)?.length ?? 0);
    lines.push({ firstLine: first.line, lastLine: endLine, indent, tokens: current });
    current = [];
  };
  for (const token of tokens) {
    if (token.type === 'comment') continue;
    if (current.length > 0 && token.line > lastLine && token.depth === 0) {
      const prevLineText = physical[lastLine - 1] ?? '';
      const continued = /\\\s*$/.test(prevLineText);
      if (!continued) flush();
    }
    current.push(token);
    lastLine = token.line + (token.text.match(/\n/g)?.length ?? 0);
  }
  flush();
  return lines;
}

export interface CallArg {
  /** Keyword name, when the argument is `name=value`. */
  keyword?: string;
  tokens: Token[];
}

export interface Call {
  /** Dotted callee as written, e.g. `torch.jit.save` or `model.save`; `receiver` is everything before the last dot. */
  callee: string;
  receiver: string;
  method: string;
  args: CallArg[];
  /** Index of the callee's first token. */
  at: number;
  line: number;
}

/** Finds calls `a.b.c(...)` (and `x().y(...)` as receiver text `x().y`) in a token list. */
export function findCalls(tokens: Token[]): Call[] {
  const calls: Call[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (t.type !== 'op' || t.text !== '(') continue;
    const prev = tokens[k - 1];
    if (!prev || prev.type !== 'name' || PYTHON_KEYWORDS.has(prev.text)) continue;
    // Walk back over `.name`, `)` groups and `]` groups to rebuild the callee text.
    let s = k - 1;
    while (s >= 2) {
      const dot = tokens[s - 1]!;
      if (dot.type !== 'op' || dot.text !== '.') break;
      const before = tokens[s - 2]!;
      if (before.type === 'name') {
        s -= 2;
        continue;
      }
      if (before.type === 'op' && (before.text === ')' || before.text === ']')) {
        const open = matchBackward(tokens, s - 2);
        if (open <= 0) break;
        const head = tokens[open - 1];
        s = head && head.type === 'name' ? open - 1 : open;
        continue;
      }
      if (before.type === 'string') {
        s -= 2;
        break;
      }
      break;
    }
    const close = matchForward(tokens, k);
    const calleeTokens = tokens.slice(s, k);
    const callee = calleeTokens.map((x) => x.text).join('');
    const lastDot = callee.lastIndexOf('.');
    calls.push({
      callee,
      receiver: lastDot === -1 ? '' : callee.slice(0, lastDot),
      method: prev.text,
      args: splitArgs(tokens.slice(k + 1, close === -1 ? tokens.length : close)),
      at: s,
      line: tokens[s]!.line,
    });
  }
  return calls;
}

function matchForward(tokens: Token[], open: number): number {
  let d = 0;
  for (let j = open; j < tokens.length; j += 1) {
    const t = tokens[j]!;
    if (t.type !== 'op') continue;
    if ('([{'.includes(t.text)) d += 1;
    else if (')]}'.includes(t.text)) {
      d -= 1;
      if (d === 0) return j;
    }
  }
  return -1;
}

function matchBackward(tokens: Token[], close: number): number {
  let d = 0;
  for (let j = close; j >= 0; j -= 1) {
    const t = tokens[j]!;
    if (t.type !== 'op') continue;
    if (')]}'.includes(t.text)) d += 1;
    else if ('([{'.includes(t.text)) {
      d -= 1;
      if (d === 0) return j;
    }
  }
  return -1;
}

function splitArgs(inner: Token[]): CallArg[] {
  const args: CallArg[] = [];
  let current: Token[] = [];
  let d = 0;
  const flush = () => {
    if (current.length === 0) return;
    const [first, second] = current;
    if (first?.type === 'name' && second?.type === 'op' && second.text === '=') {
      args.push({ keyword: first.text, tokens: current.slice(2) });
    } else {
      args.push({ tokens: current });
    }
    current = [];
  };
  for (const t of inner) {
    if (t.type === 'comment') continue;
    if (t.type === 'op' && '([{'.includes(t.text)) d += 1;
    if (t.type === 'op' && ')]}'.includes(t.text)) d -= 1;
    if (d === 0 && t.type === 'op' && t.text === ',') {
      flush();
      continue;
    }
    current.push(t);
  }
  flush();
  return args;
}

/** The `name=value` argument of a call, if given. */
export function kw(call: Call, name: string): CallArg | undefined {
  return call.args.find((a) => a.keyword === name);
}

/** The source text of an argument, whitespace-normalised, for evidence. */
export function argText(arg: CallArg | undefined): string {
  if (!arg) return '';
  return arg.tokens
    .map((t) => t.text)
    .join(' ')
    .replace(/\s*([.()[\],])\s*/g, '$1');
}
