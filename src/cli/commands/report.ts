import { resolve } from 'node:path';
import { advise } from '../../advice.js';
import { parseFlags, requireFlag, choiceFlag } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { loadCommandAnswers, loadCommandKnowledge, loadCommandPrices } from '../command-context.js';
import { ANSWERS_FLAGS, HELP_FLAG, KNOWLEDGE_FLAG, PRICING_FLAGS } from '../command-flags.js';
import { PRICING_FLAGS_HELP } from '../../pricing/flag-help.js';

const HELP = `Usage: ml-deploy-advisor report --answers FILE --out FILE.md [--format md|html] [--force] [pricing flags]

Writes the recommendation report: a one-page decision (the pick, its monthly and 36-month cost,
the runner-up, what would change the choice, risks, next actions), the comparison of all ten
options, the assumptions that move the result, costs (cost against traffic with break-even
points, cost of ownership), a rollout plan, organisation advice, and appendices: each option,
corrected facts, inputs as understood, and the sources of every limit and price.

  --answers FILE          the answers file (see README: framework, requestsPerSecond, ...)
  --out FILE              where to write the report (written atomically)
  --format md|html        Markdown, or one self-contained HTML file (default: html when FILE
                          ends in .html, else md)
  --force                 replace FILE if it exists (otherwise it is kept, exit 2)
  --from-notebook NB      merge what a Jupyter notebook shows (framework, GPU, model size) under
                          the answers file's answers, and list the notebook's findings
  --knowledge-dir DIR     use another rules base (default: the bundled knowledge/)
${PRICING_FLAGS_HELP}
(--region defaults to the answers' region.)`;

const FORMATS = ['md', 'html'] as const;

export const reportCommand: Command = async (args, io) => {
  const { values } = parseFlags('report', args, {
    ...ANSWERS_FLAGS,
    out: { type: 'string' },
    format: { type: 'string' },
    force: { type: 'boolean' },
    ...PRICING_FLAGS,
    ...KNOWLEDGE_FLAG,
    ...HELP_FLAG,
  });
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
    `wrote ${outPath} (${format === 'html' ? 'HTML' : 'Markdown'})${top ? `: ${top.option} recommended` : ': no option is feasible'}`,
  );
  return 0;
};
