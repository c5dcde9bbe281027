import type { Knowledge } from '../knowledge/knowledge.js';
import type { Limit, Rule } from '../knowledge/schema.js';
import { compileCondition, compileText, factsUsed, type CompiledText, type Test } from './condition.js';
import { OPTION_IDS, type OptionId } from './options.js';
import { OPTION_FACTS } from './facts.js';

/**
 * The rules base as the engine scores with it, worked out once per rules base rather than on every
 * evaluation: conditions and sentences compiled, and for each option the rules that move it and
 * the limits that can block it, in the rules base's order. A rule or limit that tests a per-option
 * cost fact is checked per option; the others hold or not for every option alike.
 */
export interface CompiledRule {
  rule: Rule;
  /** Position in knowledge.rules. */
  index: number;
  test: Test;
  text: CompiledText;
  /** The condition tests a per-option cost fact. */
  usesCost: boolean;
  /** The sentence quotes a per-option cost fact. */
  quotesCost: boolean;
}

export interface CompiledLimit {
  limit: Limit;
  /** Position in knowledge.limits. */
  index: number;
  test: Test;
  text: CompiledText;
  usesCost: boolean;
  quotesCost: boolean;
  /** The values the blocker sentence may quote beside the facts. */
  extra: { limit: number | string; unit: string };
}

export interface OptionRules {
  /** The rules with an effect on this option, in the rules base's order. */
  rules: { rule: CompiledRule; effect: number }[];
  /** The limits that name this option and test the workload alone. */
  workloadLimits: CompiledLimit[];
  /** The limits that name this option and test its cost. */
  costLimits: CompiledLimit[];
}

export interface Rulebook {
  rules: CompiledRule[];
  limits: CompiledLimit[];
  byOption: Record<OptionId, OptionRules>;
  names: Record<OptionId, string>;
}

/** The facts that depend on the option being judged. */
const COST_FACTS: ReadonlySet<string> = new Set(OPTION_FACTS);

const rulebooks = new WeakMap<Knowledge, Rulebook>();

export function rulebookOf(knowledge: Knowledge): Rulebook {
  let book = rulebooks.get(knowledge);
  if (!book) rulebooks.set(knowledge, (book = compile(knowledge)));
  return book;
}

function compile(knowledge: Knowledge): Rulebook {
  const usesCost = (names: readonly string[]) => names.some((name) => COST_FACTS.has(name));
  const rules = knowledge.rules.map((rule, index): CompiledRule => {
    const text = compileText(rule.because);
    return {
      rule,
      index,
      test: compileCondition(rule.when),
      text,
      usesCost: usesCost(factsUsed(rule.when)),
      quotesCost: usesCost(text.names),
    };
  });
  const limits = knowledge.limits.map((limit, index): CompiledLimit => {
    const text = compileText(limit.blocker);
    return {
      limit,
      index,
      test: compileCondition(limit.violatedWhen),
      text,
      usesCost: usesCost(factsUsed(limit.violatedWhen)),
      quotesCost: usesCost(text.names),
      extra: { limit: limit.limit.value, unit: limit.limit.unit },
    };
  });
  const names = new Map(knowledge.options.map((o) => [o.id, o.name]));
  const byOption = {} as Record<OptionId, OptionRules>;
  const optionNames = {} as Record<OptionId, string>;
  for (const option of OPTION_IDS) {
    const own = limits.filter((l) => l.limit.options.includes(option));
    byOption[option] = {
      rules: rules.flatMap((rule) => {
        const effect = rule.rule.effects[option] ?? rule.rule.effects['*'];
        return effect === undefined ? [] : [{ rule, effect }];
      }),
      workloadLimits: own.filter((l) => !l.usesCost),
      costLimits: own.filter((l) => l.usesCost),
    };
    optionNames[option] = names.get(option) ?? option;
  }
  return { rules, limits, byOption, names: optionNames };
}
