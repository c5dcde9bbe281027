import { createInterface } from 'node:readline';
import type { CliIo } from '../io/cli-io.js';
import type { Advisor } from './advisor-types.js';
import { REQUIRED_KEYS } from './answer-keys.js';
import { currentQuestion, hasRequired, reduce, usableWidth, type Entry, type State } from './conversation.js';
import { runEffect } from './effects.js';
import { echoLine, safeLine } from './safe-text.js';
import { fieldLabel } from './answer-keys.js';
import { rankingLines } from './ranking-text.js';

/**
 * The chat without a terminal (stdin or stdout not a TTY, or CI): one answer per line, in question
 * order, then follow-ups, one per line. Everything printed is plain text: no colour, no cursor
 * movement. At the end of input the ranking is printed (exit 0); if the required answers never
 * came, it says which are missing and points to `recommend --answers` (exit 2).
 */
export function entryText(entry: Entry): string[] {
  switch (entry.kind) {
    case 'qa':
      return [safeLine(`? ${entry.question} ${entry.answer}${entry.note ? ` (${entry.note})` : ''}`)];
    case 'user':
      return [`> ${echoLine(entry.text)}`];
    case 'reply':
      return [...entry.lines.map((l) => safeLine(`  ${l.text}`).trimEnd()), ''];
  }
}

export async function runLineMode(io: CliIo, initial: State, advisor: Advisor): Promise<number> {
  // A reader that goes away (`| head`) ends the chat quietly, as with any line-oriented tool.
  let closed = false;
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    rl.close();
  });
  const out = (text: string) => {
    if (!closed) io.stdout.write(`${text}\n`);
  };
  let state = reduce(initial, { type: 'ready', advisor });
  let printed = 0;
  const controller = new AbortController();
  const flush = async () => {
    // Carry out what the conversation asked for, then print what it said.
    while (state.effects.length) {
      const effects = state.effects;
      state = reduce(state, { type: 'effects-taken', ids: effects.map((e) => e.id) });
      for (const effect of effects) {
        if (effect.kind === 'quit') {
          quit = true;
          continue;
        }
        const result = await runEffect(effect, { cwd: io.cwd, advisor, signal: controller.signal });
        state = reduce(state, { type: 'effect-result', id: effect.id, ...result });
      }
    }
    for (const entry of state.transcript.slice(printed)) for (const line of entryText(entry)) out(line);
    printed = state.transcript.length;
  };
  const ask = () => {
    if (!io.stdin.isTTY) return;
    const q = state.confirm ? null : currentQuestion(state);
    const prompt = state.confirm ? state.confirm.prompt : q ? `${q.prompt} (${q.hint})` : 'follow-up';
    io.stderr.write(`${prompt}\n> `);
  };

  let quit = false;
  let interrupted = false;
  const rl = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  const onSigint = () => {
    interrupted = true;
    controller.abort();
    rl.close();
  };
  process.once('SIGINT', onSigint);
  try {
    await flush();
    ask();
    for await (const line of rl) {
      state = reduce(state, { type: 'submit', text: line });
      await flush();
      if (quit || interrupted || closed) break;
      ask();
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    rl.close();
  }
  if (interrupted) {
    io.stderr.write('\ninterrupted\n');
    return 130;
  }
  // After /quit and "Bye." nothing more is printed.
  if (closed || quit) return 0;
  if (state.recommendation) {
    out('Ranking:');
    for (const line of rankingLines(state.recommendation, usableWidth(io.stdout.columns)))
      out(`  ${line.text}`);
    return 0;
  }
  if (state.rankingError) {
    io.stderr.write(`error: ${state.rankingError}\n`);
    return 2;
  }
  const missing = REQUIRED_KEYS.filter((k) => state.draft[k] === undefined);
  if (!hasRequired(state.draft)) {
    io.stderr.write(
      `error: the input ended before the ${missing.map((k) => `${fieldLabel(k)} (${k})`).join(', ')} ${missing.length > 1 ? 'were' : 'was'} answered.\n` +
        '  Without a terminal the chat reads one answer per line, in question order.\n' +
        '  For scripts, write an answers file and run: ml-deploy-advisor recommend --answers FILE\n',
    );
    return 2;
  }
  // Only reached when the rules base failed to load.
  io.stderr.write(`error: ${state.loadError ?? 'no ranking'}\n`);
  return 1;
}
