import { createAdvisor } from '../../src/chat/advisor.js';
import { initialState, reduce, type State } from '../../src/chat/conversation.js';

/** What the conversation tests share: one advisor, a started chat, typed lines, the last reply. */
export const advisor = createAdvisor();

export function start(): State {
  return reduce(initialState(), { type: 'ready', advisor });
}

export function type(state: State, ...texts: string[]): State {
  return texts.reduce((s, text) => reduce(s, { type: 'submit', text }), state);
}

export function lastReply(state: State): string {
  const e = [...state.transcript].reverse().find((x) => x.kind === 'reply');
  return e && e.kind === 'reply' ? e.lines.map((l) => l.text).join('\n') : '';
}
