import { Box, Text } from 'ink';
import type { Recommendation } from '../../core/engine.js';
import { headline, pricingLine } from '../../chat/ranking-text.js';
import { usd } from '../../chat/text-table.js';

export interface RankingPanelProps {
  recommendation: Recommendation;
  width: number;
  /** How many options to list; the rest are counted. */
  limit?: number;
  color: boolean;
}

/**
 * The ranking: rank, option, score, modelled monthly cost and a one-line reason. Infeasible
 * options are dimmed with their blocker. The price source and date are always shown. Columns are
 * Ink boxes, so wide characters are measured in cells; the reason column goes first when narrow.
 */
export function RankingPanel({ recommendation: rec, width, limit = 10, color }: RankingPanelProps) {
  const showReason = width >= 60;
  const optionWidth = Math.min(22, Math.max(10, width - 22));
  // Fixed columns never shrink; the reason gets what is left and is cut to one line.
  const reasonWidth = Math.max(0, width - 4 - optionWidth - 7 - 10 - 2 - 1);
  const shown = rec.ranking.slice(0, limit);
  const hidden = rec.ranking.length - shown.length;
  return (
    <Box flexDirection="column" marginTop={1} width={Math.max(20, width)}>
      <Box>
        <Box width={4} flexShrink={0}>
          <Text bold>#</Text>
        </Box>
        <Box width={optionWidth} flexShrink={0}>
          <Text bold>option</Text>
        </Box>
        <Box width={7} flexShrink={0} justifyContent="flex-end">
          <Text bold>score</Text>
        </Box>
        <Box width={10} flexShrink={0} justifyContent="flex-end">
          <Text bold>monthly</Text>
        </Box>
        {showReason ? (
          <Box width={reasonWidth} marginLeft={2}>
            <Text bold>why</Text>
          </Box>
        ) : null}
      </Box>
      {shown.map((r) => {
        const dim = !r.feasible;
        const scoreColor = color && r.feasible ? { color: r.rank === 1 ? 'green' : undefined } : {};
        return (
          <Box key={r.option}>
            <Box width={4} flexShrink={0}>
              <Text dimColor={dim}>{r.rank}</Text>
            </Box>
            <Box width={optionWidth} flexShrink={0}>
              <Text dimColor={dim} bold={r.rank === 1} wrap="truncate-end">
                {r.option}
              </Text>
            </Box>
            <Box width={7} flexShrink={0} justifyContent="flex-end">
              <Text dimColor={dim} {...scoreColor}>
                {r.feasible ? r.score : '✗'}
              </Text>
            </Box>
            <Box width={10} flexShrink={0} justifyContent="flex-end">
              <Text dimColor={dim}>{r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd)}</Text>
            </Box>
            {showReason ? (
              <Box width={reasonWidth} marginLeft={2}>
                <Text dimColor={dim} wrap="truncate-end">
                  {headline(r)}
                </Text>
              </Box>
            ) : null}
          </Box>
        );
      })}
      {hidden > 0 ? <Text dimColor>{`  …and ${hidden} more (/ranking)`}</Text> : null}
      <Text dimColor wrap="truncate-end">
        {pricingLine(rec)}
      </Text>
    </Box>
  );
}
