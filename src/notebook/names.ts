import { executedLines, startsBlock, type CodeView } from './cells.js';
import { PYTHON_KEYWORDS, type Token } from './python.js';

/**
 * A simple name analysis: which names a cell binds (assignments, def, class, import, for targets,
 * with/except-as, walrus) and which it reads when it runs. Function and class bodies run later, so
 * only their own names count. It is deliberately conservative: a name it cannot place is not
 * reported.
 */

export interface CellNames {
  cell: number;
  defined: Set<string>;
  uses: { name: string; line: number }[];
}

export const PYTHON_BUILTINS = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr ' +
    'globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max ' +
    'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice ' +
    'sorted staticmethod str sum super tuple type vars zip __import__ __name__ __file__ __doc__ __builtins__ ' +
    '__spec__ __loader__ __package__ __debug__ NotImplemented Ellipsis ' +
    'BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError AssertionError AttributeError ' +
    'BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ' +
    'ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError EncodingWarning ' +
    'EnvironmentError FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ' +
    'ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration ' +
    'SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ' +
    'ValueError Warning ZeroDivisionError WindowsError ' +
    // IPython's namespace and Python 2 builtins still seen in old notebooks.
    'display get_ipython In Out _ __ ___ _i _ii _iii _oh _dh unicode long xrange raw_input basestring reduce ' +
    'file execfile reload unichr cmp'
  ).split(' '),
);

export function cellNames(view: CodeView): CellNames {
  const defined = new Set<string>();
  const uses: { name: string; line: number }[] = [];
  for (const line of executedLines(view)) {
    const tokens = line.tokens;
    const first = tokens[0];
    if (!first) continue;
    const block = startsBlock(line);
    if (block) {
      const nameToken = tokens[first.text === 'async' ? 2 : 1];
      if (nameToken?.type === 'name') defined.add(nameToken.text);
      continue;
    }
    if (first.text === 'import' || first.text === 'from') {
      for (const name of importBindings(tokens)) defined.add(name);
      continue;
    }
    if (first.text === 'global' || first.text === 'nonlocal') continue;
    statementNames(tokens, defined, uses);
  }
  return { cell: view.cell, defined, uses };
}

/** Names bound by `import a.b as c, d` / `from x import a as b, (c, d)`. */
export function importBindings(tokens: Token[]): string[] {
  const names: string[] = [];
  if (tokens[0]?.text === 'import') {
    for (const part of splitTop(tokens.slice(1))) {
      const asAt = part.findIndex((t) => t.text === 'as');
      if (asAt !== -1 && part[asAt + 1]) names.push(part[asAt + 1]!.text);
      else if (part[0]?.type === 'name') names.push(part[0].text);
    }
    return names;
  }
  const importAt = tokens.findIndex((t) => t.text === 'import');
  if (importAt === -1) return names;
  for (const part of splitTop(tokens.slice(importAt + 1).filter((t) => t.text !== '(' && t.text !== ')'))) {
    if (part[0]?.text === '*') continue;
    const asAt = part.findIndex((t) => t.text === 'as');
    const bound = asAt !== -1 ? part[asAt + 1] : part[0];
    if (bound?.type === 'name') names.push(bound.text);
  }
  return names;
}

function splitTop(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'op' && t.text === ',') parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);

function statementNames(tokens: Token[], defined: Set<string>, uses: { name: string; line: number }[]): void {
  const base = tokens[0]!.depth;
  const skip = new Set<number>();
  const local = new Set<string>();
  // Comprehension and lambda variables are local to the expression.
  tokens.forEach((t, k) => {
    if (t.text === 'for' && t.depth > base) {
      for (let j = k + 1; j < tokens.length && tokens[j]!.text !== 'in'; j += 1) {
        if (tokens[j]!.type === 'name') local.add(tokens[j]!.text);
      }
    }
    if (t.text === 'lambda') {
      for (
        let j = k + 1;
        j < tokens.length && !(tokens[j]!.text === ':' && tokens[j]!.depth === t.depth);
        j += 1
      ) {
        if (tokens[j]!.type === 'name') local.add(tokens[j]!.text);
      }
    }
  });
  const bind = (from: number, to: number) => {
    for (const k of targetNames(tokens, from, to)) {
      defined.add(tokens[k]!.text);
      skip.add(k);
    }
  };
  // Statement-level for / async for targets.
  const forAt =
    tokens[0]!.text === 'for' ? 0 : tokens[0]!.text === 'async' && tokens[1]?.text === 'for' ? 1 : -1;
  if (forAt !== -1) {
    const inAt = tokens.findIndex((t, k) => k > forAt && t.text === 'in' && t.depth === base);
    if (inAt !== -1) bind(forAt + 1, inAt);
  }
  // with ... as x / except E as e
  tokens.forEach((t, k) => {
    if (
      t.text === 'as' &&
      (tokens[0]!.text === 'with' || tokens[0]!.text === 'except' || tokens[0]!.text === 'async')
    ) {
      let end = k + 1;
      if (tokens[end]?.text === '(') {
        while (end < tokens.length && tokens[end]!.text !== ')') end += 1;
        bind(k + 2, end);
      } else {
        bind(k + 1, k + 2);
      }
    }
    if (t.text === ':=' && tokens[k - 1]?.type === 'name') {
      defined.add(tokens[k - 1]!.text);
      skip.add(k - 1);
    }
  });
  // Assignments: every depth-0 `=` closes a target list.
  const equals = tokens
    .map((t, k) => (t.type === 'op' && t.text === '=' && t.depth === base ? k : -1))
    .filter((k) => k >= 0);
  let from = 0;
  for (const eq of equals) {
    bind(from, eq);
    from = eq + 1;
  }
  // Annotated assignment `x: int = 1` or `x: int`.
  if (
    tokens[0]!.type === 'name' &&
    tokens[1]?.text === ':' &&
    tokens[1].depth === base &&
    !PYTHON_KEYWORDS.has(tokens[0]!.text)
  ) {
    defined.add(tokens[0]!.text);
    skip.add(0);
  }
  const augmented = tokens[1] && AUGMENTED.has(tokens[1].text);
  if (augmented && tokens[0]!.type === 'name') defined.add(tokens[0]!.text);
  tokens.forEach((t, k) => {
    if (t.type !== 'name' || skip.has(k) || PYTHON_KEYWORDS.has(t.text) || local.has(t.text)) return;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (prev?.type === 'op' && prev.text === '.') return;
    if (next?.type === 'op' && next.text === '=' && t.depth > base) return; // keyword argument
    uses.push({ name: t.text, line: t.line });
  });
}

/** Indexes of the bare names in a target list `a, (b, c), d[i], e.f` → a, b, c. */
function targetNames(tokens: Token[], from: number, to: number): number[] {
  const out: number[] = [];
  let subscript = 0;
  for (let k = from; k < to; k += 1) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    if (t.type === 'op' && t.text === '[') {
      const isSubscript =
        k > from && prev !== undefined && (prev.type === 'name' || prev.text === ')' || prev.text === ']');
      if (isSubscript || subscript > 0) subscript += 1;
      continue;
    }
    if (t.type === 'op' && t.text === ']' && subscript > 0) {
      subscript -= 1;
      continue;
    }
    if (subscript > 0 || t.type !== 'name' || PYTHON_KEYWORDS.has(t.text)) continue;
    const next = tokens[k + 1];
    if (prev?.text === '.') continue;
    if (next && k + 1 < to && (next.text === '.' || next.text === '[' || next.text === '(')) continue;
    out.push(k);
  }
  return out;
}
