import type { Condition } from '../../src/knowledge/schema.js';
import type { Facts, FactValue } from '../../src/core/facts.js';
import { holds } from '../../src/core/condition.js';

/**
 * Finds fact values that make a condition hold (or fail), starting from a base set of facts.
 * Good enough for the conditions a rules base uses: eq, in, notIn, bounds, all, any, not.
 */
export function satisfy(condition: Condition, base: Facts, want = true): Facts | null {
  const facts = { ...base };
  return assign(condition, facts, want) ? facts : null;
}

function assign(c: Condition, facts: Facts, want: boolean): boolean {
  if ('not' in c) return assign(c.not, facts, !want);
  if ('all' in c) {
    if (want) return mergeLeaves(c.all).every((part) => assign(part, facts, true));
    return assign(c.all[0]!, facts, false);
  }
  if ('any' in c) {
    if (want) return assign(c.any[0]!, facts, true);
    return c.any.every((part) => assign(part, facts, false));
  }
  const key = c.fact as keyof Facts;
  const current = facts[key];
  const candidates: FactValue[] = [];
  if (c.eq !== undefined) candidates.push(c.eq);
  if (c.in) candidates.push(...c.in);
  const bounds = [c.lt, c.lte, c.gt, c.gte].filter((b): b is number => b !== undefined);
  if (bounds.length) {
    const low = Math.max(c.gt ?? -Infinity, c.gte ?? -Infinity);
    const high = Math.min(c.lt ?? Infinity, c.lte ?? Infinity);
    if (want) {
      if (Number.isFinite(low) && Number.isFinite(high)) candidates.push((low + high) / 2);
      else if (Number.isFinite(low)) candidates.push(low + 1);
      else candidates.push(high - 1);
    } else {
      if (Number.isFinite(low)) candidates.push(low - 1);
      if (Number.isFinite(high)) candidates.push(high + 1);
    }
  }
  if (!want && (c.eq !== undefined || c.in) && !bounds.length) {
    candidates.length = 0;
    candidates.push(typeof (c.eq ?? c.in?.[0]) === 'number' ? -12345 : '__other__', null, false);
  }
  if (c.notIn) candidates.push(...(want ? ['__other__'] : c.notIn));
  if (current !== undefined) candidates.push(current);
  for (const value of candidates) {
    const trial = { ...facts, [key]: value } as Facts;
    if (holds(c, trial) === want) {
      facts[key] = value as never;
      return true;
    }
  }
  return false;
}

/** Leaves on the same fact inside `all` are merged, so `gt: 0.5` and `lte: 1` find 0.75 together. */
function mergeLeaves(parts: Condition[]): Condition[] {
  const merged = new Map<string, Record<string, unknown>>();
  const others: Condition[] = [];
  for (const part of parts) {
    if ('all' in part || 'any' in part || 'not' in part) {
      others.push(part);
      continue;
    }
    merged.set(part.fact, { ...(merged.get(part.fact) ?? {}), ...part });
  }
  return [...(merged.values() as Iterable<Condition>), ...others];
}
