import type { Condition } from '../knowledge/schema.js';
import type { Facts, FactName, FactValue } from './facts.js';
import { formatNumber, formatUsd } from './format.js';

/** Evaluates a rule's condition against the facts. A numeric test on a null fact is false. */
export function holds(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  if ('not' in condition) return !holds(condition.not, facts);
  const value = facts[condition.fact as FactName];
  if (condition.eq !== undefined && value !== condition.eq) return false;
  if (condition.in && !condition.in.includes(value)) return false;
  if (condition.notIn && condition.notIn.includes(value)) return false;
  const numeric = ['lt', 'lte', 'gt', 'gte'] as const;
  for (const op of numeric) {
    const bound = condition[op];
    if (bound === undefined) continue;
    if (typeof value !== 'number') return false;
    if (op === 'lt' && !(value < bound)) return false;
    if (op === 'lte' && !(value <= bound)) return false;
    if (op === 'gt' && !(value > bound)) return false;
    if (op === 'gte' && !(value >= bound)) return false;
  }
  return true;
}

/** Every fact a condition reads, for `knowledge check`. */
export function factsUsed(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(factsUsed);
  if ('any' in condition) return condition.any.flatMap(factsUsed);
  if ('not' in condition) return factsUsed(condition.not);
  return [condition.fact];
}

/** Fills {name} placeholders from the facts and extra values; numbers get thousands separators. */
export function fillText(template: string, values: Record<string, FactValue | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    // Money reads as money: $21.30, $800 (facts named ...Usd).
    if (name.endsWith('Usd') && typeof value === 'number' && Number.isFinite(value)) {
      return Number.isInteger(value) ? formatNumber(value, 0) : formatUsd(value);
    }
    return formatValue(value);
  });
}

export function formatValue(value: FactValue): string {
  if (typeof value === 'number') {
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3;
    return formatNumber(value, digits);
  }
  return String(value);
}
