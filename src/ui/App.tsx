import { Box, Static, Text, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useRef, useState } from 'react';
import { hasRequired, unsaved, usableWidth, type State } from '../chat/conversation.js';
import { currentQuestion, missingText } from '../chat/conversation-core.js';
import { rankingSummary } from '../chat/ranking-text.js';
import { MAX_LINE } from '../chat/safe-text.js';
import { Prompt } from './components/Prompt.js';
import { TranscriptEntry } from './components/TranscriptEntry.js';
import { useConversation, type ConversationDeps } from './use-conversation.js';

export interface AppProps extends ConversationDeps {
  initial: State;
  /** What the spinner says while the rules base and prices load ("Fetching live prices…"). */
  loadingText: string;
}

/**
 * The chat: finished turns in <Static> (written once, kept in the scrollback), then a small live
 * area: loading status, the ranking in one line, a notice, and the question or follow-up prompt.
 * Keeping the live area small keeps the answer just given in view on an 80x24 terminal.
 */
export function App({ initial, loadingText, ...deps }: AppProps) {
  const { state, dispatch, interrupt, status } = useConversation(initial, deps);
  const { stdout } = useStdout();
  // A ref, not state: two Ctrl+C in one read arrive before React re-renders.
  const armed = useRef(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', width: usableWidth(stdout.columns) });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);

  // Ctrl+C clears the line; pressed again (with nothing typed since) it leaves.
  const onInterrupt = (hadText: boolean) => {
    if (armed.current && !hadText) {
      interrupt();
      return;
    }
    armed.current = true;
    setNotice(
      unsaved(state)
        ? 'Press Ctrl+C again to leave. Your answers are not saved: /save keeps them (YAML or JSON).'
        : 'Press Ctrl+C again to leave.',
    );
  };

  const width = state.width;
  const question = currentQuestion(state);
  const loading = !state.advisor && !state.loadError;

  return (
    <Box flexDirection="column" width={width}>
      <Static items={state.transcript}>
        {(entry) => <TranscriptEntry key={entry.id} entry={entry} color={state.color} />}
      </Static>
      {loading ? (
        <Text dimColor>
          <Spinner type="dots" /> {status ?? loadingText}
        </Text>
      ) : null}
      {state.recommendation ? (
        <Text dimColor wrap="truncate-end">
          {rankingSummary(state.recommendation, width)}
        </Text>
      ) : null}
      {state.rankingError ? <Text bold>No ranking: {state.rankingError}</Text> : null}
      {state.advisor && !state.recommendation && !state.rankingError && !hasRequired(state.draft) ? (
        <Text dimColor>
          {`Prices: ${state.advisor.pricing.source} of ${state.advisor.pricing.asOf}, ${state.advisor.pricing.region}. ` +
            `The ranking appears once the ${missingText(state.draft)} ${missingCount(state) > 1 ? 'are' : 'is'} answered.`}
        </Text>
      ) : null}
      {notice ? (
        <Text {...(state.color ? { color: 'yellow' } : { bold: true })} wrap="wrap">
          {notice}
        </Text>
      ) : null}
      <Box marginTop={1}>
        <Prompt
          question={question}
          confirm={state.confirm ? state.confirm.prompt : null}
          color={state.color}
          width={width}
          onSubmit={(text) => {
            armed.current = false;
            setNotice(null);
            dispatch({ type: 'submit', text });
          }}
          onInterrupt={onInterrupt}
          onCut={() =>
            setNotice(
              `That paste was longer than ${MAX_LINE} characters; the line holds the first ${MAX_LINE}.`,
            )
          }
        />
      </Box>
    </Box>
  );
}

const missingCount = (s: State) => missingText(s.draft).split(/, | and /).length;
