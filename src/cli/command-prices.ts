import type { CliIo } from '../io/cli-io.js';
import {
  pricingOptionsFromFlags,
  resolvePriceBook,
  writePricingWarnings,
  type PricingOptions,
} from '../pricing/flags.js';
import type { PriceBook } from '../pricing/types.js';

/**
 * The price book a command's pricing flags ask for (src/pricing/flag-help.ts declares them), with
 * its warnings, and any the command adds, printed on stderr. Apart from command-context.ts so
 * that `cost`, which needs no rules base or answers, loads neither.
 */
export interface PricingFlags {
  pricing?: string | boolean | undefined;
  region?: string | boolean | undefined;
  'pricing-endpoint'?: string | boolean | undefined;
}

/** The price book for the pricing flags, its warnings written to stderr. */
export async function loadCommandPrices(
  flags: PricingFlags,
  io: CliIo,
  defaultRegion?: string,
  extraWarnings: (pricing: PricingOptions) => string[] = () => [],
): Promise<{ pricing: PricingOptions; book: PriceBook }> {
  const pricing = pricingOptionsFromFlags(flags, io.env, defaultRegion);
  const { book, warnings } = await resolvePriceBook(pricing, io);
  writePricingWarnings(io, [...warnings, ...extraWarnings(pricing)]);
  return { pricing, book };
}
