import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import { nameHash } from '../core/slug.js';
import { priceProblem } from './plausible.js';
import type { Price } from './types.js';

/**
 * The cache of live prices: one JSON file per region and endpoint in the user's cache folder
 * ($XDG_CACHE_HOME/ml-deploy-advisor, else ~/.cache/ml-deploy-advisor), readable by its owner
 * only, written atomically. Prices from one endpoint are never served for another. A cache past
 * its TTL is not used when the live API answers; it still beats the snapshot when the API fails.
 * A cache holding an unusable price (0, 1e308, ...) is not used at all, with a warning.
 */
export const CACHE_TTL_MS = 24 * 60 * 60 * 1000;
export const CACHE_FORMAT = 1;

const text = () => z.string().check(z.minLength(1));
// Only the shape here: priceProblem() names a price out of range (0, 1e308) in its own words.
const usd = () => z.number();
const priceSchema = z.object({
  key: text(),
  unit: text(),
  usd: usd(),
  tiers: z.optional(z.array(z.object({ from: z.number(), to: z.nullable(z.number()), usd: usd() }))),
  source: text(),
  asOf: text(),
});

const cacheSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  region: z.string(),
  endpoint: z.string(),
  fetchedAt: z.string(),
  prices: z.array(priceSchema).check(z.minLength(1)),
});
export type PriceCache = z.infer<typeof cacheSchema>;

export function cacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'ml-deploy-advisor');
  return join(env.HOME || homedir(), '.cache', 'ml-deploy-advisor');
}

/**
 * The endpoint as stored and compared: origin and path only. User names, passwords, queries and
 * fragments never reach the file (the flag refuses them too; this holds whatever the caller).
 */
export function endpointId(endpoint: string): string {
  if (endpoint === '') return '';
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return `invalid:${nameHash(endpoint)}`;
  }
}

/** AWS's own endpoint keeps the plain name; any other endpoint gets its own file. */
export function cacheFile(env: NodeJS.ProcessEnv, region: string, endpoint = ''): string {
  const id = endpointId(endpoint);
  return join(cacheDir(env), id ? `prices-${region}-${nameHash(id)}.json` : `prices-${region}.json`);
}

export interface CacheRead {
  cache?: PriceCache;
  /** Why an existing cache file was not used (it is then ignored: the next source is used). */
  problem?: string;
}

/** The cache for a region and endpoint. Never throws: a bad cache is a problem to report. */
export function readPriceCache(env: NodeJS.ProcessEnv, region: string, endpoint = ''): CacheRead {
  const file = cacheFile(env, region, endpoint);
  let text: string;
  try {
    text = readTextFileSync(file, file, TEXT_LIMITS.priceCache);
  } catch (error) {
    const reason = (error as { reason?: string }).reason;
    return reason === 'missing'
      ? {}
      : { problem: `the price cache ${file} ${(error as Error).message.slice(file.length + 2)}` };
  }
  try {
    const data = z.safeParse(cacheSchema, JSON.parse(text));
    if (!data.success) return { problem: `the price cache ${file} is damaged` };
    if (/\/\/[^/]*@/.test(data.data.endpoint)) {
      // Written by an earlier version, which stored user:password from the endpoint URL.
      rmSync(file, { force: true });
      return { problem: `removed the price cache ${file}: it held a password from an endpoint URL` };
    }
    // Another region or endpoint (an earlier version kept one file per region): simply not ours.
    if (data.data.region !== region || data.data.endpoint !== endpointId(endpoint)) return {};
    for (const price of data.data.prices) {
      const problem = priceProblem(price);
      if (problem) return { problem: `the price cache ${file} holds an unusable price (${problem})` };
    }
    return { cache: data.data };
  } catch {
    return { problem: `the price cache ${file} is not valid JSON` };
  }
}

export function isFresh(cache: PriceCache, endpoint: string, now: number, ttlMs = CACHE_TTL_MS): boolean {
  const age = now - Date.parse(cache.fetchedAt);
  return cache.endpoint === endpointId(endpoint) && age >= 0 && age < ttlMs;
}

export function writePriceCache(
  env: NodeJS.ProcessEnv,
  region: string,
  endpoint: string,
  prices: Price[],
  now: number,
): string {
  const file = cacheFile(env, region, endpoint);
  // Owner only: what was fetched, from where and when is nobody else's business.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const body: PriceCache = {
    format: CACHE_FORMAT,
    region,
    endpoint: endpointId(endpoint),
    fetchedAt: new Date(now).toISOString(),
    prices,
  };
  const tmp = join(dirname(file), `.prices-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(body, null, 1)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600); // the mode above is subject to the umask; this is not
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return file;
}
