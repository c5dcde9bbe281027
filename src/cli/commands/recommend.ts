import { advise } from '../../advice.js';
import { parseFlags } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { loadCommandContext } from '../command-context.js';
import {
  ANSWERS_FLAG,
  flagHelp,
  fromNotebookFlag,
  HELP_FLAG,
  KNOWLEDGE_FLAG,
  parseOptions,
  PRICING_FLAG_TABLE,
} from '../command-flags.js';
import { PRICING_FLAGS_HELP } from '../../pricing/flag-help.js';
import { recommendationJson } from '../ranking-json.js';
import { rankingTable } from '../ranking-table.js';

const FLAGS = {
  ...ANSWERS_FLAG,
  json: { type: 'boolean', help: 'print the ranking as JSON (alone on stdout)' },
  ...fromNotebookFlag([
    'prefill framework, GPU and model size from a Jupyter notebook (the',
    'answers file wins where it says otherwise); findings go to stderr',
  ]),
  ...PRICING_FLAG_TABLE,
  ...KNOWLEDGE_FLAG,
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor recommend --answers FILE [--json] [--from-notebook NB.ipynb]
       [--knowledge-dir DIR] [pricing flags]

Scores every deployment option for the answers in FILE (JSON or YAML) and prints the ranking:
feasible options first by score (0-100), each with its modelled monthly cost and the rules that
moved its score; infeasible ones with the limit they break.

${flagHelp(FLAGS)}
${PRICING_FLAGS_HELP}
(--region defaults to the answers' region.)`;

export const recommendCommand: Command = async (args, io) => {
  const { values } = parseFlags('recommend', args, parseOptions(FLAGS));
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const { knowledge, parsed, summary, book } = await loadCommandContext('recommend', values, io, {
    // The notebook's findings come before the price warnings, as they always have.
    async afterAnswers({ notebook }) {
      if (!notebook) return;
      const { formatFindings } = await import('../../notebook/index.js');
      const findings = formatFindings(notebook.analysis.findings, 'terminal');
      if (findings.trim()) writeLine(io.stderr, `notebook ${values['from-notebook']}:\n${findings}`);
    },
  });
  const recommendation = advise(parsed, knowledge, book);
  if (values.json) {
    writeLine(
      io.stdout,
      JSON.stringify(recommendationJson(recommendation, parsed.fromNotebook, summary), null, 2),
    );
  } else {
    writeLine(io.stdout, rankingTable(recommendation, io.stdout.columns));
  }
  return 0;
};
