import type { Tone } from './explain.js';

/** Text props for a tone. Colour only when allowed (NO_COLOR, dumb terminals); bold and dim always. */
export function toneProps(
  tone: Tone | undefined,
  color: boolean,
): { color?: string; bold?: boolean; dimColor?: boolean } {
  switch (tone) {
    case 'dim':
      return { dimColor: true };
    case 'bold':
      return { bold: true };
    case 'good':
      return color ? { color: 'green' } : {};
    case 'bad':
      return color ? { color: 'red' } : {};
    case 'warn':
      return color ? { color: 'yellow' } : { bold: true };
    case 'accent':
      return color ? { color: 'cyan' } : {};
    default:
      return {};
  }
}

/** Whether to colour: not with NO_COLOR set (https://no-color.org), not on a dumb terminal. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}
