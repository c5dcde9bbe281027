import { UserInputError } from '../../core/errors.js';
import { quotePath, quoteValue } from '../../core/sanitize.js';
import { isOptionId, OPTION_IDS } from '../../core/options.js';
import { parseFlags, requireFlag } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { loadCommandAnswers, loadCommandKnowledge, loadCommandPrices } from '../command-context.js';
import { flagHelp, fromNotebookFlag, HELP_FLAG, parseOptions, PRICING_FLAG_TABLE } from '../command-flags.js';
import { PRICING_FLAGS_HELP } from '../../pricing/flag-help.js';
import { pricingOptionsFromFlags } from '../../pricing/flags.js';

const FLAGS = {
  answers: { type: 'string', value: 'FILE', help: 'the interview answers (JSON or YAML)' },
  target: { type: 'string', value: 'OPTION', help: `one of ${OPTION_IDS.join(', ')}` },
  out: {
    type: 'string',
    value: 'DIR',
    help: 'where to write; must be empty (a .git folder is fine) unless --force',
  },
  'dry-run': { type: 'boolean', help: 'list every file that would be written, write nothing' },
  force: {
    type: 'boolean',
    help: [
      'write into a non-empty folder, replacing files of the same name; also',
      'scaffold an option the advisor marks infeasible for the answers (with a',
      'warning naming its blockers; without --force that exits 2)',
    ],
  },
  ...fromNotebookFlag([
    'prefill answers from a Jupyter notebook, seed app/notebook_code.py with its',
    'code and list its findings in the README',
  ]),
  ...PRICING_FLAG_TABLE,
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor scaffold --answers FILE --target OPTION --out DIR [--dry-run] [--force]

Generates the starter deployment repository for one option: serving code, tests, Dockerfile,
infrastructure, CI, monitoring and docs/RECOMMENDATION.md.

${flagHelp(FLAGS, 21)}
${PRICING_FLAGS_HELP}
(--region, the pricing region, defaults to the answers' region.)
`;

/** `scaffold`: flags in, files out. The work is in src/scaffold (plan, render, write). */
export const scaffoldCommand: Command = async (args, io) => {
  const { values } = parseFlags('scaffold', args, parseOptions(FLAGS));
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const target = requireFlag('scaffold', 'target', values.target, `one of ${OPTION_IDS.join(', ')}`);
  const out = requireFlag('scaffold', 'out', values.out, 'the folder to write the repository into');
  if (!isOptionId(target)) {
    throw new UserInputError(
      `--target: ${quoteValue(String(target))} is not allowed; use one of ${OPTION_IDS.join(', ')}`,
    );
  }
  const { resolve } = await import('node:path');
  const { parsed, notebook, summary } = await loadCommandAnswers('scaffold', values, io);
  const seeded =
    notebook && summary
      ? {
          code: (await import('../../notebook/index.js')).notebookCode(notebook.analysis),
          summary,
          fromNotebook: parsed.fromNotebook,
        }
      : undefined;
  // The pricing flags are checked before the scaffold modules load, as before.
  pricingOptionsFromFlags(values, io.env, parsed.answers.region);
  const [{ prepareScaffold }, { writeScaffold, InterruptedError }] = await Promise.all([
    import('../../scaffold/service.js'),
    import('../../scaffold/write.js'),
  ]);
  const { book: prices } = await loadCommandPrices(values, io, parsed.answers.region);
  const prepared = await prepareScaffold({
    parsed,
    option: target,
    knowledge: loadCommandKnowledge({}, io).knowledge,
    prices,
    generatedOn: new Date().toISOString().slice(0, 10),
    force: values.force === true,
    ...(seeded ? { notebook: seeded } : {}),
  });
  if (prepared.costError) writeLine(io.stderr, `warning: cost not modelled: ${prepared.costError}`);
  for (const warning of prepared.warnings) writeLine(io.stderr, `warning: ${warning}`);

  const where = resolve(io.cwd, out);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const result = await writeScaffold(where, prepared.files, {
      force: values.force === true,
      dryRun: values['dry-run'] === true,
      signal: controller.signal,
      // Test hook: slows the write so a test can interrupt it half-way.
      pauseMs: Number(io.env.ML_DEPLOY_ADVISOR_TEST_SLOW_WRITE_MS) || 0,
    });
    if (result.how === 'dry-run') {
      writeLine(
        io.stdout,
        `dry run: would write ${result.files.length} files to ${quotePath(where)} (nothing written)`,
      );
    } else {
      writeLine(io.stderr, `wrote ${result.files.length} files to ${quotePath(where)}`);
    }
    for (const file of result.files) {
      const mode = (file.mode & 0o111 ? 'x ' : '  ') + file.path;
      const replaced = result.overwritten.includes(file.path) ? '  (replaces an existing file)' : '';
      if (result.how === 'dry-run') writeLine(io.stdout, `${mode}${replaced}`);
    }
    if (result.how !== 'dry-run') {
      writeLine(io.stdout, where);
      for (const path of result.overwritten) writeLine(io.stderr, `replaced ${path}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof InterruptedError) {
      writeLine(io.stderr, `${error.message}`);
      return 130;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
};
