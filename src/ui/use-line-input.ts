import { useInput } from 'ink';
import { useRef, useState } from 'react';
import { safeLine, MAX_LINE } from '../chat/safe-text.js';

export interface LineKeys {
  /** Up or Down; `empty` says whether the line is empty. */
  onArrow?: (key: { up: boolean; down: boolean }, empty: boolean) => void;
  /** Ctrl+C; `hadText` says whether it cleared some text. */
  onInterrupt?: (hadText: boolean) => void;
  /** Tab (completes a command in the `/` menu). */
  onTab?: (value: string) => string | null;
  /** A paste longer than the longest line read was cut. */
  onCut?: () => void;
}

/**
 * A one-line text input whose value lives in a ref as well as in state. Keys that arrive faster
 * than React re-renders (a paste, a terminal multiplexer, a test) are applied in order to the
 * latest value, never to a stale one; Enter submits exactly what was typed. Pasted line breaks
 * submit line by line. Editing: Backspace, Ctrl+U (clear), Ctrl+W (delete a word). Control
 * characters never reach the value; it holds at most MAX_LINE characters.
 */
export function useLineInput(onSubmit: (text: string) => void, keys: LineKeys = {}) {
  const ref = useRef('');
  const [value, setValue] = useState('');
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  const keysRef = useRef(keys);
  keysRef.current = keys;

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      const hadText = ref.current !== '';
      ref.current = '';
      setValue('');
      keysRef.current.onInterrupt?.(hadText);
      return;
    }
    if (key.upArrow || key.downArrow) {
      keysRef.current.onArrow?.({ up: key.upArrow, down: key.downArrow }, ref.current === '');
      return;
    }
    if (key.return) {
      const text = ref.current;
      ref.current = '';
      setValue('');
      submitRef.current(text);
      return;
    }
    if (key.tab) {
      const completed = keysRef.current.onTab?.(ref.current);
      if (completed) ref.current = completed;
    } else if (key.backspace || key.delete) {
      ref.current = [...ref.current].slice(0, -1).join('');
    } else if (key.ctrl && input === 'u') {
      ref.current = '';
    } else if (key.ctrl && input === 'w') {
      ref.current = ref.current.replace(/\S+\s*$/, '');
    } else if (
      key.ctrl ||
      key.meta ||
      key.escape ||
      key.leftArrow ||
      key.rightArrow ||
      key.pageUp ||
      key.pageDown ||
      typeof input !== 'string'
    ) {
      return;
    } else {
      const parts = input.split(/\r\n|\r|\n/);
      for (let i = 0; i < parts.length - 1; i++) {
        const text = append(ref.current, parts[i]!);
        ref.current = '';
        submitRef.current(text);
      }
      ref.current = append(ref.current, parts[parts.length - 1] ?? '');
    }
    setValue(ref.current);
  });

  /** Adds typed text, safe and capped; a cut is reported once. */
  function append(current: string, text: string): string {
    const joined = current + safeLine(text);
    if (joined.length <= MAX_LINE) return joined;
    keysRef.current.onCut?.();
    return joined.slice(0, MAX_LINE);
  }

  const set = (text: string) => {
    ref.current = text;
    setValue(text);
  };
  return { value, set };
}
