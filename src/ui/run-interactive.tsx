import { render } from 'ink';
import type { CliIo } from '../io/cli-io.js';
import { guardInput } from '../chat/input-keys.js';
import { App } from './App.js';
import type { Advisor } from '../chat/advisor-types.js';
import type { State } from '../chat/conversation.js';

export interface InteractiveOptions {
  io: CliIo;
  initial: State;
  loadAdvisor: (signal: AbortSignal, onStatus: (text: string) => void) => Promise<Advisor>;
  loadingText: string;
}

/**
 * Renders the chat on a terminal and resolves to the exit code: 0 after /quit, 130 after Ctrl+C
 * (raw mode turns it into a key press; a SIGINT from elsewhere is handled the same way). Ink
 * restores the cursor and the terminal mode when it unmounts.
 */
export function runInteractive({
  io,
  initial,
  loadAdvisor,
  loadingText,
}: InteractiveOptions): Promise<number> {
  return new Promise((resolve) => {
    let code = 0;
    let exiting = false;
    const onExit = (exitCode: number) => {
      if (exiting) return;
      exiting = true;
      code = exitCode;
      app.unmount();
    };
    const onSigint = () => onExit(130);
    process.once('SIGINT', onSigint);
    const app = render(
      <App
        initial={initial}
        loadAdvisor={loadAdvisor}
        loadingText={loadingText}
        cwd={io.cwd}
        onExit={onExit}
      />,
      {
        stdout: io.stdout as NodeJS.WriteStream,
        // Split and filter raw input before Ink's key parser sees it (see chat/input-keys.ts).
        stdin: guardInput(io.stdin as NodeJS.ReadStream),
        stderr: io.stderr as NodeJS.WriteStream,
        exitOnCtrlC: false,
        patchConsole: false,
      },
    );
    void app.waitUntilExit().then(
      () => {
        process.removeListener('SIGINT', onSigint);
        resolve(code);
      },
      () => {
        process.removeListener('SIGINT', onSigint);
        resolve(code || 1);
      },
    );
  });
}
