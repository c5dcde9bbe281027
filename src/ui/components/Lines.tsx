import { Box, Text } from 'ink';
import type { Line } from '../../chat/explain.js';
import { safeLine } from '../../chat/safe-text.js';
import { toneProps } from '../theme.js';

/** Reply lines, each in its tone (and coloured runs, for the chart). Long lines wrap inside the terminal width. */
export function Lines({ lines, color }: { lines: readonly Line[]; color: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} {...toneProps(line.tone, color)}>
          {color && line.segments
            ? line.segments.map((segment, j) => (
                <Text key={j} {...(segment.color ? { color: segment.color } : {})}>
                  {safeLine(segment.text)}
                </Text>
              ))
            : safeLine(line.text) || ' '}
        </Text>
      ))}
    </Box>
  );
}
