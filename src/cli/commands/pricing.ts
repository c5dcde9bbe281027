import { UserInputError } from '../../core/errors.js';
import { quoteValue } from '../../core/sanitize.js';
import type { PriceBook } from '../../pricing/types.js';
import { parseFlags } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import {
  PRICING_FLAGS,
  PRICING_FLAGS_HELP,
  pricingOptionsFromFlags,
  resolvePriceBook,
  writePricingWarnings,
} from '../../pricing/flags.js';

/**
 * `pricing show`: the prices in use and where each came from. `pricing refresh`: fetch the live
 * Price List API now and rewrite the cache (exit 1 when the live API cannot be used).
 */
const FLAGS = { ...PRICING_FLAGS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export function pricingHelp(): string {
  return [
    'Usage: ml-deploy-advisor pricing show [--json] [pricing flags]',
    '       ml-deploy-advisor pricing refresh [--json] [--region REGION] [--pricing-endpoint URL]',
    '',
    '  show      the prices in use, each with its source and date, and the on-premises assumptions',
    '  refresh   fetch the live AWS Price List API now and rewrite the cache',
    '',
    'Flags:',
    '  --json                         the result as JSON on stdout',
    PRICING_FLAGS_HELP,
  ].join('\n');
}

export const pricingCommand: Command = async (args, io) => {
  const { values, positionals } = parseFlags('pricing', args, FLAGS, true);
  if (values.help) {
    writeLine(io.stdout, pricingHelp());
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'show' && sub !== 'refresh') {
    throw new UserInputError(
      `pricing: ${sub === undefined ? 'a subcommand is required' : `${quoteValue(String(sub))} is not a subcommand`}; use show or refresh`,
    );
  }
  if (extra.length)
    throw new UserInputError(`pricing ${sub}: unexpected argument ${quoteValue(String(extra[0]))}`);
  const options = pricingOptionsFromFlags(values, io.env);
  if (sub === 'refresh') {
    if (values.pricing !== undefined && values.pricing !== 'live') {
      throw new UserInputError(
        `--pricing: pricing refresh always uses live prices; leave --pricing out or use live`,
      );
    }
    const started = Date.now();
    const { book, warnings, calls, cacheFile } = await resolvePriceBook({ ...options, mode: 'live' }, io, {
      refresh: true,
    });
    writePricingWarnings(io, warnings);
    if (book.info.source !== 'live') {
      writeLine(
        io.stderr,
        'error: pricing refresh failed: the live Price List API could not be used (see the warning above)',
      );
      return 1;
    }
    if (!cacheFile) {
      // Refreshing the cache is the whole job of this command: prices fetched but not kept is a failure.
      writeLine(
        io.stderr,
        'error: pricing refresh failed: the live prices could not be written to the cache (see the warning above)',
      );
      return 1;
    }
    const summary = {
      region: book.info.region,
      source: book.info.source,
      asOf: book.info.asOf,
      prices: book.keys().filter((k) => book.get(k).source.startsWith('AWS Price List API')).length,
      getProductsCalls: calls,
      ms: Date.now() - started,
      cacheFile: cacheFile ?? null,
    };
    if (values.json) writeLine(io.stdout, JSON.stringify(summary, null, 2));
    else {
      writeLine(
        io.stdout,
        `Refreshed ${summary.prices} live prices for ${summary.region} with ${calls} GetProducts calls in ${summary.ms} ms` +
          (cacheFile ? `; cached in ${cacheFile}` : ''),
      );
    }
    return 0;
  }
  const { book, warnings } = await resolvePriceBook(options, io);
  writePricingWarnings(io, warnings);
  if (values.json) writeLine(io.stdout, JSON.stringify(showJson(book), null, 2));
  else writeLine(io.stdout, renderShow(book));
  return 0;
};

export function showJson(book: PriceBook) {
  return {
    pricing: book.info,
    prices: book.keys().map((k) => book.get(k)),
    assumptions: book.assumptionKeys().map((k) => book.assumption(k)),
  };
}

export function renderShow(book: PriceBook): string {
  const { source, region, asOf } = book.info;
  const rows = book.keys().map((k) => {
    const p = book.get(k);
    const usd = p.tiers
      ? p.tiers.map((t) => `$${t.usd}${t.to === null ? '' : ` to ${t.to.toExponential(2)}`}`).join(', ')
      : `$${p.usd}`;
    return [k, `${usd} per ${p.unit}`, p.asOf, p.source];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const assumptions = book.assumptionKeys().map((k) => {
    const a = book.assumption(k);
    return `  ${k}: ${a.value} ${a.unit}. ${a.note}`;
  });
  return [
    `Prices in use: ${source}, ${region}, as of ${asOf}`,
    '',
    ...rows.map(
      (r) =>
        `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`,
    ),
    '',
    'Assumptions (not AWS prices):',
    ...assumptions,
  ].join('\n');
}
