/**
 * Text that reaches the terminal from outside (what a person pasted, an answers file, a rule's
 * text, an AWS error): escape sequences (CSI, OSC, DCS and the rest), C0 and C1 control
 * characters, DEL and bidirectional overrides are removed, so nothing can clear the screen,
 * retitle the window, write the clipboard or ring the bell. Tabs become spaces.
 */
/* eslint-disable no-control-regex */
const ESCAPE_SEQUENCE =
  /\u001B(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[ -/]*[0-~]?)|\u009B[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009D\u009E\u009F][^\u001B\u009C]*(?:\u001B\\|\u009C)?/g;
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/** One line of safe text: sequences and controls gone, tabs as spaces, line breaks as spaces. */
export function safeLine(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => (c === '\n' ? ' ' : ''));
}

/** The longest line the chat reads; a longer paste is cut (and the chat says so). */
export const MAX_LINE = 2000;

/** What a person typed or pasted, made safe and cut to MAX_LINE characters. */
export function cleanInput(raw: string): { text: string; cut: number } {
  const capped = raw.length > MAX_LINE * 4 ? raw.slice(0, MAX_LINE * 4) : raw;
  const text = safeLine(capped);
  if (text.length <= MAX_LINE) return { text, cut: raw.length > capped.length ? raw.length - MAX_LINE : 0 };
  return { text: text.slice(0, MAX_LINE), cut: raw.length - MAX_LINE };
}
