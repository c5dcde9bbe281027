import { useInput } from 'ink';
import { useRef, useState } from 'react';

/**
 * A one-line text input whose value lives in a ref as well as in state. Keys that arrive faster
 * than React re-renders (a paste, a terminal multiplexer, a test) are applied in order to the
 * latest value, never to a stale one; Enter submits exactly what was typed. Pasted line breaks
 * submit line by line. Editing: Backspace, Ctrl+U (clear), Ctrl+W (delete a word).
 */
export function useLineInput(
  onSubmit: (text: string) => void,
  onKey?: (key: { up: boolean; down: boolean }, empty: boolean) => void,
) {
  const ref = useRef('');
  const [value, setValue] = useState('');
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  const keyRef = useRef(onKey);
  keyRef.current = onKey;

  useInput((input, key) => {
    if (key.upArrow || key.downArrow) {
      keyRef.current?.({ up: key.upArrow, down: key.downArrow }, ref.current === '');
      return;
    }
    if (key.return) {
      const text = ref.current;
      ref.current = '';
      setValue('');
      submitRef.current(text);
      return;
    }
    if (key.backspace || key.delete) {
      ref.current = [...ref.current].slice(0, -1).join('');
    } else if (key.ctrl && input === 'u') {
      ref.current = '';
    } else if (key.ctrl && input === 'w') {
      ref.current = ref.current.replace(/\S+\s*$/, '');
    } else if (
      key.ctrl ||
      key.meta ||
      key.tab ||
      key.escape ||
      key.leftArrow ||
      key.rightArrow ||
      key.pageUp ||
      key.pageDown
    ) {
      return;
    } else {
      const parts = input.split(/\r\n|\r|\n/);
      for (let i = 0; i < parts.length - 1; i++) {
        const text = ref.current + parts[i]!;
        ref.current = '';
        submitRef.current(text);
      }
      ref.current += printable(parts[parts.length - 1] ?? '');
    }
    setValue(ref.current);
  });
  const set = (text: string) => {
    ref.current = text;
    setValue(text);
  };
  return { value, set };
}

/** Drops control characters (a stray escape or bell must not end up in an answer). */
function printable(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
}
