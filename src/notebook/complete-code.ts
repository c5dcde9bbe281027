import { tokenize } from './python.js';

/**
 * A cheap check that a piece of notebook code can be copied into a Python module without breaking
 * the rest of it: every string literal closed, brackets balanced and matched, no line continuation
 * at the end, and no control character (a NUL is a syntax error; a lone CR ends a line, even in a
 * comment). An unterminated triple-quoted string in one cell otherwise swallowed every line after
 * it in `app/notebook_code.py`. It is not a parser: balanced code can still be invalid, but what
 * fails here is never copied as code.
 */
export function isCompleteCode(text: string): boolean {
  if (CONTROL.test(text) || /\\\s*$/.test(text)) return false;
  const open: string[] = [];
  for (const t of tokenize(text)) {
    if (t.type === 'string' && !closedString(t.text)) return false;
    if (t.type !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') open.push(PAIR[t.text]!);
    else if ((t.text === ')' || t.text === ']' || t.text === '}') && open.pop() !== t.text) return false;
  }
  return open.length === 0;
}

const PAIR: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** C0 controls but tab and newline, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function closedString(literal: string): boolean {
  const m = /^[A-Za-z]*("""|'''|"|')/.exec(literal);
  if (!m) return false;
  const quote = m[1]!;
  const body = literal.slice(m[0].length);
  if (body.length < quote.length || !body.endsWith(quote)) return false;
  // The closing quote must not be escaped: an odd run of backslashes before it escapes it.
  const before = /\\*$/.exec(body.slice(0, body.length - quote.length))![0].length;
  return before % 2 === 0;
}

/** Control characters shown as `\xNN`, so code that cannot be copied can still be quoted in a comment. */
export function escapeControls(text: string): string {
  return text.replace(
    new RegExp(CONTROL.source, 'g'),
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
