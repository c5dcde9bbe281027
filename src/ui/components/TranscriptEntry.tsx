import { Box, Text } from 'ink';
import type { Entry } from '../../chat/conversation.js';
import { echoLine, safeLine } from '../../chat/safe-text.js';
import { Lines } from './Lines.js';

/** One finished turn: a question with its answer, something the user typed, or a reply. */
export function TranscriptEntry({ entry, color }: { entry: Entry; color: boolean }) {
  switch (entry.kind) {
    case 'qa':
      // One paragraph, so a narrow terminal wraps it at word boundaries.
      return (
        <Text>
          <Text dimColor>? </Text>
          {safeLine(entry.question)}{' '}
          <Text {...(color ? { color: 'cyan' } : { bold: true })}>{safeLine(entry.answer)}</Text>
          {entry.note ? <Text dimColor> ({safeLine(entry.note)})</Text> : null}
        </Text>
      );
    case 'user':
      return (
        <Text>
          <Text bold>› </Text>
          {echoLine(entry.text)}
        </Text>
      );
    case 'reply':
      return (
        <Box paddingLeft={2} marginBottom={1}>
          <Lines lines={entry.lines} color={color} />
        </Box>
      );
  }
}
