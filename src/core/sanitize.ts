/**
 * Text bound for a terminal or a document. Anything the user, a notebook, a rules file or an AWS
 * error put in a string can carry bytes that a terminal obeys: ESC sequences that clear the screen,
 * retitle the window or write the clipboard (OSC 52), C1 controls that act the same without an ESC,
 * a BEL, a backspace or a lone carriage return that overwrites what was printed, and bidi overrides
 * that reorder what a reader sees (Trojan Source). Every string that leaves the program through a
 * terminal or a written file passes through here first. Pure; linear in the length of the text.
 */

export interface SanitizeOptions {
  /**
   * `strip` (the default) drops whole escape sequences and lone controls: colour codes pasted from
   * a terminal vanish. `escape` makes each control visible as `\xNN` or `\uNNNN`, so a rejected
   * value shows what it held without the terminal acting on it.
   */
  mode?: 'strip' | 'escape';
  /**
   * Keep newlines and tabs (the default). A single-line field (a name, a table cell) turns them
   * into a space (`strip`) or `\n` and `\t` (`escape`).
   */
  multiline?: boolean;
}

/* eslint-disable no-control-regex -- matching control characters is the point of this module */

/**
 * Escape sequences as a terminal parses them (ECMA-48), each removed whole in `strip` mode:
 * - control strings (OSC, DCS, SOS, PM, APC) up to BEL or ST or the end of the text;
 * - CSI: parameters, intermediates and a final byte;
 * - any other ESC with its intermediates and final byte.
 * Every part after a 7-bit introducer is optional, so a match never backtracks. An 8-bit C1
 * introducer takes only a plain CSI (`\u009b31m`) or a terminated control string (bounded);
 * otherwise it is removed alone, as a lone control: taken as a sequence start it swallowed the
 * printable text after it (`key\u009b: unknown` lost ": u").
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\x1b[\\]PX^_][^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?',
    '[\\x90\\x98\\x9d\\x9e\\x9f][^\\x07\\x1b\\x9c]{0,4096}(?:\\x07|\\x1b\\\\|\\x9c)',
    '\\x1b\\[[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    '\\x9b[0-9;]{1,64}[\\x40-\\x7e]',
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
  ].join('|'),
  'g',
);

/** C0 controls but newline and tab, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\n\t]/g;
const CRLF = /\r\n/g;
/** A surrogate without its pair is not text; a document writer would turn it into U+FFFD anyway. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Anything the sanitiser would have removed (no `g` flag: `test` must not keep state). */
const ANY_UNSAFE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/* eslint-enable no-control-regex */

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  if (char === '\r') return '\\r';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control a terminal or a reader would act on removed (or made visible). */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  const mode = options.mode ?? 'strip';
  const multiline = options.multiline ?? true;
  let out = text.replace(LONE_SURROGATE, '\ufffd');
  if (mode === 'strip') {
    out = out.replace(ESCAPE_SEQUENCE, '').replace(CRLF, '\n').replace(UNSAFE, '');
    return multiline ? out : out.replace(LINE_BREAKS, ' ');
  }
  out = out.replace(CRLF, '\n').replace(UNSAFE, visible);
  return multiline ? out : out.replace(LINE_BREAKS, visible);
}

/** One line: newlines and tabs become spaces. For names, table cells, titles. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text, { multiline: false });
}

/** True when the text holds nothing a terminal or reader would act on (newline and tab allowed). */
export function isSafeText(text: string): boolean {
  return !ANY_UNSAFE.test(text);
}

/**
 * A value the user gave, quoted in an error message: controls made visible, one line, and cut to
 * `max` characters so a 50 MB paste does not come back as 50 MB of stderr.
 */
export function quoteValue(value: string, max = 80): string {
  const shown = sanitizeText(value.slice(0, max + 1), { mode: 'escape', multiline: false });
  if (value.length <= max && shown.length <= max) return `"${shown}"`;
  // Cut between code points: a lone surrogate half would be replaced by U+FFFD.
  const head = Array.from(shown)
    .slice(0, max)
    .join('')
    .slice(0, max)
    .replace(/[\ud800-\udbff]$/, '');
  return `"${head}..." (${value.length} characters)`;
}

/**
 * A path in a message: as it is when it holds only printable characters, else quoted JSON-style
 * with backslashes doubled and every control visible, so `d<newline>ir` cannot print as two lines
 * and an ESC cannot vanish: the path printed is the path meant. Never cut.
 */
export function quotePath(path: string): string {
  if (isSafeText(path) && !/[\n\t"\\]/.test(path)) return path;
  const escaped = sanitizeText(path.replace(/\\/g, '\\\\').replace(/"/g, '\\"'), {
    mode: 'escape',
    multiline: false,
  });
  return `"${escaped}"`;
}
