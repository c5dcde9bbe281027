import type { Price } from './types.js';

/**
 * The range a unit price must fall in to be used. Every AWS price this tool reads lies between
 * about $3e-8 (Lambda ephemeral storage per GB-second) and about $120 (the largest GPU instance
 * per hour); the bounds leave two orders of magnitude either side. A price outside them (0, a
 * negative, 1e-300, 1e308, NaN, Infinity) is an error in the source, never a number to multiply:
 * it would print $0.00 or $Infinity.
 */
export const PRICE_USD_MIN = 1e-10;
export const PRICE_USD_MAX = 10_000;

export function isPlausibleUsd(usd: unknown): usd is number {
  return typeof usd === 'number' && Number.isFinite(usd) && usd >= PRICE_USD_MIN && usd <= PRICE_USD_MAX;
}

/** What is wrong with a price, or undefined when it (and each of its tiers) is usable. */
export function priceProblem(price: Pick<Price, 'key' | 'usd' | 'tiers'>): string | undefined {
  const bad = (usd: unknown) =>
    `${price.key}: $${String(usd)} is not a usable price (must be a finite number from ${PRICE_USD_MIN} to ${PRICE_USD_MAX} USD)`;
  if (!isPlausibleUsd(price.usd)) return bad(price.usd);
  for (const tier of price.tiers ?? []) if (!isPlausibleUsd(tier.usd)) return bad(tier.usd);
  return undefined;
}
