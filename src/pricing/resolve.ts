import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserInputError } from '../core/errors.js';
import { quoteValue, sanitizeText } from '../core/sanitize.js';
import { MapPriceBook } from './book.js';
import { isLivePriceKey } from './keys.js';
import type { PriceCache } from './cache.js';
import type { LiveOptions, LiveResult } from './live.js';
import { loadSnapshotPriceBook, SnapshotRegionError } from './snapshot.js';
import { priceRegionOf, type Price, type PriceBook, type PriceSourceKind } from './types.js';

/**
 * Chooses the prices a command uses: the bundled snapshot, the live Price List API, or the cache
 * of an earlier live fetch. Live failures fall back to the cache, then to the snapshot, with one
 * warning that names the cause. The AWS SDK is imported only when a live fetch happens.
 */
export type PricingMode = 'snapshot' | 'live' | 'auto';
export const PRICING_MODES: readonly PricingMode[] = ['snapshot', 'live', 'auto'];
export const DEFAULT_PRICING_REGION = 'us-east-1';

export interface PricingRequest {
  mode: PricingMode;
  region: string;
  endpoint?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Fetch live prices even when the cache is fresh (`pricing refresh`). */
  refresh?: boolean;
  now?: number;
  snapshotDir?: string;
  live?: Partial<LiveOptions>;
}

export interface ResolvedPrices {
  book: PriceBook;
  warnings: string[];
  /** GetProducts calls made (0 from snapshot or cache). */
  calls: number;
  /** Where the live fetch stored its answer, when it did. */
  cacheFile?: string;
}

/** AWS credentials configured through the environment or the ~/.aws files (the `auto` test). */
export function hasAwsCredentials(env: NodeJS.ProcessEnv): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = env.HOME || homedir();
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
  ];
  return files.some((f) => existsSync(f));
}

/**
 * The snapshot for a region, or the us-east-1 one, announced, when the region has none. The
 * stand-in book says so itself: `info.region` and `info.priceRegion` are us-east-1 (whose prices
 * it holds), `info.regionFallback` is true and `info.requestedRegion` names the region asked
 * for, so every output built on it can say so too.
 */
export function snapshotFor(region: string, dir?: string): { book: PriceBook; warnings: string[] } {
  try {
    return { book: loadSnapshotPriceBook(region, dir), warnings: [] };
  } catch (error) {
    if (!(error instanceof SnapshotRegionError) || region === DEFAULT_PRICING_REGION) throw error;
    const fallback = loadSnapshotPriceBook(DEFAULT_PRICING_REGION, dir);
    const book = new MapPriceBook(
      { ...fallback.info, regionFallback: true, requestedRegion: region },
      fallback.keys().map((k) => fallback.get(k)),
      fallback.assumptionKeys().map((k) => fallback.assumption(k)),
    );
    return {
      book,
      warnings: [
        `no bundled price snapshot for ${region}; using ${DEFAULT_PRICING_REGION} prices (as of ${book.info.asOf}), which differ by region; use --pricing live for ${region} prices`,
      ],
    };
  }
}

export async function resolvePrices(req: PricingRequest): Promise<ResolvedPrices> {
  const now = req.now ?? Date.now();
  const snapshot = snapshotFor(req.region, req.snapshotDir);
  if (req.mode === 'snapshot' || (req.mode === 'auto' && !hasAwsCredentials(req.env) && !req.refresh)) {
    return { book: snapshot.book, warnings: snapshot.warnings, calls: 0 };
  }
  // Loaded only here: the snapshot path (the common one) must not pay for the cache's schema.
  const { isFresh, readPriceCache, writePriceCache } = await import('./cache.js');
  const endpoint = req.endpoint ?? '';
  const { cache, problem: cacheProblem } = readPriceCache(req.env, req.region, endpoint);
  const cacheWarnings = cacheProblem ? [`${cacheProblem}; it is not used`] : [];
  if (cache && !req.refresh && isFresh(cache, endpoint, now)) {
    return { book: cachedBook(cache, snapshot.book, req.region), warnings: [], calls: 0 };
  }
  let live: LiveResult;
  try {
    const { fetchLivePrices } = await import('./live.js');
    live = await fetchLivePrices(liveOptions(req, snapshot.book), isoDay(now));
  } catch (error) {
    const cause = describeFailure(error);
    if (req.env.ML_DEPLOY_ADVISOR_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${sanitizeText(error.stack)}\n`);
    }
    if (cache) {
      return {
        book: cachedBook(cache, snapshot.book, req.region),
        warnings: [
          `live prices unavailable (${cause}); using cached prices from ${cache.fetchedAt.slice(0, 10)}`,
        ],
        calls: 0,
      };
    }
    return {
      book: snapshot.book,
      warnings: [
        ...cacheWarnings,
        `live prices unavailable (${cause}); using the bundled snapshot (as of ${snapshot.book.info.asOf})`,
        ...snapshot.warnings,
      ],
      calls: 0,
    };
  }
  let file: string | undefined;
  const warnings: string[] = [...cacheWarnings];
  if (snapshot.book.info.regionFallback) {
    warnings.push(
      `no bundled price snapshot for ${req.region}: load balancer, API Gateway, NAT, data transfer, VPN and Direct Connect prices are ${DEFAULT_PRICING_REGION}'s`,
    );
  }
  try {
    file = writePriceCache(req.env, req.region, endpoint, live.prices, now);
  } catch (error) {
    warnings.push(`could not write the price cache (${describeFailure(error)}); the next run fetches again`);
  }
  const book = overlay('live', isoDay(now), req.region, live.prices, snapshot.book);
  const fetched = new Set(live.prices.map((p) => p.key));
  const missing = snapshot.book.keys().filter((k) => isLivePriceKey(k) && !fetched.has(k));
  if (missing.length || live.failedQueries || live.malformed) {
    const parts = [];
    if (live.failedQueries)
      parts.push(`${live.failedQueries} queries failed: ${describeFailure(live.firstError)}`);
    if (live.malformed) parts.push(`${live.malformed} malformed entries skipped`);
    const fill = !snapshot.book.info.regionFallback
      ? `the snapshot's prices are used for ${missing.join(', ')}`
      : `no price for ${missing.join(', ')}`;
    warnings.push(
      `live prices incomplete (${parts.join('; ') || 'not in the answer'})${missing.length ? `; ${fill}` : ''}`,
    );
  }
  const result: ResolvedPrices = { book, warnings, calls: live.calls };
  if (file) result.cacheFile = file;
  return result;
}

export const PRICING_TIMEOUT_ENV = 'ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS';
const DEFAULT_PRICING_TIMEOUT_MS = 30_000;
/** Ten minutes: past that a price fetch is a hang, not a slow network. */
const MAX_PRICING_TIMEOUT_MS = 600_000;

/**
 * The whole live fetch's deadline from ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS (default 30 s). A
 * value that is not a whole number of milliseconds in 1..600000 is refused, naming the variable:
 * `abc`, 0 and -5 used to fall back silently, and 1e308 broke the timeout warning with a RangeError.
 */
export function pricingTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env[PRICING_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_PRICING_TIMEOUT_MS;
  const ms = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(ms >= 1 && ms <= MAX_PRICING_TIMEOUT_MS)) {
    throw new UserInputError(
      `${PRICING_TIMEOUT_ENV}: ${quoteValue(raw)} is not allowed; expected a whole number of milliseconds, 1-${MAX_PRICING_TIMEOUT_MS}`,
    );
  }
  return ms;
}

function liveOptions(req: PricingRequest, snapshot: PriceBook): LiveOptions {
  const keys = snapshot.keys();
  const totalTimeoutMs = pricingTimeoutMs(req.env);
  const options: LiveOptions = {
    region: req.region,
    endpoint: req.endpoint,
    ec2Types: keys.filter((k) => k.startsWith('ec2.')).map((k) => k.slice('ec2.'.length)),
    sagemakerTypes: keys
      .filter((k) => k.startsWith('sagemaker.hosting.'))
      .map((k) => k.slice('sagemaker.hosting.'.length)),
    totalTimeoutMs,
    requestTimeoutMs: Math.min(8000, totalTimeoutMs),
    connectionTimeoutMs: Math.min(3000, totalTimeoutMs),
    ...req.live,
  };
  if (req.env.AWS_ACCESS_KEY_ID && req.env.AWS_SECRET_ACCESS_KEY) {
    options.credentials = {
      accessKeyId: req.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: req.env.AWS_SECRET_ACCESS_KEY,
      ...(req.env.AWS_SESSION_TOKEN ? { sessionToken: req.env.AWS_SESSION_TOKEN } : {}),
    };
  }
  return options;
}

function cachedBook(cache: PriceCache, snapshot: PriceBook, region: string): PriceBook {
  return overlay('cache', cache.fetchedAt.slice(0, 10), region, cache.prices as Price[], snapshot);
}

/**
 * Live or cached prices over the snapshot: the snapshot fills keys the live answer lacked (each
 * price keeps its own source), but only when it is the same region's snapshot, except for the
 * network prices that live never fetches; assumptions (on-premises, free tier) always come from
 * the snapshot.
 */
function overlay(
  source: PriceSourceKind,
  asOf: string,
  region: string,
  prices: readonly Price[],
  snapshot: PriceBook,
): PriceBook {
  const merged = new Map<string, Price>();
  const sameRegion = priceRegionOf(snapshot.info) === region;
  // Network prices are never fetched live: a region without a snapshot takes the stand-in's
  // (snapshotFor has already said the snapshot is us-east-1's).
  for (const k of snapshot.keys()) if (sameRegion || !isLivePriceKey(k)) merged.set(k, snapshot.get(k));
  for (const p of prices) merged.set(p.key, p);
  return new MapPriceBook(
    { source, asOf, region, priceRegion: region, regionFallback: false },
    merged.values(),
    snapshot.assumptionKeys().map((k) => snapshot.assumption(k)),
  );
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A short cause for the one warning: the AWS error name and message, or the network failure. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const code = (error as { code?: unknown }).code;
  const message = error.message.split('\n')[0] ?? '';
  if (typeof code === 'string' && !message.includes(code)) return `${name}${code} ${message}`.trim();
  if (name === 'TimeoutError: ' || /timed? ?out/i.test(message)) return `${name}${message}`.trim();
  return `${name}${message || 'unknown error'}`;
}
