import type { DefaultedField, ParsedAnswers } from './answers.js';
import { holds, fillText } from './condition.js';
import { optionFacts, workloadFacts, type FactValue, type Facts } from './facts.js';
import { OPTION_IDS, type OptionId } from './options.js';
import { deriveWorkload, type Workload } from './workload.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Limit, Rule } from '../knowledge/schema.js';
import type { OptionCost } from '../costs/types.js';
import type { PricingInfo } from '../pricing/types.js';

/**
 * The scoring engine: answers in, an explained ranking out. Pure and deterministic: no I/O, no
 * clock, no randomness. Costs are computed outside (they need prices) and passed in.
 */

/** A hard limit the workload breaks: the option cannot be used. */
export interface Blocker {
  limit: string;
  title: string;
  text: string;
  value: number | string;
  unit: string;
  source: string;
  checked: string;
}

/** One soft rule's effect on one option's score, with the sentence that explains it. */
export interface Reason {
  rule: string;
  topic: Rule['topic'];
  text: string;
  effect: number;
  corrects?: string;
}

export interface RankedOption {
  option: OptionId;
  name: string;
  rank: number;
  feasible: boolean;
  /** 0-100. Infeasible options score 0; their reasons still show what the rules said. */
  score: number;
  monthlyCostUsd: number | null;
  per1kInferencesUsd: number | null;
  blockers: Blocker[];
  reasons: Reason[];
  cost: OptionCost | null;
  /** Why the cost is missing, when it is (an unknown price is never shown as $0). */
  costError?: string;
}

export interface Recommendation {
  pricing: PricingInfo;
  ranking: RankedOption[];
  workload: Workload;
  defaulted: DefaultedField[];
}

/** Each option's modelled cost, or the reason it could not be priced. */
export type CostTable = Record<OptionId, OptionCost | { error: string }>;

export const BASE_SCORE = 50;

export function blockersFor(option: OptionId, facts: Facts, limits: readonly Limit[]): Blocker[] {
  return limits
    .filter((limit) => limit.options.includes(option) && holds(limit.violatedWhen, facts))
    .map((limit) => ({
      limit: limit.id,
      title: limit.title,
      text: fillText(limit.blocker, { ...facts, limit: limit.limit.value, unit: limit.limit.unit }),
      value: limit.limit.value,
      unit: limit.limit.unit,
      source: limit.source.url,
      checked: limit.source.checked,
    }));
}

export function reasonsFor(option: OptionId, facts: Facts, rules: readonly Rule[]): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of rules) {
    const effect = rule.effects[option] ?? rule.effects['*'];
    if (effect === undefined || !holds(rule.when, facts)) continue;
    const reason: Reason = { rule: rule.id, topic: rule.topic, text: fillText(rule.because, facts), effect };
    if (rule.corrects) reason.corrects = rule.corrects;
    reasons.push(reason);
  }
  return reasons;
}

export function scoreOf(reasons: readonly Reason[]): number {
  const total = BASE_SCORE + reasons.reduce((sum, r) => sum + r.effect, 0);
  return Math.max(0, Math.min(100, Math.round(total)));
}

/** Scores and ranks every option: feasible first by score, then cost, then the contract's order. */
export function rankOptions(
  workload: Workload,
  knowledge: Knowledge,
  costs: CostTable,
): Omit<RankedOption, 'rank'>[] {
  const base = workloadFacts(workload);
  const names = new Map(knowledge.options.map((o) => [o.id, o.name]));
  const scored = OPTION_IDS.map((option) => {
    const priced = costs[option];
    const cost = 'error' in priced ? null : priced;
    const facts = optionFacts(base, cost ? cost.monthlyUsd : null);
    const blockers = blockersFor(option, facts, knowledge.limits);
    const reasons = reasonsFor(option, facts, knowledge.rules);
    const feasible = blockers.length === 0;
    const entry: Omit<RankedOption, 'rank'> = {
      option,
      name: names.get(option) ?? option,
      feasible,
      score: feasible ? scoreOf(reasons) : 0,
      monthlyCostUsd: cost ? cost.monthlyUsd : null,
      per1kInferencesUsd: cost ? cost.per1kInferencesUsd : null,
      blockers,
      reasons,
      cost,
    };
    if (!cost) entry.costError = (priced as { error: string }).error;
    return entry;
  });
  const order = (id: OptionId) => OPTION_IDS.indexOf(id);
  return scored.sort(
    (a, b) =>
      Number(b.feasible) - Number(a.feasible) ||
      b.score - a.score ||
      (a.monthlyCostUsd ?? Infinity) - (b.monthlyCostUsd ?? Infinity) ||
      order(a.option) - order(b.option),
  );
}

/**
 * The whole recommendation. `costFor` prices one option for the workload (see costs/estimate.ts);
 * it is passed in so the engine stays free of price sources.
 */
export function recommend(
  parsed: ParsedAnswers,
  knowledge: Knowledge,
  pricing: PricingInfo,
  costFor: (option: OptionId, workload: Workload) => OptionCost,
): Recommendation {
  const workload = deriveWorkload(parsed.answers, knowledge.sizing);
  const costs = Object.fromEntries(
    OPTION_IDS.map((option) => {
      try {
        const cost = costFor(option, workload);
        if (!Number.isFinite(cost.monthlyUsd) || cost.monthlyUsd < 0) {
          return [option, { error: `the ${option} cost model gave no finite total for this workload` }];
        }
        return [option, cost];
      } catch (error) {
        return [option, { error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  ) as CostTable;
  const ranking = rankOptions(workload, knowledge, costs).map((entry, index) => ({
    ...entry,
    rank: index + 1,
  }));
  return { pricing, ranking, workload, defaulted: parsed.defaulted };
}

export type { FactValue };
