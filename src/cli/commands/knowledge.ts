import { join, resolve } from 'node:path';
import { UserInputError } from '../../core/errors.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { loadReportData } from '../../report/data.js';
import { loadSnapshotPriceBook, snapshotRegions } from '../../pricing/snapshot.js';
import { parseFlags } from '../args.js';
import { flagHelp, HELP_FLAG, parseOptions } from '../command-flags.js';
import { writeLine, type Command } from '../../io/cli-io.js';

const FLAGS = {
  dir: { type: 'string', value: 'DIR', help: 'the rules base to check (default: the bundled knowledge/)' },
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor knowledge check [--dir DIR]

Validates a rules base: every file in DIR against its schema, the ten options present once each,
rules and limits naming known facts, the instance catalogue (instances.yaml: specs, and prices
per region, each sourced) and the price snapshots.
Errors name the file and line; exit 2 when anything is wrong.

${flagHelp(FLAGS, 16)}`;

export const knowledgeCommand: Command = async (args, io) => {
  const { values, positionals } = parseFlags('knowledge', args, parseOptions(FLAGS), true);
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  if (positionals[0] !== 'check' || positionals.length > 1) {
    throw new UserInputError(`knowledge: expected the subcommand "check" (knowledge check [--dir DIR])`);
  }
  const dir = values.dir === undefined ? undefined : resolve(io.cwd, values.dir);
  const knowledge = loadKnowledge(dir, values.dir);
  loadReportData(dir, values.dir);
  const pricesDir = dir ? join(dir, 'prices') : undefined;
  const regions = snapshotRegions(pricesDir);
  for (const region of regions) loadSnapshotPriceBook(region, pricesDir);
  writeLine(
    io.stdout,
    `knowledge ok: ${knowledge.options.length} options, ${knowledge.limits.length} limits, ` +
      `${knowledge.rules.length} rules, ${knowledge.corrections.length} corrections, ` +
      `${knowledge.retired.length} retired services, ${knowledge.instances.length} instance types, report data (tco, organisation, rollout), price snapshots for ${regions.join(', ') || 'no region'}`,
  );
  return 0;
};
