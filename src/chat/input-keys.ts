import { MAX_LINE } from './safe-text.js';

/**
 * Raw terminal input made safe before the Ink view parses it. Ink's key parser throws on escape
 * sequences it does not know (a pasted ESC[0m colour code, xterm's Ctrl+Tab ESC[1;5I), and it
 * reads two control characters that arrive in one read ("\x03\x03", Ctrl+C pressed twice
 * quickly) as one unknown key. So each chunk is split into single keys and text runs: the keys
 * the chat uses pass (arrows, Home/End, Delete, Enter, Backspace, Tab, Esc, Ctrl+C/U/W), every
 * other escape sequence and control character is dropped, and a pasted run of text is cut just
 * past the longest line the chat reads (the line input then says it was cut).
 */

const ESC = '\u001B';
/** CSI sequences the chat acts on, by their final byte (parameters allowed: ESC[1;5A is Ctrl+Up). */
const CSI_KEYS: Record<string, string> = {
  A: `${ESC}[A`,
  B: `${ESC}[B`,
  C: `${ESC}[C`,
  D: `${ESC}[D`,
  H: `${ESC}[H`,
  F: `${ESC}[F`,
};
const TILDE_KEYS: Record<string, string> = {
  '1': `${ESC}[H`,
  '3': `${ESC}[3~`,
  '4': `${ESC}[F`,
  '5': `${ESC}[5~`,
  '6': `${ESC}[6~`,
  '7': `${ESC}[H`,
  '8': `${ESC}[F`,
};
/** Control characters that are keys: Ctrl+C, Tab, Enter (CR and LF), Ctrl+U, Ctrl+W, Backspace. */
const CONTROL_KEYS = new Set(['\u0003', '\t', '\r', '\n', '\u0015', '\u0017', '\u0008', '\u007F']);

export interface KeySplitter {
  /** The keys and text runs in a chunk, in order; an unfinished escape sequence waits for the next. */
  push(chunk: string): string[];
}

export function createKeySplitter(maxRun = MAX_LINE + 1): KeySplitter {
  let pending = '';
  return {
    push(chunk: string): string[] {
      const input = pending + chunk;
      pending = '';
      const out: string[] = [];
      let run = '';
      const flush = () => {
        if (run) out.push(run);
        run = '';
      };
      let i = 0;
      while (i < input.length) {
        const ch = input[i]!;
        const code = ch.charCodeAt(0);
        if (ch === ESC || code === 0x9b) {
          flush();
          const parsed = escapeAt(input, i);
          if (parsed === 'pending') {
            // An escape sequence cut between two reads: keep it (bounded) for the next chunk.
            if (input.length - i < 64) pending = input.slice(i);
            break;
          }
          if (parsed.key) out.push(parsed.key);
          i = parsed.next;
          continue;
        }
        if (code < 0x20 || code === 0x7f) {
          flush();
          if (CONTROL_KEYS.has(ch)) out.push(ch === '\n' ? '\r' : ch === '\u0008' ? '\u007F' : ch);
          i++;
          continue;
        }
        if (
          (code >= 0x80 && code < 0xa0) ||
          (code >= 0x202a && code <= 0x202e) ||
          (code >= 0x2066 && code <= 0x2069)
        ) {
          i++;
          continue;
        }
        if (run.length < maxRun) run += ch;
        i++;
      }
      flush();
      return out;
    },
  };
}

/** The escape sequence at `i`: the key it stands for (or none: dropped) and where the next input starts. */
function escapeAt(input: string, i: number): { key?: string; next: number } | 'pending' {
  const eightBit = input.charCodeAt(i) === 0x9b;
  const start = eightBit ? i + 1 : i + 2;
  const kind = eightBit ? '[' : input[i + 1];
  if (kind === undefined) return { key: ESC, next: i + 1 }; // a lone Esc key
  if (kind === '[') {
    let j = start;
    while (j < input.length && /[0-?]/.test(input[j]!)) j++;
    while (j < input.length && /[ -/]/.test(input[j]!)) j++;
    if (j >= input.length) return 'pending';
    const final = input[j]!;
    if (!/[@-~]/.test(final)) return { next: j }; // malformed: drop what came before
    const params = input.slice(start, j);
    if (final === '~') return { key: TILDE_KEYS[params.split(';')[0] ?? ''], next: j + 1 };
    return { key: CSI_KEYS[final], next: j + 1 };
  }
  if (kind === 'O') {
    const final = input[i + 2];
    if (final === undefined) return 'pending';
    return { key: CSI_KEYS[final], next: i + 3 };
  }
  if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
    // OSC, DCS and friends run to BEL or ESC \ ; dropped whole.
    for (let j = i + 2; j < input.length; j++) {
      if (input[j] === '\u0007') return { next: j + 1 };
      if (input[j] === ESC && input[j + 1] === '\\') return { next: j + 2 };
    }
    return input.length - i < 4096 ? 'pending' : { next: input.length };
  }
  if (kind === ESC) return { key: ESC, next: i + 1 };
  // Alt+key and two-byte sequences (ESC c resets the terminal): dropped with their byte.
  return { next: i + 2 };
}

/**
 * Puts a key splitter in front of a stream that Ink reads with `read()`: each call then returns
 * one key or text run, so Ink never sees a sequence it cannot parse. Idempotent.
 */
export function guardInput<S extends { read: (size?: number) => unknown }>(stream: S): S {
  const marked = stream as S & { __keysGuarded?: boolean };
  if (marked.__keysGuarded) return stream;
  const original = stream.read.bind(stream);
  const splitter = createKeySplitter();
  const queue: string[] = [];
  marked.read = ((size?: number) => {
    while (queue.length === 0) {
      const chunk = original(size);
      if (chunk === null || chunk === undefined) return null;
      queue.push(...splitter.push(typeof chunk === 'string' ? chunk : String(chunk)));
    }
    return queue.shift()!;
  }) as S['read'];
  marked.__keysGuarded = true;
  return stream;
}
