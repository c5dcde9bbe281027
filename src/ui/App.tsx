import { Box, Static, Text, useInput, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect } from 'react';
import { REQUIRED_KEYS } from '../chat/answer-keys.js';
import type { State } from '../chat/conversation.js';
import { Prompt } from './components/Prompt.js';
import { RankingPanel } from './components/RankingPanel.js';
import { TranscriptEntry } from './components/TranscriptEntry.js';
import { questionFor } from '../chat/questions.js';
import { useConversation, type ConversationDeps } from './use-conversation.js';

export interface AppProps extends ConversationDeps {
  initial: State;
  /** What the spinner says while the rules base and prices load ("Fetching live prices…"). */
  loadingText: string;
}

/**
 * The chat: finished turns in <Static> (written once, kept in the scrollback), then the live
 * area: loading status, the ranking, and the question or follow-up prompt.
 */
export function App({ initial, loadingText, ...deps }: AppProps) {
  const { state, dispatch, interrupt, status } = useConversation(initial, deps);
  const { stdout } = useStdout();

  useInput((input, key) => {
    if (key.ctrl && input === 'c') interrupt();
  });

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', width: stdout.columns ?? 80 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);

  const width = state.width;
  const rows = stdout.rows ?? 24;
  const question = state.current ? questionFor(state.current) : null;
  const promptRows = question ? 4 + (question.choices?.length ?? 0) : 2;
  const limit = Math.max(1, Math.min(question ? 3 : 10, rows - promptRows - 5));
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
        <RankingPanel recommendation={state.recommendation} width={width} limit={limit} color={state.color} />
      ) : null}
      {state.rankingError ? <Text bold>No ranking: {state.rankingError}</Text> : null}
      {state.advisor && !state.recommendation && !state.rankingError ? (
        <Text dimColor>
          {`Prices: ${state.advisor.pricing.source} of ${state.advisor.pricing.asOf}, ${state.advisor.pricing.region}. ` +
            `The ranking appears once ${missingText(state)} ${missingCount(state) > 1 ? 'are' : 'is'} answered.`}
        </Text>
      ) : null}
      <Box marginTop={1}>
        <Prompt
          question={question}
          confirm={state.confirm ? `${state.confirm.file} exists. Overwrite it? (y/N)` : null}
          color={state.color}
          onSubmit={(text) => dispatch({ type: 'submit', text })}
        />
      </Box>
    </Box>
  );
}

const missing = (s: State) => REQUIRED_KEYS.filter((k) => s.draft[k] === undefined);
const missingCount = (s: State) => missing(s).length;
const WORDS: Record<string, string> = {
  framework: 'the framework',
  requestsPerSecond: 'the request rate',
  latencyP95Ms: 'the latency target',
  monthlyBudgetUsd: 'the budget',
};
function missingText(s: State): string {
  const words = missing(s).map((k) => WORDS[k] ?? k);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}
