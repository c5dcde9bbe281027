import type { CliIo } from '../io/cli-io.js';
import type { Advisor } from './advisor-types.js';
import type { AnswerDraft } from './answer-keys.js';
import { initialState, usableWidth, type Prefill } from './conversation.js';
import { colorAllowed, isInteractive } from './terminal-mode.js';

export interface ChatOptions {
  draft?: AnswerDraft;
  from?: string;
  prefill?: Prefill[];
  knowledgeDir?: string;
  pricing: { mode: 'snapshot' | 'live' | 'auto'; region: string; endpoint?: string | undefined };
}

/**
 * Builds the advisor: the rules base, then the prices (live ones over the network when asked for
 * or when `auto` finds credentials). `onStatus` says what is happening, for the spinner.
 */
export async function loadAdvisor(
  opts: ChatOptions,
  io: CliIo,
  onStatus: (text: string) => void,
): Promise<Advisor> {
  onStatus('Loading the rules base…');
  const [{ createAdvisor }, { resolvePriceBook }, { hasAwsCredentials }] = await Promise.all([
    import('./advisor.js'),
    import('../pricing/flags.js'),
    import('../pricing/resolve.js'),
  ]);
  const live = opts.pricing.mode === 'live' || (opts.pricing.mode === 'auto' && hasAwsCredentials(io.env));
  onStatus(
    live
      ? `Fetching live prices for ${opts.pricing.region} from the AWS Price List API…`
      : `Loading the bundled price snapshot for ${opts.pricing.region}…`,
  );
  const { book, warnings } = await resolvePriceBook(opts.pricing, io);
  const advisor = createAdvisor({
    prices: book,
    ...(opts.knowledgeDir ? { knowledgeDir: opts.knowledgeDir } : {}),
  });
  return { ...advisor, warnings };
}

/** Runs the chat: Ink on a terminal, the plain line mode otherwise. Resolves to the exit code. */
export async function startChat(opts: ChatOptions, io: CliIo): Promise<number> {
  const interactive = isInteractive(io);
  const initial = initialState({
    ...(interactive
      ? {
          intro: [
            {
              text: 'ml-deploy-advisor: where to run your model on AWS, and what it costs.',
              tone: 'bold' as const,
            },
            {
              text: 'A few questions first; Enter takes the default, /help lists what else you can say.',
              tone: 'dim' as const,
            },
          ],
        }
      : {}),
    ...(opts.draft ? { draft: opts.draft } : {}),
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.prefill ? { prefill: opts.prefill } : {}),
    width: usableWidth(io.stdout.columns),
    color: interactive && colorAllowed(io.env),
  });
  if (!interactive) {
    const { runLineMode } = await import('./line-mode.js');
    const advisor = await loadAdvisor(opts, io, () => undefined);
    for (const warning of advisor.warnings ?? []) io.stderr.write(`warning: ${warning}\n`);
    const code = await runLineMode(io, initial, { ...advisor, warnings: [] });
    if (code === 130) leaveSoon(code);
    return code;
  }
  const { runInteractive } = await import('../ui/run-interactive.js');
  const code = await runInteractive({
    io,
    initial,
    loadingText: 'Loading the rules base and prices…',
    loadAdvisor: (_signal, onStatus) => loadAdvisor(opts, io, onStatus),
  });
  leaveSoon(code);
  return code;
}

/**
 * Once the chat is gone (Ctrl+C, /quit) and its work aborted, a request that cannot be aborted
 * (a live price fetch in flight) must not keep the process alive. The timer is unref'd: it fires only if
 * something else still holds the event loop.
 */
function leaveSoon(code: number): void {
  setTimeout(() => process.exit(code), 100).unref();
}
