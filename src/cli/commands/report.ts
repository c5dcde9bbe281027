import { quotePath } from '../../core/sanitize.js';
import { resolve } from 'node:path';
import { advise } from '../../advice.js';
import { parseFlags, requireFlag, choiceFlag } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { loadCommandAnswers, loadCommandKnowledge, loadCommandPrices } from '../command-context.js';
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

const FLAGS = {
  ...ANSWERS_FLAG,
  out: { type: 'string', value: 'FILE', help: 'where to write the report (written atomically)' },
  format: {
    type: 'string',
    value: 'md|html',
    help: ['Markdown, or one self-contained HTML file (default: html when FILE', 'ends in .html, else md)'],
  },
  force: { type: 'boolean', help: 'replace FILE if it exists (otherwise it is kept, exit 2)' },
  ...fromNotebookFlag([
    'merge what a Jupyter notebook shows (framework, GPU, model size) under',
    "the answers file's answers, and list the notebook's findings",
  ]),
  ...PRICING_FLAG_TABLE,
  ...KNOWLEDGE_FLAG,
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor report --answers FILE --out FILE.md [--format md|html] [--force]
       [--from-notebook NB.ipynb] [--knowledge-dir DIR] [pricing flags]

Writes the recommendation report: a one-page decision (the pick, its monthly and 36-month cost,
the runner-up, what would change the choice, risks, next actions), the comparison of all ten
options, the assumptions that move the result, costs (cost against traffic with break-even
points, cost of ownership), a rollout plan, organisation advice, and appendices: each option,
corrected facts, inputs as understood, and the sources of every limit and price.

${flagHelp(FLAGS)}
${PRICING_FLAGS_HELP}
(--region defaults to the answers' region.)`;

const FORMATS = ['md', 'html'] as const;

export const reportCommand: Command = async (args, io) => {
  const { values } = parseFlags('report', args, parseOptions(FLAGS));
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const outPath = requireFlag('report', 'out', values.out, 'the report file to write, e.g. report.md');
  // Without --format, an .html or .htm name asks for HTML; anything else is Markdown.
  const format = choiceFlag('format', values.format, FORMATS) ?? (/\.html?$/i.test(outPath) ? 'html' : 'md');
  const { knowledge, knowledgePath } = loadCommandKnowledge(values, io);
  const { parsed, summary, notebook } = await loadCommandAnswers('report', values, io);
  const report = await import('../../report/index.js');
  const resources = report.loadReportResources(knowledgePath, values['knowledge-dir']);
  const { book } = await loadCommandPrices(values, io, parsed.answers.region);
  const recommendation = advise(parsed, knowledge, book);
  const input = {
    recommendation,
    knowledge,
    prices: book,
    generatedOn: new Date().toISOString().slice(0, 10),
    // The kinds of finding tailor the organisation advice (an analyst's notebook or a clean one).
    ...(summary
      ? {
          notebook: {
            ...summary,
            findingKinds: summary.findingKinds ?? notebook?.analysis.findings.map((f) => f.kind) ?? [],
          },
          fromNotebook: parsed.fromNotebook,
        }
      : {}),
  };
  const text =
    format === 'html'
      ? report.renderReportHtml(input, resources)
      : report.renderReportMarkdown(input, resources);
  await report.writeFileAtomic(resolve(io.cwd, outPath), text, {
    force: values.force === true,
    shownAs: outPath,
  });
  const top = recommendation.ranking.find((r) => r.feasible);
  writeLine(
    io.stderr,
    `wrote ${quotePath(outPath)} (${format === 'html' ? 'HTML' : 'Markdown'})${top ? `: ${top.option} recommended` : ': no option is feasible'}`,
  );
  return 0;
};
