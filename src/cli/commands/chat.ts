import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';

const HELP = `Usage: ml-deploy-advisor [chat] [--answers FILE] [--from-notebook NB.ipynb] [pricing flags]

The interactive advisor: a few questions about the model and its traffic, then the ranking of
every deployment option with its modelled monthly cost. Ask follow-ups in plain words ("why not
lambda?", "compare lambda and eks", "what if traffic is 10x", "budget is $300") or /help.

  --answers FILE          preload the answers (JSON or YAML) and open on the ranking
  --from-notebook NB      prefill what a Jupyter notebook shows (framework, GPU, model size)
  --pricing MODE          snapshot | live | auto (default auto: live with AWS credentials)
  --region REGION         AWS region of the prices (default: the answers' region, else us-east-1)
  --pricing-endpoint URL  Pricing API endpoint (also ML_DEPLOY_ADVISOR_PRICING_ENDPOINT)
  --knowledge-dir DIR     use another rules base

Without a terminal (piped input or output, or CI) the chat reads one answer per line in
question order, then follow-ups, and prints plain text ending with the ranking; it exits 2 if the
input ends before the required answers (for scripts, prefer \`recommend --answers FILE\`).
Ctrl+C leaves at once (exit 130).`;

/**
 * \`chat\`: flags are checked before anything renders (exit 2 with a message); Ink and React are
 * loaded only here, and only on a terminal (see src/chat/start.ts).
 */
export const chatCommand: Command = async (args, io) => {
  const { values } = parseFlags('chat', args, {
    answers: { type: 'string' },
    'from-notebook': { type: 'string' },
    pricing: { type: 'string' },
    region: { type: 'string' },
    'pricing-endpoint': { type: 'string' },
    'knowledge-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  let draft: Record<string, string | number | null> | undefined;
  let region = 'us-east-1';
  if (values.answers !== undefined) {
    const { loadAnswersFile } = await import('../load-answers.js');
    const parsed = await loadAnswersFile(resolve(io.cwd, values.answers));
    const defaulted = new Set(parsed.defaulted.map((d) => d.field as string));
    draft = Object.fromEntries(
      Object.entries(parsed.answers).filter(([key, value]) => value !== undefined && !defaulted.has(key)),
    );
    region = parsed.answers.region;
  }
  const prefill =
    values['from-notebook'] !== undefined
      ? await notebookPrefill(resolve(io.cwd, values['from-notebook']))
      : undefined;
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
  const { detected } = await loadNotebookAnswers(path);
  return detected.map((d) => ({
    key: d.field,
    value: d.value,
    note: `from the notebook${d.cell ? `, cell ${d.cell}` : ''}: ${d.evidence}`,
  }));
}
