import type { OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook } from '../pricing/types.js';
import { costContext, numbersContext, type CostContext } from './context.js';
import { clean, roundCents, toSignificant, total } from './money.js';
import { COST_MODELS } from './registry.js';
import type { Commitment, OptionCost } from './types.js';

/**
 * THE cost function: prices one option for one workload with its model from the registry. The
 * ranking, the chat's chart and the report's curves all call it, so they agree. Pure. Throws
 * UnknownPriceError when a price it needs is missing: never a $0 line.
 */
export function estimateOptionCost(
  option: OptionId,
  workload: Workload,
  prices: PriceBook,
  knowledge: Knowledge,
  /**
   * False: the figures alone (the ranking's numbers pass), without the sentences, the
   * configuration shown and the commitments, which are worked out again when an option is read.
   */
  explain = true,
): OptionCost {
  const ctx = contextFor(knowledge, prices, explain);
  const p = COST_MODELS[option].price(workload, ctx);
  const monthlyUsd = total(p.lineItems);
  const billUsd = roundCents(monthlyUsd - p.labourUsd);
  // Which part of the bill is AWS's and which is the team's own hardware, for on-prem and hybrid.
  const own = p.ownHardware;
  const ownHardwareUsd = own ? own.monthlyUsd : 0;
  // Every field in one literal, those a model may leave out undefined (JSON leaves them out, as
  // before): one shape for every option's cost, so the ranking reads them monomorphically (a
  // shape per set of fields present made each of its reads a megamorphic lookup).
  const cost: OptionCost = {
    option,
    monthlyUsd,
    per1kInferencesUsd: per1k(monthlyUsd, workload.monthlyRequests),
    lineItems: p.lineItems,
    sizing: p.sizing,
    assumptions: explain
      ? [...p.assumptions, basisNote(workload.hoursPerMonth, prices, ctx.region)]
      : p.assumptions,
    billUsd,
    commitments: explain ? commitmentsOf(p.covered, monthlyUsd, knowledge) : NO_COMMITMENTS,
    ownHardwareUsd,
    awsUsd: roundCents(billUsd - ownHardwareUsd),
    priceRegion: ctx.region,
    hardwareUpfrontUsd: own ? own.upfrontUsd : undefined,
    summary: p.summary ?? undefined,
    blockers: p.blockers.length ? p.blockers : undefined,
    notes: p.notes.length ? p.notes : undefined,
  };
  return cost;
}

/** The last pair's contexts: an evaluation prices ten options with one pair. */
let last: { knowledge: Knowledge; prices: PriceBook; full: CostContext; numbers: CostContext } | null = null;

function contextFor(knowledge: Knowledge, prices: PriceBook, explain: boolean): CostContext {
  if (!last || last.knowledge !== knowledge || last.prices !== prices) {
    const full = costContext(knowledge, prices);
    last = { knowledge, prices, full, numbers: numbersContext(full) };
  }
  return explain ? last.full : last.numbers;
}

/** The sentence every option's assumptions end with, written once per price book and month. */
const basisNotes = new WeakMap<PriceBook['info'], { hours: number; region: string; note: string }>();

function basisNote(hours: number, prices: PriceBook, region: string): string {
  const found = basisNotes.get(prices.info);
  if (found && found.hours === hours && found.region === region) return found.note;
  const note = `A month is ${hours} hours; on-demand prices (${prices.info.source}, ${region}, as of ${prices.info.asOf}); no free tier. People's time is a line of its own (knowledge/tco.yaml).`;
  basisNotes.set(prices.info, { hours, region, note });
  return note;
}

const NO_COMMITMENTS = Object.freeze([]) as unknown as Commitment[];

const costFunctions = new WeakMap<PriceBook, WeakMap<Knowledge, CostFunction>>();
type CostFunction = (option: OptionId, workload: Workload, explain?: boolean) => OptionCost;

/**
 * The engine's `costFor`: binds a price book and a rules base once. The same function for the same
 * pair, so that the engine's per-workload ranking cache is shared across calls.
 */
export function costFunction(prices: PriceBook, knowledge: Knowledge): CostFunction {
  let byKnowledge = costFunctions.get(prices);
  if (!byKnowledge) costFunctions.set(prices, (byKnowledge = new WeakMap()));
  let fn = byKnowledge.get(knowledge);
  if (!fn) {
    fn = (option, workload, explain) => estimateOptionCost(option, workload, prices, knowledge, explain);
    byKnowledge.set(knowledge, fn);
  }
  return fn;
}

/** USD per 1,000 inferences, to 6 significant digits; null without traffic. */
export function per1k(monthlyUsd: number, monthlyRequests: number): number | null {
  if (!(monthlyRequests > 0)) return null;
  return toSignificant((monthlyUsd / monthlyRequests) * 1000, 6);
}

/** 1- and 3-year Savings Plans figures: the covered lines at the plan's rate, the rest unchanged. */
function commitmentsOf(
  covered: readonly { plan: keyof Knowledge['savingsPlans']['plans']; usd: number }[],
  monthlyUsd: number,
  knowledge: Knowledge,
): Commitment[] {
  return covered
    .filter((c) => c.usd > 0)
    .map((c) => {
      const plan = knowledge.savingsPlans.plans[c.plan];
      return {
        plan: plan.name,
        covers: plan.covers,
        coveredUsd: roundCents(c.usd),
        oneYearMonthlyUsd: roundCents(monthlyUsd - clean(c.usd * plan.oneYear)),
        threeYearMonthlyUsd: roundCents(monthlyUsd - clean(c.usd * plan.threeYear)),
        oneYearRate: plan.oneYear,
        threeYearRate: plan.threeYear,
        source: plan.source.url,
        checked: plan.source.checked,
      };
    });
}
