import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { PRICING_FLAGS_HELP } from '../../pricing/flag-help.js';
import { flagHelp, fromNotebookFlag, HELP_FLAG, parseOptions, PRICING_FLAG_TABLE } from '../command-flags.js';

const FLAGS = {
  answers: {
    type: 'string',
    value: 'FILE',
    help: 'preload the answers (JSON or YAML) and open on the ranking',
  },
  ...fromNotebookFlag(['prefill what a Jupyter notebook shows (framework, GPU, model size)']),
  ...PRICING_FLAG_TABLE,
  'knowledge-dir': { type: 'string', value: 'DIR', help: 'use another rules base' },
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor [chat] [--answers FILE] [--from-notebook NB.ipynb] [--knowledge-dir DIR]
       [pricing flags]

The interactive advisor: a few questions about the model and its traffic, then the ranking of
every deployment option with its modelled monthly cost. Ask follow-ups in plain words ("why not
lambda?", "compare lambda and eks", "what if traffic is 10x", "budget is $300") or /help.

${flagHelp(FLAGS)}
${PRICING_FLAGS_HELP}

Without a terminal (piped input or output, or CI) the chat reads one answer per line in
question order, then follow-ups, and prints plain text ending with the ranking; it exits 2 if the
input ends before the required answers (for scripts, prefer \`recommend --answers FILE\`).
Ctrl+C clears the line; pressed again it leaves (exit 130).`;

/**
 * \`chat\`: flags are checked before anything renders (exit 2 with a message); Ink and React are
 * loaded only here, and only on a terminal (see src/chat/start.ts).
 */
export const chatCommand: Command = async (args, io) => {
  const { values } = parseFlags('chat', args, parseOptions(FLAGS));
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  let draft: Record<string, string | number | null> | undefined;
  let region = 'us-east-1';
  const notebook =
    values['from-notebook'] !== undefined
      ? await notebookPrefill(resolve(io.cwd, values['from-notebook']))
      : undefined;
  const prefill = notebook?.prefill;
  if (values.answers !== undefined) {
    const { loadAnswersFile } = await import('../load-answers.js');
    // The notebook's answers first, the file's over them: the same merge as recommend.
    const parsed = await loadAnswersFile(resolve(io.cwd, values.answers), values.answers, notebook?.answers);
    const defaulted = new Set(parsed.defaulted.map((d) => d.field as string));
    draft = Object.fromEntries(
      Object.entries(parsed.answers).filter(([key, value]) => value !== undefined && !defaulted.has(key)),
    );
    region = parsed.answers.region;
  }
  let pricing: { mode: 'snapshot' | 'live' | 'auto'; region: string; endpoint?: string | undefined } = {
    mode: 'auto',
    region,
  };
  if (
    values.pricing !== undefined ||
    values.region !== undefined ||
    values['pricing-endpoint'] !== undefined ||
    io.env.ML_DEPLOY_ADVISOR_PRICING_ENDPOINT
  ) {
    const { pricingOptionsFromFlags } = await import('../../pricing/flags.js');
    pricing = pricingOptionsFromFlags(values, io.env, region);
  }
  const knowledgeDir =
    values['knowledge-dir'] === undefined ? undefined : resolve(io.cwd, values['knowledge-dir']);
  const { startChat } = await import('../../chat/start.js');
  return startChat(
    {
      pricing,
      ...(draft ? { draft, from: values.answers! } : {}),
      ...(prefill ? { prefill } : {}),
      ...(knowledgeDir ? { knowledgeDir } : {}),
    },
    io,
  );
};

/** What a notebook shows about the model (src/notebook), as answers the interview then does not ask. */
async function notebookPrefill(path: string) {
  const { loadNotebookAnswers } = await import('../../notebook/index.js');
  const { detected, answers } = await loadNotebookAnswers(path);
  return {
    answers: answers as Record<string, unknown>,
    prefill: detected.map((d) => ({
      key: d.field,
      value: d.value,
      note: `from the notebook${d.cell ? `, cell ${d.cell}` : ''}: ${d.evidence}`,
    })),
  };
}
