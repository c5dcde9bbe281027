import { UserInputError } from '../core/errors.js';
import { quoteValue } from '../core/sanitize.js';
import type { PriceBook } from './types.js';
import {
  DEFAULT_PRICING_REGION,
  PRICING_MODES,
  pricingTimeoutMs,
  resolvePrices,
  type PricingMode,
  type ResolvedPrices,
} from './resolve.js';
import { writeLine, type CliIo } from '../io/cli-io.js';
import { PRICING_ENDPOINT_ENV } from './flag-help.js';

export { PRICING_FLAGS, PRICING_FLAGS_HELP, PRICING_ENDPOINT_ENV } from './flag-help.js';

/**
 * The pricing flags every pricing command takes (contract): `--pricing snapshot|live|auto`
 * (default auto), `--region` (default us-east-1, or the answers' region), `--pricing-endpoint URL`
 * (also ML_DEPLOY_ADVISOR_PRICING_ENDPOINT).
 *
 * A command adds PRICING_FLAGS to its parseFlags options, then:
 *   const options = pricingOptionsFromFlags(values, io.env, answers.region);
 *   const { book, warnings } = await resolvePriceBook(options, io);
 *   writePricingWarnings(io, warnings);
 *   // book.info is the `pricing` object of the JSON output
 */
export interface PricingOptions {
  mode: PricingMode;
  region: string;
  endpoint?: string | undefined;
}

const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

function pricingMode(value: string | boolean | undefined): PricingMode {
  if (value === undefined) return 'auto';
  if (typeof value === 'string' && (PRICING_MODES as readonly string[]).includes(value))
    return value as PricingMode;
  throw new UserInputError(
    `--pricing: ${JSON.stringify(value)} is not allowed; use one of ${PRICING_MODES.join(', ')}`,
  );
}

/** Reads and checks the pricing flags; a bad value is a UserInputError naming the flag. */
export function pricingOptionsFromFlags(
  values: { pricing?: string | boolean; region?: string | boolean; 'pricing-endpoint'?: string | boolean },
  env: NodeJS.ProcessEnv,
  defaultRegion: string = DEFAULT_PRICING_REGION,
): PricingOptions {
  const mode = pricingMode(values.pricing);
  const region = values.region ?? defaultRegion;
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    throw new UserInputError(
      `--region: ${quoteValue(String(region))} is not an AWS region code; use one like us-east-1 or eu-central-1`,
    );
  }
  const fromFlag = values['pricing-endpoint'];
  const raw = fromFlag ?? env[PRICING_ENDPOINT_ENV];
  const options: PricingOptions = { mode, region };
  // Checked with the flags, before anything is fetched or written.
  pricingTimeoutMs(env);
  if (raw !== undefined && raw !== '') {
    const name = fromFlag !== undefined ? '--pricing-endpoint' : PRICING_ENDPOINT_ENV;
    options.endpoint = checkEndpoint(name, raw);
  }
  return options;
}

function checkEndpoint(name: string, raw: string | boolean): string {
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    // Not echoed: the value holds a password. The SDK signs requests itself and never sends
    // user:password, so a URL with them can only leak them (into the cache, into messages).
    throw new UserInputError(
      `${name}: a URL with a user name or password is not allowed; the Pricing API is signed with your AWS credentials, give the URL without user:password@`,
    );
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new UserInputError(
      `${name}: ${quoteValue(String(raw))} is not allowed; expected an http(s) URL like https://api.pricing.us-east-1.amazonaws.com or http://127.0.0.1:PORT`,
    );
  }
  return url.href.replace(/\/$/, '');
}

/**
 * The PriceBook a command uses, and the warnings to print on stderr (at most one about a live
 * failure). `auto` is live when AWS credentials are configured, otherwise the snapshot.
 */
export async function resolvePriceBook(
  options: PricingOptions,
  io: Pick<CliIo, 'env'>,
  extra: { refresh?: boolean } = {},
): Promise<{ book: PriceBook; warnings: string[]; calls: number; cacheFile?: string }> {
  const resolved: ResolvedPrices = await resolvePrices({
    mode: options.mode,
    region: options.region,
    endpoint: options.endpoint,
    env: io.env,
    ...(extra.refresh ? { refresh: true } : {}),
  });
  return resolved;
}

export function writePricingWarnings(io: Pick<CliIo, 'stderr'>, warnings: readonly string[]): void {
  for (const warning of warnings) writeLine(io.stderr, `warning: ${warning}`);
}
