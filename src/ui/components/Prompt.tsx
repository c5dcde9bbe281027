import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { commandsMatching } from '../../chat/commands.js';
import type { Question } from '../../chat/questions.js';
import { useLineInput } from '../use-line-input.js';

export interface PromptProps {
  /** The question on screen, or null for a follow-up. */
  question: Question | null;
  /** A question that replaces the normal prompt (overwrite a file? y/N, or another name). */
  confirm?: string | null;
  color: boolean;
  width: number;
  onSubmit: (text: string) => void;
  /** Ctrl+C: `hadText` when it cleared the line. */
  onInterrupt: (hadText: boolean) => void;
  /** A paste was cut to the longest line read. */
  onCut: () => void;
}

function startOf(question: Question | null): number {
  return question?.choices && question.defaultText ? question.choices.indexOf(question.defaultText) : -1;
}

/**
 * The live input line. For questions with choices, the arrow keys move a highlight and Enter on
 * an empty line picks it; typing always works ("sklearn", "20 rps", "why not lambda?"). Enter on
 * an empty line accepts the default. Typing `/` opens the command menu (Tab completes). One
 * instance lives for the whole chat, so no key is lost while a new question mounts.
 */
export function Prompt({ question, confirm, color, width, onSubmit, onInterrupt, onCut }: PromptProps) {
  const choices = question?.choices ?? [];
  const [highlight, setHighlight] = useState({ key: question?.key, index: startOf(question) });
  // A new question starts from its default choice.
  const current = highlight.key === question?.key ? highlight.index : startOf(question);
  const latest = useRef({ question, choices, current, confirm });
  latest.current = { question, choices, current, confirm };

  // Earlier lines, recalled with the arrow keys where they do not move a highlight.
  const history = useRef<{ lines: string[]; at: number }>({ lines: [], at: 0 });

  const { value, set } = useLineInput(
    (text) => {
      if (text.trim()) history.current.lines.push(text);
      history.current.at = history.current.lines.length;
      const { question: q, choices: c, current: index, confirm: asking } = latest.current;
      const picked = c[index];
      if (text.trim() === '' && picked && !asking) {
        onSubmit(picked === q?.defaultText ? '' : picked);
        return;
      }
      onSubmit(text);
    },
    {
      onArrow: (key, empty) => {
        const { question: q, choices: c, current: index } = latest.current;
        if (!c.length || !empty) {
          const h = history.current;
          if (!h.lines.length) return;
          h.at = Math.max(0, Math.min(h.lines.length, h.at + (key.up ? -1 : 1)));
          set(h.lines[h.at] ?? '');
          return;
        }
        const next = key.up ? (index <= 0 ? c.length - 1 : index - 1) : (index + 1) % c.length;
        latest.current.current = next;
        setHighlight({ key: q?.key, index: next });
      },
      onInterrupt,
      onCut,
      onTab: (typed) => {
        const found = typed.startsWith('/') ? commandsMatching(typed) : [];
        return found[0] ? `/${found[0].name} ` : null;
      },
    },
  );

  const accent = color ? { color: 'cyan' } : { bold: true };
  const menu = value.startsWith('/') ? commandsMatching(value).slice(0, 8) : [];
  // A long line shows its end, so the cursor stays in view.
  const room = Math.max(10, width - 4);
  const shown = value.length > room ? `…${value.slice(-(room - 1))}` : value;
  return (
    <Box flexDirection="column">
      {confirm ? (
        <Text bold wrap="wrap">
          {confirm}
        </Text>
      ) : question ? (
        <>
          <Text bold>
            <Text {...accent}>? </Text>
            {question.prompt}
          </Text>
          <Box paddingLeft={2}>
            <Text
              dimColor
            >{`${question.hint}${question.defaultText ? ` (Enter: ${question.defaultText})` : ''}`}</Text>
          </Box>
          {choices.map((choice, i) => (
            <Text key={choice} {...(i === current ? accent : { dimColor: true })}>
              {i === current ? '  ❯ ' : '    '}
              {choice}
              {choice === question.defaultText ? ' (default)' : ''}
            </Text>
          ))}
        </>
      ) : null}
      <Box>
        <Text {...accent}>› </Text>
        <Text>{shown}</Text>
        <Text inverse> </Text>
        {/* After the interview the hint sits in the empty line, saving a row on small terminals. */}
        {!question && !confirm && !value ? (
          <Text dimColor> Ask a follow-up, change an answer, or type / for commands.</Text>
        ) : null}
      </Box>
      {menu.length ? (
        <Box flexDirection="column" paddingLeft={2}>
          {menu.map((c) => (
            <Text key={c.name} dimColor wrap="truncate-end">
              {`/${c.name}${c.args ? ` ${c.args}` : ''}  ${c.text}`}
            </Text>
          ))}
          <Text dimColor>Tab completes.</Text>
        </Box>
      ) : null}
    </Box>
  );
}
