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

/** Erase the screen (2J) and the scrollback (3J), cursor home. */
const CLEAR_SCREEN_AND_SCROLLBACK = '\u001B[2J\u001B[3J\u001B[H';
/** How long the width must stay put before the transcript is written again (dragging a window sends many). */
const REPAINT_AFTER_MS = 150;

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

  // Bumped to write the transcript again after the terminal changed width.
  const [paint, setPaint] = useState(0);
  const paintedAt = useRef(stdout.columns);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const onResize = () => {
      dispatch({ type: 'resize', width: usableWidth(stdout.columns) });
      // The terminal re-wraps what is on screen at the new width, so the rows Ink erases before
      // its next frame no longer match what it wrote: stale status lines stay behind. Once the
      // resizing settles, clear the screen and its scrollback and write the transcript again
      // (a fresh <Static>), as gemini-cli does.
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (stdout.columns === paintedAt.current) return;
        paintedAt.current = stdout.columns;
        stdout.write(CLEAR_SCREEN_AND_SCROLLBACK);
        setPaint((n) => n + 1);
      }, REPAINT_AFTER_MS);
    };
    stdout.on('resize', onResize);
    return () => {
      clearTimeout(timer);
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);

  // Ctrl+C clears the line and drops a pending y/N question; pressed again (with nothing typed
  // since) it leaves.
  const onInterrupt = (hadText: boolean) => {
    if (armed.current && !hadText) {
      interrupt();
      return;
    }
    armed.current = true;
    dispatch({ type: 'cancel' });
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
      <Static key={paint} items={state.transcript}>
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
