import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { guardInput } from '../../src/chat/input-keys.js';
import type { Advisor } from '../../src/chat/advisor-types.js';
import { createAdvisor } from '../../src/chat/advisor.js';
import { initialState, type Prefill } from '../../src/chat/conversation.js';
import type { AnswerDraft } from '../../src/chat/answer-keys.js';

/**
 * Renders the chat as a person would see it and types into it: render, wait for text, yield once
 * so the input hook has subscribed, write, wait for the frame to change.
 */
let shared: Advisor | undefined;
export const realAdvisor = (): Advisor => (shared ??= createAdvisor());

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const tick = () => new Promise<void>((r) => setImmediate(r));

export interface Chat {
  frame: () => string;
  /** Types a line and presses Enter; resolves once the screen has changed. */
  say: (text: string) => Promise<string>;
  key: (sequence: string) => Promise<string>;
  /** Writes raw bytes in one write, as a terminal delivers a paste or two quick key presses. */
  write: (data: string) => void;
  waitForText: (text: string | RegExp) => Promise<void>;
  exits: number[];
  cwd: string;
  unmount: () => void;
}

export async function startChat(
  opts: {
    draft?: AnswerDraft;
    prefill?: Prefill[];
    cwd?: string;
    width?: number;
    color?: boolean;
    advisor?: (signal: AbortSignal, onStatus: (text: string) => void) => Promise<Advisor>;
  } = {},
): Promise<Chat> {
  const exits: number[] = [];
  // A folder of its own, so /save, /report and /scaffold never write into the checkout.
  const cwd = opts.cwd ?? mkdtempSync(join(tmpdir(), 'chat-'));
  const initial = initialState({
    ...(opts.draft ? { draft: opts.draft, from: 'answers.yaml' } : {}),
    ...(opts.prefill ? { prefill: opts.prefill } : {}),
    width: opts.width ?? 100,
    color: opts.color ?? false,
  });
  const instance = render(
    <App
      initial={initial}
      loadingText="Loading the rules base and prices…"
      loadAdvisor={opts.advisor ?? (async () => realAdvisor())}
      cwd={cwd}
      onExit={(code) => exits.push(code)}
    />,
  );
  // The same guard the real chat puts in front of stdin (src/ui/run-interactive.tsx).
  guardInput(instance.stdin as unknown as { read: () => unknown });
  const frame = () => instance.lastFrame() ?? '';
  const waitForText = async (text: string | RegExp) => {
    await waitFor(
      // Long lines wrap at the terminal width: match the frame as written and with lines joined.
      () =>
        [frame(), frame().replace(/\s+/g, ' ')].some((f) =>
          typeof text === 'string' ? f.includes(text) : text.test(f),
        ),
      `"${String(text)}" in:\n${frame()}`,
    );
  };
  const changeAfter = async (write: () => void) => {
    await tick();
    const before = frame();
    write();
    await waitFor(() => frame() !== before, 'the screen to change');
    await tick();
    return frame();
  };
  return {
    frame,
    waitForText,
    exits,
    cwd,
    unmount: () => instance.unmount(),
    key: (sequence) => changeAfter(() => instance.stdin.write(sequence)),
    write: (data) => instance.stdin.write(data),
    say: async (text) => {
      if (text) await changeAfter(() => instance.stdin.write(text));
      return changeAfter(() => instance.stdin.write('\r'));
    },
  };
}
