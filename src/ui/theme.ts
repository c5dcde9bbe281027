import type { Tone } from '../chat/explain.js';

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
