import { Box, Text } from 'ink';
import type { Entry } from '../conversation.js';
import { Lines } from './Lines.js';

/** One finished turn: a question with its answer, something the user typed, or a reply. */
export function TranscriptEntry({ entry, color }: { entry: Entry; color: boolean }) {
  switch (entry.kind) {
    case 'qa':
      return (
        <Box>
          <Text dimColor>? </Text>
          <Text>
            {entry.question} <Text {...(color ? { color: 'cyan' } : { bold: true })}>{entry.answer}</Text>
            {entry.note ? <Text dimColor> ({entry.note})</Text> : null}
          </Text>
        </Box>
      );
    case 'user':
      return (
        <Box>
          <Text bold>› </Text>
          <Text>{entry.text}</Text>
        </Box>
      );
    case 'reply':
      return (
        <Box paddingLeft={2} marginBottom={1}>
          <Lines lines={entry.lines} color={color} />
        </Box>
      );
  }
}
