import { type Answers, type DefaultedField, type ParsedAnswers } from './answers.js';
import { holds, fillText } from './condition.js';
import { ANSWER_FACT_KEYS, ESTIMATED_FACT_KEYS } from './answer-fields.js';
import { budgetEffect, budgetText, type BudgetScoring } from './budget-fit.js';
import { formatNumber } from './format.js';
import { baseFactsOf, setBillBasis, setCostFacts, type FactValue, type Facts } from './facts.js';
import { OPTION_IDS, type OptionId } from './options.js';
import { regionNoteOf } from './region-note.js';
import { rulebookOf, type CompiledLimit, type Rulebook } from './rulebook.js';
import { deriveWorkload, type Workload } from './workload.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Limit, Rule } from '../knowledge/schema.js';
import type { Commitment, LineItem, OptionCost, OptionSizing } from '../costs/types.js';
import { priceRegionOf, type PricingInfo } from '../pricing/types.js';

export type { Commitment, LineItem, OptionSizing };

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
  /** The configuration the cost is for; null when the option could not be sized or priced. */
  sizing: OptionSizing | null;
  /** The modelled bill, line by line; monthlyCostUsd is their sum. Empty when not priced. */
  lineItems: LineItem[];
  /** How cost moved the score: this option's figure against the cheapest feasible one. */
  costReason: string;
  /** 1- and 3-year Savings Plans figures beside on-demand, naming the plan and what it covers. */
  commitments: Commitment[];
}

/** The main inputs whose change would change the top pick. */
export const ROBUSTNESS_INPUTS = [
  'requestsPerSecond',
  'latencyP95Ms',
  'monthlyBudgetUsd',
  'modelSizeMb',
] as const;
export type RobustnessInput = (typeof ROBUSTNESS_INPUTS)[number];

/** Where the top pick changes when one input moves, the others held. */
export interface RobustnessEntry {
  input: RobustnessInput;
  current: number;
  /** The value at which another option takes the top; null when none does in the range searched. */
  threshold: number | null;
  direction: 'above' | 'below';
  newTop: OptionId | null;
}

/** A latency target past which the top option's own bill jumps (see costCliffsOf). */
export interface CostCliff {
  input: 'latencyP95Ms';
  current: number;
  /** The first target past the cliff (bisected): below it (or above it) the bill is `toUsd`. */
  threshold: number;
  direction: 'above' | 'below';
  fromUsd: number;
  /** null: the option cannot meet such a target at all. */
  toUsd: number | null;
  text: string;
}

/** The prices used: their source, and the region they are for when it differs from the answer. */
export interface RecommendationPricing extends PricingInfo {
  /** The region whose prices were used. */
  priceRegion: string;
  /** Set when the answered region has no prices of its own, saying whose were used. */
  regionNote: string | null;
}

export interface Recommendation {
  pricing: RecommendationPricing;
  ranking: RankedOption[];
  workload: Workload;
  defaulted: DefaultedField[];
  /** For the top option: the thresholds at which the pick changes (empty when nothing is feasible). */
  robustness: RobustnessEntry[];
  /**
   * For the top option: the nearest latency targets, either way within the robustness search's
   * range, past which its own bill moves by more than a quarter (empty: none, or not searched).
   */
  costCliffs?: CostCliff[];
}

/** Each option's modelled cost, or the reason it could not be priced. */
export type CostTable = Record<OptionId, OptionCost | { error: string }>;

export const BASE_SCORE = 50;

export function blockersFor(option: OptionId, facts: Facts, limits: readonly Limit[]): Blocker[] {
  return limits
    .filter((limit) => limit.options.includes(option) && holds(limit.violatedWhen, facts))
    .map((limit) => blockerOf(limit, facts));
}

function blockerOf(limit: Limit, facts: Facts): Blocker {
  return {
    limit: limit.id,
    title: limit.title,
    text: fillText(limit.blocker, { ...facts, limit: limit.limit.value, unit: limit.limit.unit }),
    value: limit.limit.value,
    unit: limit.limit.unit,
    source: limit.source.url,
    checked: limit.source.checked,
  };
}

export function reasonsFor(option: OptionId, facts: Facts, rules: readonly Rule[]): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of rules) {
    const effect = rule.effects[option] ?? rule.effects['*'];
    if (effect === undefined || !holds(rule.when, facts)) continue;
    reasons.push(reasonOf(rule, effect, facts));
  }
  return reasons;
}

function reasonOf(rule: Rule, effect: number, facts: Facts): Reason {
  const reason: Reason = { rule: rule.id, topic: rule.topic, text: fillText(rule.because, facts), effect };
  if (rule.corrects) reason.corrects = rule.corrects;
  return reason;
}

export function scoreOf(reasons: readonly Reason[]): number {
  const total = BASE_SCORE + reasons.reduce((sum, r) => sum + r.effect, 0);
  return Math.max(0, Math.min(100, Math.round(total)));
}

/** How much cost moves a score: points lost per doubling over the cheapest feasible option. */
export interface CostScoring {
  pointsPerDoubling: number;
  maxPenalty: number;
  cheapestBonus: number;
  /** The budget factor (core/budget-fit.ts); absent, the budget moves no score. */
  budget?: BudgetScoring;
}

const usd = (value: number): string =>
  `$${value >= 100 ? formatNumber(value, 0) : formatNumber(value, 2, 2)}`;

/** The cheapest feasible priced option, and how many feasible priced options it was chosen among. */
export interface Cheapest {
  option: OptionId;
  usd: number;
  compared: number;
}

/** The cheapest of the feasible priced options (null when none is priced). */
function cheapestOf(entries: readonly { option: OptionId; usd: number | null }[]): Cheapest | null {
  let cheapest: Cheapest | null = null;
  let compared = 0;
  for (const entry of entries) {
    if (entry.usd === null) continue;
    compared += 1;
    if (!cheapest || entry.usd < cheapest.usd)
      cheapest = { option: entry.option, usd: entry.usd, compared: 0 };
  }
  return cheapest && { ...cheapest, compared };
}

/** The cost-efficiency factor's points alone (see costEfficiency); null when it does not apply. */
export function costEffect(
  option: OptionId,
  monthlyUsd: number | null,
  cheapest: Cheapest | null,
  scoring: CostScoring,
): number | null {
  if (monthlyUsd === null || cheapest === null) return null;
  // Alone, an option is not "the cheapest" of anything: cost neither rewards nor marks it down.
  if (cheapest.compared < 2) return 0;
  if (option === cheapest.option || monthlyUsd <= cheapest.usd) return scoring.cheapestBonus;
  const ratio = cheapest.usd > 0 ? monthlyUsd / cheapest.usd : Infinity;
  return -Math.min(scoring.maxPenalty, Math.round(scoring.pointsPerDoubling * Math.log2(ratio)));
}

/** The cost-efficiency factor: this option's monthly figure against the cheapest feasible one. */
export function costEfficiency(
  option: OptionId,
  monthlyUsd: number | null,
  cheapest: Cheapest | null,
  scoring: CostScoring,
): { effect: number; text: string } | null {
  const effect = costEffect(option, monthlyUsd, cheapest, scoring);
  if (effect === null || monthlyUsd === null || cheapest === null) return null;
  if (cheapest.compared < 2) {
    return {
      effect,
      text: `The only feasible option, so its cost is not compared: modelled at ${usd(monthlyUsd)} a month, people's time included.`,
    };
  }
  if (option === cheapest.option || monthlyUsd <= cheapest.usd) {
    return {
      effect,
      text: `The cheapest feasible option: modelled at ${usd(monthlyUsd)} a month, people's time included.`,
    };
  }
  const ratio = cheapest.usd > 0 ? monthlyUsd / cheapest.usd : Infinity;
  const times = ratio === Infinity ? 'more than' : `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}x`;
  return {
    effect,
    text: `Modelled at ${usd(monthlyUsd)} a month against ${usd(cheapest.usd)} for ${cheapest.option}, the cheapest feasible option: ${times} the cost, people's time included.`,
  };
}

/**
 * What one evaluation's options share for their sentences, worked out when one is first read:
 * the workload's facts, which rules and limits hold on it alone, the sentences written once, the
 * cheapest feasible option and how to explain a cost (see EntryState).
 */
interface Shared {
  workload: Workload;
  knowledge: Knowledge;
  book: Rulebook;
  baseFacts: Readonly<Facts>;
  held: boolean[];
  broken: boolean[];
  ruleTexts: (string | undefined)[];
  limitTexts: (string | undefined)[];
  cheapest: Cheapest | null;
  scoring: CostScoring;
  /** Prices an option again with its sentences; absent when the table's costs are explained. */
  costFor: CostFor | undefined;
}

/**
 * One ranked option, as numbers: its sentences (blockers, reasons, the cost reason) and its
 * explained bill (the cost, its configuration, line items and commitments) are worked out when
 * first read, so that a what-if, a robustness probe or a property test that reads the ranking's
 * order and figures pays for no text. Read once, they are kept, and shared by every reader.
 */
interface EntryState {
  shared: Shared;
  option: OptionId;
  /** The option's place in the contract's order (OPTION_IDS). */
  index: number;
  name: string;
  feasible: boolean;
  /** Blocked by a limit on the workload alone and not priced yet (see settlePricing). */
  pending: boolean;
  score: number;
  monthlyCostUsd: number | null;
  per1kInferencesUsd: number | null;
  /** The sizing's own blockers, listed after the limits' (see blockersOf). */
  sizedBlockers: readonly Blocker[] | undefined;
  /** The bill the budget is compared with and the total, for the rules that quote cost. */
  billUsd: number | null;
  totalUsd: number | null;
  /** The bill's own-hardware part and the region whose prices made it, for the budget sentence. */
  ownHardwareUsd: number;
  priceRegion: string | undefined;
  /** The sizing's notes, for their effects on the score (the numbers pass writes no sentence). */
  notes: readonly Reason[] | undefined;
  /** The numbers pass's cost: kept only when there is no costFor to explain it again. */
  numbers: OptionCost | null;
  costEffect: number | null;
  /** The score before rounding: what the ranking orders by. */
  exact: number;
  costError: string | undefined;
  blockers?: Blocker[];
  reasons?: Reason[];
  costReason?: string;
  explained?: boolean;
  cost?: OptionCost | null;
  sizing?: OptionSizing | null;
  lineItems?: LineItem[];
  commitments?: Commitment[];
}

/**
 * Scores and ranks every option: feasible first by score, then cost, then the contract's order;
 * infeasible ones after them in the contract's order.
 */
export function rankOptions(
  workload: Workload,
  knowledge: Knowledge,
  costs: CostTable,
  scoring: CostScoring = knowledge.sizing.costScoring,
): Omit<RankedOption, 'rank'>[] {
  return rankStates(workload, knowledge, costs, scoring, undefined).map((state) => entryOf(state));
}

/**
 * The ranking as numbers (see EntryState). With `costs` (the numbers pass's, sentences left out,
 * or explained) every option is priced already. Without, `costFor` prices each option a limit on
 * the workload alone leaves open, and an option such a limit blocks is priced when its bill is
 * first read (see settlePricing): it cannot rank above a feasible one whatever it costs, and
 * most what-ifs (the chat's, the robustness search's, the property tests') never read it. `costFor`
 * also prices a read option again, explained.
 */
function rankStates(
  workload: Workload,
  knowledge: Knowledge,
  costs: CostTable | null,
  scoring: CostScoring,
  costFor: CostFor | undefined,
): EntryState[] {
  const book = rulebookOf(knowledge);
  const baseFacts = baseFactsOf(workload);
  // Rules and limits on the workload alone hold or not for every option alike: test them once,
  // and write each sentence once unless it quotes the option's own cost.
  const { held, broken } = testWorkload(book, baseFacts);
  const shared: Shared = {
    workload,
    knowledge,
    book,
    baseFacts,
    held,
    broken,
    ruleTexts: [],
    limitTexts: [],
    cheapest: null,
    scoring,
    costFor,
  };
  // One facts object for every option in turn (its cost facts set per option); read, not kept.
  const optionFactsNow = { ...baseFacts };
  const scored: EntryState[] = [];
  for (let index = 0; index < OPTION_IDS.length; index++) {
    const option = OPTION_IDS[index]!;
    const own = book.byOption[option];
    // Counted here; their sentences are written when first read (see blockersOf).
    let blocked = 0;
    for (const limit of own.workloadLimits) if (broken[limit.index]) blocked += 1;
    const priced = costs ? costs[option] : blocked === 0 ? priceOption(option, workload, costFor!) : null;
    const state: EntryState = {
      shared,
      option,
      index,
      name: book.names[option],
      feasible: false,
      pending: priced === null,
      score: 0,
      monthlyCostUsd: null,
      per1kInferencesUsd: null,
      sizedBlockers: undefined,
      billUsd: null,
      totalUsd: null,
      ownHardwareUsd: 0,
      priceRegion: undefined,
      notes: undefined,
      numbers: null,
      costEffect: null,
      exact: 0,
      costError: undefined,
    };
    scored.push(state);
    if (priced === null) continue;
    const cost = setPriced(state, priced, !costFor);
    // The budget is compared with the bill; people's time is scored through cost efficiency. The
    // budget sentence quotes both, so it reads on the table's basis too.
    const facts = setCostFacts(optionFactsNow, state.billUsd, state.totalUsd);
    for (const limit of own.costLimits) if (limit.test(facts)) blocked += 1;
    if (state.sizedBlockers) blocked += state.sizedBlockers.length;
    // The score's rule effects, summed in the order the reasons list them (see reasonsOf).
    let effects = 0;
    for (const { rule, effect } of own.rules) {
      if (rule.usesCost ? rule.test(facts) : held[rule.index]) effects += effect;
    }
    const budget = scoring.budget ? budgetEffect(facts.costToBudget, scoring.budget) : null;
    if (budget !== null) effects += budget;
    if (cost?.notes) for (const note of cost.notes) effects += note.effect;
    state.feasible = blocked === 0;
    state.score = effects;
  }
  let cheapest: Cheapest | null = null;
  let compared = 0;
  for (const e of scored) {
    if (!e.feasible || e.monthlyCostUsd === null) continue;
    compared += 1;
    if (!cheapest || e.monthlyCostUsd < cheapest.usd)
      cheapest = { option: e.option, usd: e.monthlyCostUsd, compared: 0 };
  }
  if (cheapest) cheapest.compared = compared;
  shared.cheapest = cheapest;
  for (const entry of scored) {
    const effect = entry.feasible ? costEffect(entry.option, entry.monthlyCostUsd, cheapest, scoring) : null;
    entry.costEffect = effect;
    // As scoreOf sums the reasons: the rules', the sizing's notes, then cost efficiency.
    const total = BASE_SCORE + (effect === null ? entry.score : entry.score + effect);
    // Ranked on the exact total: continuous factors (latency fit, budget) move it by fractions,
    // and rounding first could swap two options at a half point for a 1 ms change of target.
    entry.exact = entry.feasible ? Math.max(0, Math.min(100, total)) : 0;
    entry.score = Math.round(entry.exact);
  }
  // Ten entries: sorted by insertion, in place (the order is total, so any sort gives this one),
  // without Array.prototype.sort's copy and its comparator's results boxed for every comparison.
  for (let i = 1; i < scored.length; i++) {
    const entry = scored[i]!;
    let j = i - 1;
    while (j >= 0 && rankOrder(scored[j]!, entry) > 0) {
      scored[j + 1] = scored[j]!;
      j -= 1;
    }
    scored[j + 1] = entry;
  }
  return scored;
}

/**
 * An option's priced figures on its state: the bill, the total, what the budget sentence quotes,
 * the sizing's blockers and notes, or why there is no cost. Returns the cost when there is a bill.
 * `keep`: hold the cost for explain() (there is no costFor to price it again).
 */
function setPriced(state: EntryState, priced: CostTable[OptionId], keep: boolean): OptionCost | null {
  // No configuration fits: the sizing's blockers say why, and there is no bill to show.
  const sized = 'error' in priced ? null : priced;
  const cost = sized && sized.lineItems.length > 0 ? sized : null;
  state.monthlyCostUsd = cost ? cost.monthlyUsd : null;
  state.per1kInferencesUsd = cost ? cost.per1kInferencesUsd : null;
  state.sizedBlockers = sized?.blockers;
  state.billUsd = cost ? (cost.billUsd ?? cost.monthlyUsd) : null;
  state.totalUsd = cost ? cost.monthlyUsd : null;
  state.ownHardwareUsd = cost?.ownHardwareUsd ?? 0;
  state.priceRegion = cost?.priceRegion;
  state.notes = cost?.notes;
  state.numbers = keep ? cost : null;
  state.costError = cost
    ? undefined
    : sized
      ? 'no configuration of this option can serve the workload (see the blockers)'
      : (priced as { error: string }).error;
  return cost;
}

/**
 * A blocked option left unpriced by the ranking (see rankStates), priced now that its bill, its
 * blockers or its reasons are read: the figures alone, as for an option priced at once (a chat's
 * what-if reads every option's bill and nothing else), explained again when its lines are read.
 */
function settlePricing(state: EntryState): EntryState {
  if (!state.pending) return state;
  const { costFor, workload } = state.shared;
  setPriced(state, priceOption(state.option, workload, costFor!), false);
  state.pending = false;
  return state;
}

/** Feasible first, by score, then cost, then the contract's order; infeasible in that order. */
function rankOrder(a: EntryState, b: EntryState): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible) return a.index - b.index;
  return (
    b.exact - a.exact || (a.monthlyCostUsd ?? Infinity) - (b.monthlyCostUsd ?? Infinity) || a.index - b.index
  );
}

/**
 * The limits an option breaks, as the ranking found them (those on the workload alone, then those
 * on its cost, then its sizing's own), with their sentences: written when first read.
 */
function blockersOf(state: EntryState): Blocker[] {
  if (state.blockers) return state.blockers;
  const { shared } = settlePricing(state);
  const own = shared.book.byOption[state.option];
  const facts = setCostFacts({ ...shared.baseFacts }, state.billUsd, state.totalUsd);
  const blockerOf = (l: CompiledLimit): Blocker => ({
    limit: l.limit.id,
    title: l.limit.title,
    text: l.quotesCost
      ? l.text.fill(facts, l.extra)
      : (shared.limitTexts[l.index] ??= l.text.fill(shared.baseFacts, l.extra)),
    value: l.limit.limit.value,
    unit: l.limit.limit.unit,
    source: l.limit.source.url,
    checked: l.limit.source.checked,
  });
  const blockers: Blocker[] = [];
  for (const limit of own.workloadLimits) if (shared.broken[limit.index]) blockers.push(blockerOf(limit));
  for (const limit of own.costLimits) if (limit.test(facts)) blockers.push(blockerOf(limit));
  if (state.sizedBlockers) blockers.push(...state.sizedBlockers);
  return (state.blockers = blockers);
}

/** The reasons of one option, as rankOptions lists them: its rules, its sizing's notes, cost. */
function reasonsOf(state: EntryState): Reason[] {
  if (state.reasons) return state.reasons;
  const { shared, option } = settlePricing(state);
  const own = shared.book.byOption[option];
  const facts = setBillBasis(
    setCostFacts({ ...shared.baseFacts }, state.billUsd, state.totalUsd),
    state.ownHardwareUsd,
    state.priceRegion,
  );
  const reasons: Reason[] = [];
  for (const { rule, effect } of own.rules) {
    if (!(rule.usesCost ? rule.test(facts) : shared.held[rule.index])) continue;
    const reason: Reason = {
      rule: rule.rule.id,
      topic: rule.rule.topic,
      text:
        rule.usesCost && rule.quotesCost
          ? rule.text.fill(facts)
          : (shared.ruleTexts[rule.index] ??= rule.text.fill(shared.baseFacts)),
      effect,
    };
    if (rule.rule.corrects) reason.corrects = rule.rule.corrects;
    reasons.push(reason);
  }
  const budget = shared.scoring.budget ? budgetEffect(facts.costToBudget, shared.scoring.budget) : null;
  if (budget !== null)
    reasons.push({ rule: 'budget-fit', topic: 'budget', text: budgetText(facts), effect: budget });
  // The numbers pass's notes carry their effects alone: their sentences are the explained cost's.
  const notes = explain(state).cost?.notes;
  if (notes) reasons.push(...notes);
  const factor = costFactorOf(state);
  if (factor)
    reasons.push({ rule: 'cost-efficiency', topic: 'budget', text: factor.text, effect: factor.effect });
  return (state.reasons = reasons);
}

function costFactorOf(state: EntryState): { effect: number; text: string } | null {
  return state.feasible
    ? costEfficiency(state.option, state.monthlyCostUsd, state.shared.cheapest, state.shared.scoring)
    : null;
}

function costReasonOf(state: EntryState): string {
  if (state.costReason !== undefined) return state.costReason;
  settlePricing(state);
  const factor = costFactorOf(state);
  return (state.costReason = factor
    ? factor.text
    : state.monthlyCostUsd === null
      ? `Not priced: ${state.costError ?? 'no cost model result'}.`
      : `Modelled at ${usd(state.monthlyCostUsd)} a month; not compared on cost because the option is blocked.`);
}

/** The option's bill with its sentences: priced again, explained, when first read. */
function explain(state: EntryState): EntryState {
  if (state.explained) return state;
  settlePricing(state);
  let cost: OptionCost | null = null;
  if (state.monthlyCostUsd !== null) {
    const { costFor, workload } = state.shared;
    cost = costFor ? costFor(state.option, workload, true) : state.numbers;
    if (!cost || cost.monthlyUsd !== state.monthlyCostUsd) {
      throw new Error(`the ${state.option} cost explained is not the cost ranked`);
    }
  }
  state.cost = cost;
  state.sizing = cost?.summary ?? null;
  state.lineItems = cost ? cost.lineItems : [];
  state.commitments = cost?.commitments ?? [];
  state.explained = true;
  return state;
}

/** A field of a ranked option not worked out yet (see entryOf): never seen outside this module. */
const NOT_READ = Symbol('worked out when first read');

type Lazy =
  | 'monthlyCostUsd'
  | 'per1kInferencesUsd'
  | 'blockers'
  | 'reasons'
  | 'cost'
  | 'sizing'
  | 'lineItems'
  | 'costReason'
  | 'commitments';
type EntryFields = Record<string | symbol, unknown>;

/** How each field worked out when first read comes from the entry's state. */
const LAZY_READERS: Record<Lazy, (state: EntryState) => unknown> = {
  monthlyCostUsd: (state) => settlePricing(state).monthlyCostUsd,
  per1kInferencesUsd: (state) => settlePricing(state).per1kInferencesUsd,
  blockers: blockersOf,
  reasons: reasonsOf,
  cost: (state) => explain(state).cost,
  sizing: (state) => explain(state).sizing,
  lineItems: (state) => explain(state).lineItems,
  costReason: costReasonOf,
  commitments: (state) => explain(state).commitments,
};
const LAZY_KEYS = Object.keys(LAZY_READERS) as Lazy[];

/**
 * The handler of one ranked option: a field still NOT_READ is worked out from the state when it is
 * first read, by any means (a property read, JSON, a spread, Object.entries, a descriptor), and
 * kept on the object. Freezing works every field out first, so a frozen entry is complete.
 * `costError` is there only when the option has no cost: on an option not priced yet (see
 * settlePricing) whether it is there is worked out when its keys or the field are first asked for.
 */
class LazyFields implements ProxyHandler<EntryFields> {
  constructor(private readonly state: EntryState) {}

  get(target: EntryFields, key: string | symbol): unknown {
    const value = target[key];
    if (value !== NOT_READ) return value;
    return key === 'costError' ? this.priced(target).costError : this.settle(target, key as Lazy);
  }

  getOwnPropertyDescriptor(target: EntryFields, key: string | symbol): PropertyDescriptor | undefined {
    if (target[key] === NOT_READ) {
      if (key === 'costError') this.priced(target);
      else this.settle(target, key as Lazy);
    }
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  has(target: EntryFields, key: string | symbol): boolean {
    if (key === 'costError' && target.costError === NOT_READ) this.priced(target);
    return Reflect.has(target, key);
  }

  ownKeys(target: EntryFields): (string | symbol)[] {
    if (target.costError === NOT_READ) this.priced(target);
    return Reflect.ownKeys(target);
  }

  preventExtensions(target: EntryFields): boolean {
    if (target.costError === NOT_READ) this.priced(target);
    for (const key of LAZY_KEYS) if (target[key] === NOT_READ) this.settle(target, key);
    return Reflect.preventExtensions(target);
  }

  private settle(target: EntryFields, key: Lazy): unknown {
    return (target[key] = LAZY_READERS[key](this.state));
  }

  /** The option priced, and `costError` kept or taken away as a priced entry has it. */
  private priced(target: EntryFields): EntryFields {
    const { costError } = settlePricing(this.state);
    if (costError === undefined) delete target.costError;
    else target.costError = costError;
    return target;
  }
}

/**
 * A ranked option made of its state: plain fields, then the ones worked out when first read
 * (reasons, the explained cost), in the order it lists them. A plain object behind a proxy that
 * fills those fields in on first read: this runs for every option of every evaluation, and
 * accessor properties (seven defineProperty calls an entry) took a third of the engine's own time.
 */
function entryOf(state: EntryState): Omit<RankedOption, 'rank'>;
function entryOf(state: EntryState, rank: number): RankedOption;
function entryOf(state: EntryState, rank?: number): Omit<RankedOption, 'rank'> {
  const fields: EntryFields = {
    option: state.option,
    name: state.name,
    feasible: state.feasible,
    score: state.score,
    monthlyCostUsd: state.pending ? NOT_READ : state.monthlyCostUsd,
    per1kInferencesUsd: state.pending ? NOT_READ : state.per1kInferencesUsd,
    blockers: NOT_READ,
    reasons: NOT_READ,
    cost: NOT_READ,
    sizing: NOT_READ,
    lineItems: NOT_READ,
    costReason: NOT_READ,
    commitments: NOT_READ,
  };
  if (state.pending) fields.costError = NOT_READ;
  else if (state.costError !== undefined) fields.costError = state.costError;
  if (rank !== undefined) fields.rank = rank;
  return new Proxy(fields, new LazyFields(state)) as unknown as Omit<RankedOption, 'rank'>;
}

/** Works out every field of a ranking shared again, and freezes it: no reader changes another's. */
function share(ranked: readonly EntryState[]): readonly EntryState[] {
  for (const state of ranked) {
    explain(state);
    deepFreeze(blockersOf(state));
    deepFreeze(reasonsOf(state));
    costReasonOf(state);
    deepFreeze(state.cost);
    deepFreeze(state.sizing);
    deepFreeze(state.lineItems);
    deepFreeze(state.commitments);
  }
  return ranked;
}

export type CostFor = (option: OptionId, workload: Workload, explain?: boolean) => OptionCost;

/**
 * Prices every option at once; a model that throws or gives no finite total becomes that option's
 * error. The figures alone unless `explain` (see estimateOptionCost). The ranking prices lazily
 * (see rankStates); this eager table, with rankOptions, is what the tests hold it to.
 */
export function costTable(workload: Workload, costFor: CostFor, explain = false): CostTable {
  const table = {} as CostTable;
  for (const option of OPTION_IDS) table[option] = priceOption(option, workload, costFor, explain);
  return table;
}

function priceOption(
  option: OptionId,
  workload: Workload,
  costFor: CostFor,
  explain = false,
): CostTable[OptionId] {
  try {
    const cost = costFor(option, workload, explain);
    return Number.isFinite(cost.monthlyUsd) && cost.monthlyUsd >= 0
      ? cost
      : { error: `the ${option} cost model gave no finite total for this workload` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Which rules and limits on the workload alone hold, by their position in the rules base. */
function testWorkload(book: Rulebook, baseFacts: Facts): { held: boolean[]; broken: boolean[] } {
  return {
    held: book.rules.map((r) => !r.usesCost && r.test(baseFacts)),
    broken: book.limits.map((l) => !l.usesCost && l.test(baseFacts)),
  };
}

/** The ranking alone, for one set of answers: what robustness re-evaluates. */
export function evaluate(
  answers: Answers,
  knowledge: Knowledge,
  costFor: CostFor,
): readonly Omit<RankedOption, 'rank'>[] {
  return rankedFor(answers, knowledge, costFor).map((state) => entryOf(state));
}

/**
 * The last few rankings of one pricing function and rules base, by their answers' key: the chat and
 * the report ask again for answers they have just asked for (the report's sweeps keep their own
 * results, see scaffold/report.ts). A ring of fixed arrays written over in place, not a Map: a
 * Map's deletions rehash it into a new table, which the old one links to; once one table was in
 * the old generation, that link kept every later table, and every ranking in them, alive through
 * the young generation's collections until a full one (a fifth of every evaluation's time went to
 * copying rankings nobody could reach).
 */
class RecentRankings {
  /** A few: a ranking kept for hundreds of evaluations outlives the young generation too. */
  static readonly SIZE = 8;
  /** Each kept ranking's answers that are facts (see ADVICE_KEYS), in that order. */
  private readonly facts: (readonly unknown[] | null)[] = new Array<null>(RecentRankings.SIZE).fill(null);
  private readonly rankings: (readonly EntryState[] | null)[] = new Array<null>(RecentRankings.SIZE).fill(
    null,
  );
  private next = 0;

  /**
   * The ranking kept for answers equal in every fact, compared value by value (no key string made:
   * a number's digits cost more than the comparison).
   */
  get(answers: Answers): readonly EntryState[] | null {
    for (let i = 0; i < RecentRankings.SIZE; i++) {
      const kept = this.facts[i];
      if (kept && sameFacts(kept, answers)) return this.rankings[i]!;
    }
    return null;
  }

  /** Keeps `ranked` in place of the oldest, with a copy of its answers' facts. */
  set(answers: Answers, ranked: readonly EntryState[]): void {
    this.facts[this.next] = ADVICE_KEYS.map((field) => answers[field]);
    this.rankings[this.next] = ranked;
    this.next = (this.next + 1) % RecentRankings.SIZE;
  }
}

/**
 * Whether the answers hold these facts: strictly equal, field by field (null and undefined stay
 * apart). Answers that are not facts are left out, so a scaffold rendered under another project
 * name reuses the advice (and the report's sweeps) already computed.
 */
function sameFacts(facts: readonly unknown[], answers: Answers): boolean {
  for (let i = 0; i < ADVICE_KEYS.length; i++) if (facts[i] !== answers[ADVICE_KEYS[i]!]) return false;
  return true;
}

/** Rankings already computed, per pricing function and rules base (see rankedFor). */
const rankingCache = new WeakMap<CostFor, WeakMap<Knowledge, RecentRankings>>();

/**
 * The ranking for one workload, computed once per pricing function and rules base: the chat and
 * the report ask again for the same answers. The key is the answers: the workload is derived from
 * them and the rules base alone, and everything here is pure, so equal keys give equal rankings.
 * A `costFor` made afresh per call misses the cache. A ranking is frozen when it is first shared,
 * so that no caller can change what another is given; most answers are asked for once (a what-if,
 * a property test), and freezing every one would cost a tenth of the evaluation.
 */
function rankedFor(
  answers: Answers,
  knowledge: Knowledge,
  costFor: CostFor,
  derived?: Workload,
): readonly EntryState[] {
  let byKnowledge = rankingCache.get(costFor);
  if (!byKnowledge) rankingCache.set(costFor, (byKnowledge = new WeakMap()));
  let recent = byKnowledge.get(knowledge);
  if (!recent) byKnowledge.set(knowledge, (recent = new RecentRankings()));
  // The workload is derived from the answers and the rules base's sizing alone: key on the answers.
  const found = recent.get(answers);
  if (found) return share(found);
  const workload = derived ?? deriveWorkload(answers, knowledge.sizing);
  const ranked = rankStates(workload, knowledge, null, knowledge.sizing.costScoring, costFor);
  recent.set(answers, ranked);
  return ranked;
}

/** The answers the advice is made of: the facts. The project name, say, changes no ranking. */
const ADVICE_KEYS: readonly (keyof Answers)[] = [...ANSWER_FACT_KEYS, ...ESTIMATED_FACT_KEYS];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export interface RecommendOptions {
  /** false: leave `robustness` empty (it is otherwise searched when first read). */
  robustness?: boolean;
}

/**
 * The whole recommendation. `costFor` prices one option for the workload (see costs/estimate.ts);
 * it is passed in so the engine stays free of price sources.
 */
export function recommend(
  parsed: ParsedAnswers,
  knowledge: Knowledge,
  pricing: PricingInfo,
  costFor: CostFor,
  options: RecommendOptions = {},
): Recommendation {
  const workload = deriveWorkload(parsed.answers, knowledge.sizing);
  const ranking = rankedFor(parsed.answers, knowledge, costFor, workload).map((state, index) =>
    entryOf(state, index + 1),
  );
  const answered = parsed.answers.region;
  const priceRegion = priceRegionOf(pricing);
  const regionNote = answered === priceRegion ? null : regionNoteOf(answered, priceRegion, knowledge);
  const pricingBlock = pricingOf(pricing, priceRegion, regionNote);
  if (options.robustness === false) {
    // Nothing to search: plain fields. An object literal's getters each take an accessor pair,
    // which V8 makes in the old generation: it kept every such recommendation's ranking alive
    // through the young generation's collections until a full one (a fifth of a what-if's time).
    return {
      pricing: pricingBlock,
      ranking,
      workload,
      defaulted: parsed.defaulted,
      robustness: [],
      costCliffs: [],
    };
  }
  // About a hundred re-evaluations each: searched when first read (JSON, the table, the report),
  // so the chat's what-ifs and the property tests do not pay for them.
  let robustness: RobustnessEntry[] | undefined;
  let cliffs: CostCliff[] | undefined;
  const rec: Recommendation = {
    pricing: pricingBlock,
    ranking,
    workload,
    defaulted: parsed.defaulted,
    get robustness() {
      return (robustness ??= robustnessOf(parsed.answers, ranking, knowledge, costFor));
    },
    get costCliffs() {
      return (cliffs ??= costCliffsOf(parsed.answers, ranking, knowledge, costFor));
    },
  };
  return rec;
}

/**
 * The pricing block of a recommendation: one frozen object per price book and region note, as
 * every evaluation against the same prices (the chat's what-ifs, the robustness search) shares it.
 */
const pricingBlocks = new WeakMap<PricingInfo, Map<string, Recommendation['pricing']>>();

function pricingOf(
  pricing: PricingInfo,
  priceRegion: string,
  regionNote: Recommendation['pricing']['regionNote'],
): Recommendation['pricing'] {
  let byNote = pricingBlocks.get(pricing);
  if (!byNote) pricingBlocks.set(pricing, (byNote = new Map()));
  const key = regionNote === null ? priceRegion : `${priceRegion}|${regionNote}`;
  let block = byNote.get(key);
  if (!block) byNote.set(key, (block = Object.freeze({ ...pricing, priceRegion, regionNote })));
  return block;
}

/**
 * The option that would rank first for these answers, or null when none is feasible: the
 * ranking's order (see rankOptions) worked out from the numbers alone, without sentences, freezing
 * or the cache, for the robustness search's hundred re-evaluations. An option a limit on the
 * workload alone blocks cannot rank first and is not priced.
 */
export function topOption(
  answers: Answers,
  knowledge: Knowledge,
  costFor: CostFor,
  /** An option's cost already worked out for these answers (see robustnessOf); else priced here. */
  costOf?: (option: OptionId) => CostTable[OptionId],
): OptionId | null {
  const workload = deriveWorkload(answers, knowledge.sizing);
  const book = rulebookOf(knowledge);
  const facts = { ...baseFactsOf(workload) };
  const { held, broken } = testWorkload(book, facts);
  const feasible: { option: OptionId; effects: number; usd: number | null }[] = [];
  for (const option of OPTION_IDS) {
    const own = book.byOption[option];
    if (own.workloadLimits.some((limit) => broken[limit.index])) continue;
    const priced = costOf ? costOf(option) : priceOption(option, workload, costFor);
    const sized = 'error' in priced ? null : priced;
    if (sized?.blockers && sized.blockers.length > 0) continue;
    const cost = sized && sized.lineItems.length > 0 ? sized : null;
    setCostFacts(facts, cost ? (cost.billUsd ?? cost.monthlyUsd) : null);
    if (own.costLimits.some((limit) => limit.test(facts))) continue;
    // Summed in the order rankOptions lists the reasons, so that the score is the same number.
    let effects = 0;
    for (const { rule, effect } of own.rules) {
      if (rule.usesCost ? rule.test(facts) : held[rule.index]) effects += effect;
    }
    const scoring = knowledge.sizing.costScoring;
    const budget = scoring.budget ? budgetEffect(facts.costToBudget, scoring.budget) : null;
    if (budget !== null) effects += budget;
    if (cost?.notes) for (const note of cost.notes) effects += note.effect;
    feasible.push({ option, effects, usd: cost ? cost.monthlyUsd : null });
  }
  const cheapest = cheapestOf(feasible);
  let top: { option: OptionId; score: number; usd: number } | null = null;
  for (const entry of feasible) {
    const effect = costEffect(entry.option, entry.usd, cheapest, knowledge.sizing.costScoring);
    const total = BASE_SCORE + (effect === null ? entry.effects : entry.effects + effect);
    const score = Math.max(0, Math.min(100, total));
    const usd = entry.usd ?? Infinity;
    // Feasible options come in the contract's order: a later one leads only when strictly ahead.
    if (!top || score > top.score || (score === top.score && usd < top.usd)) {
      top = { option: entry.option, score, usd };
    }
  }
  return top ? top.option : null;
}

/** Factors the scan tries, nearest first, in each direction. */
const UP = [1.25, 1.5, 2, 3, 5, 10, 20, 50, 100];
const DOWN = [0.8, 0.6, 0.5, 0.33, 0.2, 0.1, 0.05, 0.02, 0.01];

/**
 * For each main input: the nearest value (scanning up and down from the answer on a log scale,
 * then bisecting) at which another option ranks first. Other inputs are held as answered.
 */
export function robustnessOf(
  answers: Answers,
  ranking: readonly RankedOption[],
  knowledge: Knowledge,
  costFor: CostFor,
): RobustnessEntry[] {
  const top = ranking[0];
  if (!top || !top.feasible) return [];
  const entries: RobustnessEntry[] = [];
  // The budget is compared with the bill and is never part of it (a property test holds every
  // cost model to that): its probes rescore the answers' own costs rather than price again, each
  // option priced when a probe first asks (none asks for one the workload alone blocks).
  const answered: Partial<CostTable> = {};
  let answeredWorkload: Workload | undefined;
  const answeredCost = (option: OptionId): CostTable[OptionId] =>
    (answered[option] ??= priceOption(
      option,
      (answeredWorkload ??= deriveWorkload(answers, knowledge.sizing)),
      costFor,
    ));
  for (const input of ROBUSTNESS_INPUTS) {
    const current = answers[input];
    // Not answered (no latency target): there is no threshold to quote, so no entry; a current
    // of 0 would read as a 0 ms target.
    if (current === null || current === undefined) continue;
    const base = current > 0 ? current : 1;
    const at = (value: number): OptionId | null => {
      const changed = { ...answers, [input]: value } as Answers;
      if (input === 'requestsPerSecond' && answers.peakRequestsPerSecond !== undefined && current > 0) {
        changed.peakRequestsPerSecond = (answers.peakRequestsPerSecond * value) / current;
      }
      if (input !== 'monthlyBudgetUsd') return topOption(changed, knowledge, costFor);
      return topOption(changed, knowledge, costFor, answeredCost);
    };
    let best: RobustnessEntry | null = null;
    for (const [direction, factors] of [
      ['above', UP],
      ['below', DOWN],
    ] as const) {
      let same = current;
      for (const f of factors) {
        const value = base * f;
        if (best && Math.abs(Math.log(f)) >= Math.abs(Math.log(best.threshold! / base))) break;
        const pick = at(value);
        if (pick !== top.option) {
          // Bisect between the last value with the same pick and this one.
          let lo = same;
          let hi = value;
          let found = pick;
          for (let k = 0; k < 8; k++) {
            const mid = lo > 0 && hi > 0 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
            const p = at(mid);
            if (p === top.option) lo = mid;
            else {
              hi = mid;
              found = p;
            }
          }
          // The figure quoted is where `found` leads: a narrow window of it could be stepped past by
          // rounding, so more digits are kept until it holds there.
          const threshold = quotable(hi, direction, (value) => at(value) === found);
          best = { input, current, threshold, direction, newTop: found };
          break;
        }
        same = value;
      }
    }
    entries.push(best ?? { input, current, threshold: null, direction: 'above', newTop: null });
  }
  return entries;
}

/** A bill moving by more than this share of the answered one is a cliff. */
const CLIFF_SHARE = 0.25;

/**
 * For the top option: where, scanning the latency target up and down over the robustness
 * search's factors and bisecting, its own monthly bill first moves by more than CLIFF_SHARE of
 * the answered bill (or it can no longer be sized). The nearest such target each way, if any.
 */
export function costCliffsOf(
  answers: Answers,
  ranking: readonly RankedOption[],
  knowledge: Knowledge,
  costFor: CostFor,
): CostCliff[] {
  const top = ranking[0];
  const current = answers.latencyP95Ms;
  if (!top || !top.feasible || current === null || current <= 0) return [];
  const billAt = (value: number): number | null => {
    const priced = priceOption(
      top.option,
      deriveWorkload({ ...answers, latencyP95Ms: value }, knowledge.sizing),
      costFor,
    );
    return 'error' in priced || (priced.blockers?.length ?? 0) > 0 ? null : priced.monthlyUsd;
  };
  const fromUsd = billAt(current);
  if (fromUsd === null || fromUsd <= 0) return [];
  const jumped = (usd: number | null) => usd === null || Math.abs(usd - fromUsd) > fromUsd * CLIFF_SHARE;
  const cliffs: CostCliff[] = [];
  for (const [direction, factors] of [
    ['below', DOWN],
    ['above', UP],
  ] as const) {
    let same = current;
    for (const f of factors) {
      const value = current * f;
      const usd = billAt(value);
      if (!jumped(usd)) {
        same = value;
        continue;
      }
      let lo = same;
      let hi = value;
      let toUsd = usd;
      for (let k = 0; k < 8; k++) {
        const mid = Math.sqrt(lo * hi);
        const at = billAt(mid);
        if (jumped(at)) {
          hi = mid;
          toUsd = at;
        } else lo = mid;
      }
      const threshold = quotable(hi, direction, (value) => {
        const usd = billAt(value);
        return jumped(usd) && (usd === null) === (toUsd === null);
      });
      const money = (usd: number) =>
        usd >= 1000 ? `$${formatNumber(usd / 1000, 1)}k` : `$${formatNumber(Math.round(usd), 0)}`;
      // The threshold itself, so that the sentence and the figure say one thing.
      const target = `a p95 target ${direction} ${formatNumber(threshold, 2)} ms`;
      const text =
        toUsd === null
          ? `at ${target} ${top.option} can no longer be sized (its bill is ${money(fromUsd)} at the answered ${formatNumber(current, 0)} ms)`
          : `at ${target} the pick's bill ${toUsd > fromUsd ? 'rises' : 'falls'} from ${money(fromUsd)} to ${money(toUsd)}`;
      cliffs.push({
        input: 'latencyP95Ms',
        current,
        threshold,
        direction,
        fromUsd: cents(fromUsd),
        toUsd: toUsd === null ? null : cents(toUsd),
        text,
      });
      break;
    }
  }
  return cliffs;
}

function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/**
 * A threshold found by bisection to 3 significant digits, rounded away from the answered value
 * (up when it lies above, down when below): `value` is the nearest probe past the change, and
 * rounding to the nearest could land back on the answered side of it (a reviewer found a cliff
 * quoted at 5,170 ms that begins at 5,172).
 */
function roundPast(value: number, direction: 'above' | 'below', digits = 3): number {
  if (!(value > 0) || !Number.isFinite(value)) return value;
  const step = 10 ** (Math.floor(Math.log10(value)) - (digits - 1));
  const steps = value / step;
  // A hair of slack, so that a value already on a step is not moved by its binary noise.
  const rounded = direction === 'above' ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9);
  return Number((rounded * step).toPrecision(digits));
}

/**
 * `value` (the nearest probe past a change) as quoted: to 3 significant digits away from the
 * answer (roundPast) where what was found there still `holds`, else to 4, 5 or 6, else as found.
 */
function quotable(value: number, direction: 'above' | 'below', holds: (value: number) => boolean): number {
  for (let digits = 3; digits <= 6; digits++) {
    const rounded = roundPast(value, direction, digits);
    if (rounded === value || holds(rounded)) return rounded;
  }
  return value;
}

export type { FactValue };
