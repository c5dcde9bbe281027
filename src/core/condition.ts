import type { Condition } from '../knowledge/schema.js';
import type { Facts, FactName, FactValue } from './facts.js';
import { fixArticles, formatNumber, formatUsd } from './format.js';

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

/** A condition compiled into a function: the same answer as holds(), without walking the tree. */
export type Test = (facts: Facts) => boolean;

/** Compiles a condition once (the engine tests every rule on every evaluation). */
export function compileCondition(condition: Condition): Test {
  // Loops rather than every()/some(): a callback made per test was most of a test's cost.
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  const { eq, in: among, notIn, lt, lte, gt, gte } = condition;
  const fact = condition.fact as FactName;
  const numeric = lt !== undefined || lte !== undefined || gt !== undefined || gte !== undefined;
  // The commonest leaf, a choice compared with one value, alone.
  if (eq !== undefined && !among && !notIn && !numeric) return (facts) => facts[fact] === eq;
  return (facts) => {
    const value = facts[fact];
    if (eq !== undefined && value !== eq) return false;
    if (among && !among.includes(value)) return false;
    if (notIn && notIn.includes(value)) return false;
    if (!numeric) return true;
    if (typeof value !== 'number') return false;
    if (lt !== undefined && !(value < lt)) return false;
    if (lte !== undefined && !(value <= lte)) return false;
    if (gt !== undefined && !(value > gt)) return false;
    if (gte !== undefined && !(value >= gte)) return false;
    return true;
  };
}

/** Every fact a condition reads, for `knowledge check`. */
export function factsUsed(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(factsUsed);
  if ('any' in condition) return condition.any.flatMap(factsUsed);
  if ('not' in condition) return factsUsed(condition.not);
  return [condition.fact];
}

type Values = Record<string, FactValue | undefined>;

/** Fills {name} placeholders from the facts and extra values; numbers get thousands separators. */
export function fillText(template: string, values: Values): string {
  const out = template.replace(PLACEHOLDER, (whole, name: string) =>
    placeholderText(whole, name, values[name]),
  );
  return ARTICLE_BEFORE_PLACEHOLDER.test(template) ? fixArticles(out) : out;
}

/** "A {modelSizeMb} MB": the article depends on the number filled in ("an 800 MB"). */
const ARTICLE_BEFORE_PLACEHOLDER = /\b[Aa]n? \{/;

const PLACEHOLDER = /\{(\w+)\}/g;

function placeholderText(whole: string, name: string, value: FactValue | undefined): string {
  if (value === undefined) return whole;
  // Money reads as money: $21.30, $800 (facts named ...Usd).
  if (name.endsWith('Usd') && typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) ? formatNumber(value, 0) : formatUsd(value);
  }
  return formatValue(value);
}

/** A template split once into its text and placeholders: fill() gives what fillText() gives. */
export interface CompiledText {
  /** The placeholders' names, in order. */
  names: readonly string[];
  /** `extra` values win over `values` for the names they hold (as `{ ...values, ...extra }`). */
  fill(values: Values, extra?: Values): string;
}

export function compileText(template: string): CompiledText {
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    texts.push(template.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  texts.push(template.slice(last));
  const articles = ARTICLE_BEFORE_PLACEHOLDER.test(template);
  return {
    names,
    fill(values, extra) {
      let out = texts[0]!;
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const value = extra && name in extra ? extra[name] : values[name];
        out += placeholderText(`{${name}}`, name, value) + texts[i + 1]!;
      }
      return articles ? fixArticles(out) : out;
    },
  };
}

export function formatValue(value: FactValue): string {
  if (typeof value === 'number') {
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3;
    return formatNumber(value, digits);
  }
  return String(value);
}
