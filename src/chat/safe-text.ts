import { quoteValue, sanitizeLine } from '../core/sanitize.js';

/**
 * Text that reaches the terminal from outside (what a person pasted, an answers file, a rule's
 * text, an AWS error): escape sequences (CSI, OSC, DCS and the rest), C0 and C1 control
 * characters, DEL and bidirectional overrides are removed, so nothing can clear the screen,
 * retitle the window, write the clipboard or ring the bell. One line: newlines and tabs become
 * spaces. The sanitiser is the house one (core/sanitize.ts); this module adds the chat's cap.
 */
export function safeLine(text: string): string {
  return sanitizeLine(text);
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

/** The longest line echoed back whole; a longer one is shown cut, with its length. */
export const ECHO_MAX = 200;

/**
 * A person's line as the transcript echoes it: whole when short, else through quoteValue (the one
 * helper that quotes what a person gave), cut with an ellipsis and its length, so a pasted page
 * is not printed back in full.
 */
export function echoLine(text: string): string {
  const line = safeLine(text);
  return line.length <= ECHO_MAX ? line : quoteValue(line, ECHO_MAX);
}
