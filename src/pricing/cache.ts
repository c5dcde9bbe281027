import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import type { Price } from './types.js';

/**
 * The cache of live prices: one JSON file per region in the user's cache folder
 * ($XDG_CACHE_HOME/ml-deploy-advisor, else ~/.cache/ml-deploy-advisor). Written atomically.
 * A cache past its TTL is not used when the live API answers; it still beats the snapshot when
 * the API fails.
 */
export const CACHE_TTL_MS = 24 * 60 * 60 * 1000;
export const CACHE_FORMAT = 1;

const text = () => z.string().check(z.minLength(1));
const usd = () => z.number().check(z.gte(0));
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

export function cacheFile(env: NodeJS.ProcessEnv, region: string): string {
  return join(cacheDir(env), `prices-${region}.json`);
}

/** The cache for a region, or undefined when there is none or it is unreadable (never throws). */
export function readPriceCache(env: NodeJS.ProcessEnv, region: string): PriceCache | undefined {
  try {
    const data = z.safeParse(cacheSchema, JSON.parse(readFileSync(cacheFile(env, region), 'utf8')));
    return data.success && data.data.region === region ? data.data : undefined;
  } catch {
    return undefined;
  }
}

export function isFresh(cache: PriceCache, endpoint: string, now: number, ttlMs = CACHE_TTL_MS): boolean {
  const age = now - Date.parse(cache.fetchedAt);
  return cache.endpoint === endpoint && age >= 0 && age < ttlMs;
}

export function writePriceCache(
  env: NodeJS.ProcessEnv,
  region: string,
  endpoint: string,
  prices: Price[],
  now: number,
): string {
  const file = cacheFile(env, region);
  mkdirSync(dirname(file), { recursive: true });
  const body: PriceCache = {
    format: CACHE_FORMAT,
    region,
    endpoint,
    fetchedAt: new Date(now).toISOString(),
    prices,
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(body, null, 1)}\n`);
  renameSync(tmp, file);
  return file;
}
