import { UserInputError } from '../../core/errors.js';
import { isOptionId, OPTION_IDS } from '../../core/options.js';
import { choiceFlag, parseFlags, requireFlag } from '../args.js';
import { writeLine, type Command } from '../io.js';
import { loadAnswersFile } from '../load-answers.js';

const HELP = `Usage: ml-deploy-advisor scaffold --answers FILE --target OPTION --out DIR [--dry-run] [--force]

Generates the starter deployment repository for one option: serving code, tests, Dockerfile,
infrastructure, CI, monitoring and docs/RECOMMENDATION.md.

  --answers FILE     the interview answers (JSON or YAML)
  --target OPTION    one of ${OPTION_IDS.join(', ')}
  --out DIR          where to write; must be empty (a .git folder is fine) unless --force
  --dry-run          list every file that would be written, write nothing
  --force            write into a non-empty folder, replacing files of the same name
  --pricing MODE     snapshot | live | auto (default auto) for the cost in the README
  --region REGION    pricing region (default: the answers' region)
  --pricing-endpoint URL  Pricing API endpoint (also ML_DEPLOY_ADVISOR_PRICING_ENDPOINT)
`;

/** `scaffold`: flags in, files out. The work is in src/scaffold (plan, render, write). */
export const scaffoldCommand: Command = async (args, io) => {
  const { values } = parseFlags('scaffold', args, {
    answers: { type: 'string' },
    target: { type: 'string' },
    out: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    pricing: { type: 'string' },
    region: { type: 'string' },
    'pricing-endpoint': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const answersPath = requireFlag('scaffold', 'answers', values.answers, 'the answers file, JSON or YAML');
  const target = requireFlag('scaffold', 'target', values.target, `one of ${OPTION_IDS.join(', ')}`);
  const out = requireFlag('scaffold', 'out', values.out, 'the folder to write the repository into');
  if (!isOptionId(target)) {
    throw new UserInputError(
      `--target: ${JSON.stringify(target)} is not allowed; use one of ${OPTION_IDS.join(', ')}`,
    );
  }
  choiceFlag('pricing', values.pricing, ['snapshot', 'live', 'auto'] as const);

  const parsed = await loadAnswersFile(answersPath);
  const [{ loadKnowledge }, { prepareScaffold }, { writeScaffold, InterruptedError }, { resolve }] =
    await Promise.all([
      import('../../knowledge/load.js'),
      import('../../scaffold/service.js'),
      import('../../scaffold/write.js'),
      import('node:path'),
    ]);
  const region = values.region ?? parsed.answers.region;
  let prices = null;
  try {
    const { loadSnapshotPriceBook } = await import('../../pricing/snapshot.js');
    prices = loadSnapshotPriceBook(region);
  } catch (error) {
    writeLine(
      io.stderr,
      `warning: no prices for ${region}; the scaffold will not state a cost (${String(error)})`,
    );
  }
  const prepared = await prepareScaffold({ parsed, option: target, knowledge: loadKnowledge(), prices });
  if (prepared.costError) writeLine(io.stderr, `warning: cost not modelled: ${prepared.costError}`);

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
      writeLine(io.stdout, `dry run: would write ${result.files.length} files to ${where} (nothing written)`);
    } else {
      writeLine(io.stderr, `wrote ${result.files.length} files to ${where}`);
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
