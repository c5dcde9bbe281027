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

/** Tokenizes Python source. Unterminated strings run to the end of the source (or line). */
export function tokenize(source: string): Token[] {
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
