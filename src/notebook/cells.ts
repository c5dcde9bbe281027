import { findCalls, logicalLines, tokenize, type Call, type LogicalLine, type Token } from './python.js';
import type { AnalyzedCell } from './types.js';

/**
 * The Python view of a code cell: IPython-only lines (magics, shell escapes, help) are blanked so
 * that line numbers still match the cell, and listed apart.
 */

export type IPythonKind = 'line-magic' | 'cell-magic' | 'shell';

export interface IPythonLine {
  kind: IPythonKind;
  /** 1-based first line in the cell. */
  line: number;
  /** The (redacted) text, continuation lines joined. */
  text: string;
}

export interface CodeView {
  cell: number;
  /** Redacted Python source with IPython lines replaced by empty lines. */
  python: string;
  lines: string[];
  ipython: IPythonLine[];
  tokens: Token[];
  logical: LogicalLine[];
  /** Every call in the Python source, computed once. */
  calls: Call[];
}

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set([
  'time',
  'timeit',
  'capture',
  'prun',
  'memit',
  'debug',
  'pypy',
  'python',
  'python3',
]);

export function codeView(cell: AnalyzedCell): CodeView {
  const lines = cell.source.split('\n');
  const python = [...lines];
  const ipython: IPythonLine[] = [];
  const firstCode = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstCode !== -1 && lines[firstCode]!.trimStart().startsWith('%%')) {
    const magic = /^%%\s*([\w.-]+)/.exec(lines[firstCode]!.trimStart())?.[1] ?? '';
    ipython.push({ kind: 'cell-magic', line: firstCode + 1, text: lines[firstCode]!.trim() });
    python[firstCode] = '';
    if (!PYTHON_CELL_MAGICS.has(magic)) {
      for (let k = firstCode + 1; k < python.length; k += 1) python[k] = '';
    }
  }
  // Only a line that starts a statement can be IPython: `% (a, b)` inside brackets or a string is Python.
  let state: ScanState = { depth: 0, triple: null, continued: false };
  for (let k = 0; k < python.length; k += 1) {
    const line = python[k]!;
    const trimmed = line.trimStart();
    const atStart = state.depth === 0 && state.triple === null && !state.continued;
    let kind: IPythonKind | undefined;
    if (!atStart) kind = undefined;
    else if (trimmed.startsWith('!')) kind = 'shell';
    else if (trimmed.startsWith('%')) kind = 'line-magic';
    else if (/^[A-Za-z_][\w\s,]*=\s*[!%]/.test(trimmed))
      kind = /=\s*!/.test(trimmed) ? 'shell' : 'line-magic';
    else if (/^[A-Za-z_][\w.]*\?{1,2}\s*$/.test(trimmed) || /^\?{1,2}[A-Za-z_]/.test(trimmed))
      kind = 'line-magic';
    if (!kind) {
      state = scanLine(line, state);
      continue;
    }
    const start = k;
    let text = line.trim();
    python[k] = '';
    while (/\\\s*$/.test(lines[k]!) && k + 1 < lines.length) {
      k += 1;
      text += `\n${lines[k]!.trim()}`;
      python[k] = '';
    }
    ipython.push({ kind, line: start + 1, text });
  }
  const source = python.join('\n');
  const tokens = tokenize(source);
  return {
    cell: cell.index,
    python: source,
    lines,
    ipython,
    tokens,
    logical: logicalLines(source, tokens),
    calls: findCalls(tokens),
  };
}

/** True when a logical line starts a `def`/`class` (decorators excluded). */
export function startsBlock(line: LogicalLine): 'def' | 'class' | undefined {
  const [a, b] = line.tokens;
  if (a?.text === 'def' || (a?.text === 'async' && b?.text === 'def')) return 'def';
  if (a?.text === 'class') return 'class';
  return undefined;
}

/**
 * Logical lines that run when the cell runs: everything except the bodies of functions and
 * classes (which run later, when called). The `def`/`class` lines themselves are kept.
 */
export function executedLines(view: CodeView): LogicalLine[] {
  const out: LogicalLine[] = [];
  let bodyIndent: number | undefined;
  for (const line of view.logical) {
    if (bodyIndent !== undefined) {
      if (line.indent > bodyIndent) continue;
      bodyIndent = undefined;
    }
    out.push(line);
    if (startsBlock(line)) bodyIndent = line.indent;
  }
  return out;
}

interface ScanState {
  /** Open brackets. */
  depth: number;
  /** The quote of an open triple-quoted string. */
  triple: string | null;
  /** The line ended with a backslash continuation. */
  continued: boolean;
}

/** Carries bracket depth and open triple-quoted strings from one physical line to the next. */
function scanLine(line: string, state: ScanState): ScanState {
  let { depth, triple } = state;
  let k = 0;
  while (k < line.length) {
    const ch = line[k]!;
    if (triple) {
      if (ch === '\\') k += 2;
      else if (line.startsWith(triple, k)) {
        k += 3;
        triple = null;
      } else k += 1;
      continue;
    }
    if (ch === '#') break;
    if (ch === '"' || ch === "'") {
      if (line.startsWith(ch.repeat(3), k)) {
        triple = ch.repeat(3);
        k += 3;
        continue;
      }
      k += 1;
      while (k < line.length && line[k] !== ch) k += line[k] === '\\' ? 2 : 1;
      k += 1;
      continue;
    }
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    k += 1;
  }
  return { depth, triple, continued: triple === null && /\\\s*$/.test(line) };
}
