import type { Facts } from '../core/facts.js';
import type { Limit } from '../knowledge/schema.js';

/**
 * Which hard limits matter to this workload and how far it is from each: a limit it breaks, and
 * a numeric limit it uses at least CLOSE_SHARE of. The rest are counted, not listed (every limit
 * is in the sources). Pure.
 */

/** A numeric limit the workload uses at least this share of is shown as one that applies. */
export const CLOSE_SHARE = 0.5;

export interface LimitDistance {
  limit: Limit;
  breaks: boolean;
  /** The fact the limit tests, its value for this workload, and the bound it is tested against. */
  fact: string | null;
  value: number | null;
  bound: number | null;
  /** value / bound for an upper bound; bound / value for a lower one; null when not numeric. */
  share: number | null;
}

function numericTest(limit: Limit): { fact: string; bound: number; upper: boolean } | null {
  const c = limit.violatedWhen as Record<string, unknown>;
  if (typeof c.fact !== 'string') return null;
  for (const [op, upper] of [
    ['gt', true],
    ['gte', true],
    ['lt', false],
    ['lte', false],
  ] as const) {
    if (typeof c[op] === 'number') return { fact: c.fact, bound: c[op], upper };
  }
  return null;
}

export function limitDistances(
  limits: readonly Limit[],
  option: string,
  facts: Facts,
  broken: ReadonlySet<string>,
): { applies: LimitDistance[]; farCount: number; nearest: LimitDistance | null } {
  const applies: LimitDistance[] = [];
  let farCount = 0;
  let nearest: LimitDistance | null = null;
  for (const limit of limits.filter((l) => l.options.includes(option as never))) {
    const breaks = broken.has(limit.id);
    const test = numericTest(limit);
    const raw = test ? facts[test.fact as keyof Facts] : null;
    const value = typeof raw === 'number' ? raw : null;
    let share: number | null = null;
    if (test && value !== null) {
      share = test.upper ? value / test.bound : value > 0 ? test.bound / value : null;
    }
    if (breaks || (share !== null && share >= CLOSE_SHARE)) {
      applies.push({
        limit,
        breaks,
        fact: test?.fact ?? null,
        value,
        bound: test?.bound ?? null,
        share,
      });
    } else {
      farCount++;
      if (share !== null && (nearest === null || share > (nearest.share ?? 0))) {
        nearest = { limit, breaks, fact: test?.fact ?? null, value, bound: test?.bound ?? null, share };
      }
    }
  }
  applies.sort((a, b) => Number(b.breaks) - Number(a.breaks) || (b.share ?? 0) - (a.share ?? 0));
  return { applies, farCount, nearest };
}
