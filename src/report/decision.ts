import { ANSWER_FIELDS } from '../core/answers.js';
import { fillText } from '../core/condition.js';
import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Facts, FactValue } from '../core/facts.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Price } from '../pricing/types.js';
import { HEADINGS, linkTo } from './anchor.js';
import type { CostCurves } from './curves.js';
import type { ActionWhen, ReportData } from './data.js';
import { engineFlips, priceWeakness, regionOf, sizingOf, type FlipView } from './engine-view.js';
import { limitDistances } from './limits-view.js';
import type { NotebookSummary } from './model.js';
import { phrase, type Phrases } from './phrases.js';
import type { AssumptionEffect, Prober } from './probes.js';
import type { PeopleCost } from './tco.js';
import { code, listText, md, num, percent, usd, usdShort } from './text.js';

/**
 * The one-page decision: the pick and why, its monthly and multi-year cost, the runner-up and
 * what would change the choice, what to check first, the risks and the next three actions. Every
 * sentence comes from templates/report/phrases.yaml, the rules base or report.md.hbs.
 */

/** A lead of this many points or fewer is a near tie: the report says what separates them. */
export const NEAR_TIE_POINTS = 5;
/** Latency headroom below this share of the p95 target is flagged as thin. */
export const THIN_LATENCY_SHARE = 0.25;
/** A pick using at least this share of its budget, or of a hard limit, is a risk. */
export const TIGHT_SHARE = 0.8;
/** People's time at least this share of the bill is a risk worth a line. */
export const PEOPLE_SHARE = 0.5;
const MAX_FLIPS = 4;
const MAX_RISKS = 3;
const ACTIONS = 3;

export interface DecisionContext {
  rec: Recommendation;
  knowledge: Knowledge;
  data: ReportData;
  phrases: Phrases;
  nameOf: (id: OptionId) => string;
  optionLink: (id: OptionId) => string;
  costText: (row: RankedOption) => string;
  factsOf: (row: RankedOption) => Facts;
  prober: Prober | null;
  curves: CostCurves | null;
  /** Every price the cost models read, and those behind the pick's own cost. */
  usedPrices: Price[];
  pickPrices: Price[];
  fromNotebook: readonly string[];
  notebook: NotebookSummary | null;
  peopleOf: (row: RankedOption) => PeopleCost;
  planningMonths: number;
}

export type Decision = ReturnType<typeof buildDecision>;

export function buildDecision(ctx: DecisionContext) {
  const { rec, phrases: p, nameOf } = ctx;
  const answers = rec.workload.answers;
  const feasible = rec.ranking.filter((r) => r.feasible);
  const top = feasible[0] ?? null;
  const runnerUp = feasible[1] ?? null;
  const budget = answers.monthlyBudgetUsd;
  const region = regionOf(rec);

  // --- What to check first ---------------------------------------------------------------------
  const flags: string[] = [];
  const risksHeld = new Set<ActionWhen>(['always', answers.latencyP95Ms === null ? 'offline' : 'online']);
  if (region.fallback) {
    flags.push(
      phrase(p, 'flag.regionFallback', { region: md(region.region), priceRegion: md(region.priceRegion) }),
    );
    if (region.note) flags.push(phrase(p, 'flag.regionNote', { note: md(region.note) }));
    risksHeld.add('regionFallback');
  }
  const weakPrices = ctx.usedPrices
    .map((price) => ({ price, why: priceWeakness(price) }))
    .filter((w): w is { price: Price; why: NonNullable<typeof w.why> } => w.why !== null);
  const pickKeys = new Set(ctx.pickPrices.map((x) => x.key));
  const weakForPick = weakPrices.filter((w) => pickKeys.has(w.price.key));
  if (weakForPick.length) {
    flags.push(
      phrase(p, 'flag.weakPrices', {
        count: weakForPick.length,
        keys: weakForPick.map((w) => code(w.price.key)).join(', '),
      }),
    );
    risksHeld.add('weakPrices');
  }
  let thinLatency = false;
  if (top && answers.latencyP95Ms !== null) {
    const sizing = sizingOf(top);
    const margin = sizing.latencyMarginMs;
    const values = {
      inferenceMs: num(top.sizing?.latencyMs ?? rec.workload.inferenceMs),
      target: num(answers.latencyP95Ms),
      option: nameOf(top.option),
    };
    if (margin !== null && margin < 0) {
      flags.push(phrase(p, 'flag.noLatencyRoom', values));
      thinLatency = true;
    } else if (margin !== null && margin < THIN_LATENCY_SHARE * answers.latencyP95Ms) {
      flags.push(phrase(p, 'flag.thinLatency', { ...values, margin: num(margin) }));
      thinLatency = true;
    }
  }
  if (thinLatency) risksHeld.add('thinLatency');
  const topBill = top ? billOf(top) : null;
  if (topBill !== null && topBill > budget) {
    flags.push(
      phrase(p, 'flag.overBudget', {
        cost: usd(topBill),
        over: usd(topBill - budget),
        budget: usd(budget),
      }),
    );
    risksHeld.add('overBudget');
  }

  // --- The pick --------------------------------------------------------------------------------
  const pick = top
    ? {
        name: nameOf(top.option),
        id: code(top.option),
        score: top.score,
        monthly: top.monthlyCostUsd === null ? null : usd(top.monthlyCostUsd),
        planning: top.monthlyCostUsd === null ? null : usdShort(top.monthlyCostUsd * ctx.planningMonths),
        bill: topBill === null ? null : usd(topBill),
        share: topBill === null ? null : budgetShare(topBill, budget),
        people: usd(ctx.peopleOf(top).usd),
        tcoLink: linkTo('total cost of ownership', HEADINGS.tco),
        // The best 3-year Savings Plan the engine found for the pick, over the same months.
        commitment: (() => {
          const best = [...top.commitments].sort((a, b) => a.threeYearMonthlyUsd - b.threeYearMonthlyUsd)[0];
          return best
            ? { plan: md(best.plan), planning: usdShort(best.threeYearMonthlyUsd * ctx.planningMonths) }
            : null;
        })(),
      }
    : null;
  const why = top
    ? [...top.reasons]
        .filter((r) => r.effect > 0)
        .sort((a, b) => b.effect - a.effect)
        .slice(0, 2)
    : [];

  // --- Runner-up, ties -------------------------------------------------------------------------
  const ties: string[] = [];
  const pairText = (a: RankedOption, b: RankedOption): string | null => {
    if (a.score === b.score) {
      if (a.monthlyCostUsd !== null && b.monthlyCostUsd !== null && a.monthlyCostUsd < b.monthlyCostUsd) {
        return phrase(p, 'tie.cost', {
          first: nameOf(a.option),
          second: nameOf(b.option),
          score: a.score,
          firstCost: usd(a.monthlyCostUsd),
          secondCost: usd(b.monthlyCostUsd),
        });
      }
      return phrase(p, 'tie.order', { first: nameOf(a.option), second: nameOf(b.option), score: a.score });
    }
    const gap = a.score - b.score;
    if (gap > NEAR_TIE_POINTS) return null;
    return phrase(p, 'tie.near', {
      first: nameOf(a.option),
      second: nameOf(b.option),
      gap,
      s: gap === 1 ? '' : 's',
      rules: separatingRules(a, b, nameOf),
    });
  };
  // The first pair's tie, when there is one, is said in the decision beside the runner-up.
  for (let i = 1; i + 1 < Math.min(feasible.length, 3); i++) {
    const text = pairText(feasible[i]!, feasible[i + 1]!);
    if (text) ties.push(text);
  }
  const runner = runnerUp
    ? {
        name: nameOf(runnerUp.option),
        id: code(runnerUp.option),
        score: runnerUp.score,
        gap: top!.score - runnerUp.score,
        points: top!.score - runnerUp.score === 1 ? 'point' : 'points',
        cost: ctx.costText(runnerUp),
        delta: costDelta(top!, runnerUp),
        tie: pairText(top!, runnerUp),
      }
    : null;
  if (runner?.tie) risksHeld.add('nearTie');

  // --- What would change the decision ----------------------------------------------------------
  const flipsFound: FlipView[] = engineFlips(rec).slice(0, MAX_FLIPS);
  const flips = flipsFound.map((f) =>
    phrase(p, `flip.${f.direction}`, {
      input: inputLabel(f.input),
      threshold: typeof f.threshold === 'number' ? num(f.threshold) : md(String(f.threshold)),
      current: typeof f.current === 'number' ? num(f.current) : md(String(f.current)),
      newTop: nameOf(f.newTop),
    }),
  );
  if (top && ctx.curves) {
    const traffic = flipsFound.some((f) => f.input === 'requestsPerSecond');
    for (const b of ctx.curves.breakEvens) {
      if (flips.length >= MAX_FLIPS + 1 || traffic) break;
      if (b.cheaperBelow !== top.option && b.cheaperAbove !== top.option) continue;
      // Only a crossing that makes another option cheaper than the pick, moving away from today.
      const other = b.cheaperBelow === top.option ? b.cheaperAbove : b.cheaperBelow;
      const side = other === b.cheaperAbove ? 'above' : 'below';
      if ((side === 'above' && b.multiple <= 1) || (side === 'below' && b.multiple >= 1)) continue;
      flips.push(
        phrase(p, 'flip.breakEven', {
          side,
          rps: num(b.requestsPerSecond),
          multiple: num(b.multiple),
          other: nameOf(other),
        }),
      );
    }
  }
  if (top && flips.length === 0) flips.push(phrase(p, 'flip.none'));

  // --- Assumptions that move the result --------------------------------------------------------
  const assumptionEffects: AssumptionEffect[] = ctx.prober?.assumptionEffects(ctx.fromNotebook) ?? [];
  if (assumptionEffects.length) risksHeld.add('movingAssumptions');
  const notebookFindings = (ctx.notebook?.findingKinds ?? []).some((k) =>
    ['local-path', 'train-and-predict', 'credential'].includes(k),
  );
  if (notebookFindings) risksHeld.add('notebookFindings');

  // --- Risks -----------------------------------------------------------------------------------
  const risks: string[] = [];
  if (top) {
    if (assumptionEffects.length) {
      const n = assumptionEffects.length;
      risks.push(
        phrase(p, 'risk.assumed', {
          count: n,
          s: n === 1 ? '' : 's',
          were: n === 1 ? 'was' : 'were',
          inputs: `${listText(assumptionEffects.map((e) => code(e.input)))} (see ${linkTo('assumptions', HEADINGS.assumptions)})`,
        }),
      );
    }
    if (topBill !== null && budget > 0) {
      const share = topBill / budget;
      if (share >= TIGHT_SHARE && share <= 1) {
        risks.push(phrase(p, 'risk.tightBudget', { share: percent(share), left: usd(budget - topBill) }));
      }
    }
    const { applies } = limitDistances(
      ctx.knowledge.limits,
      top.option,
      ctx.factsOf(top),
      new Set(top.blockers.map((b) => b.limit)),
    );
    const close = applies.find((d) => !d.breaks && (d.share ?? 0) >= TIGHT_SHARE);
    if (close) {
      risks.push(
        phrase(p, 'risk.closeLimit', {
          option: nameOf(top.option),
          share: percent(close.share ?? 0),
          limit: md(close.limit.title),
        }),
      );
    }
    const people = ctx.peopleOf(top);
    if (topBill !== null && topBill > 0 && people.usd >= PEOPLE_SHARE * topBill) {
      risks.push(
        phrase(p, 'risk.people', {
          option: nameOf(top.option),
          hours: num(people.hours, 1),
          usd: usd(people.usd),
          ratio:
            people.usd >= 2 * topBill
              ? `${num(people.usd / topBill, 0)} times the AWS bill`
              : `${percent(people.usd / topBill)} of the AWS bill`,
        }),
      );
    }
    if (risks.length === 0) risks.push(phrase(p, 'risk.none'));
  }

  // --- Next three actions ----------------------------------------------------------------------
  const steps = ctx.data.rollout.steps;
  const values: Record<string, FactValue> = {
    ...(top ? ctx.factsOf(top) : {}),
    option: top ? nameOf(top.option) : '',
    runnerUp: runnerUp ? nameOf(runnerUp.option) : '',
    inputs: listText(assumptionEffects.map((e) => code(e.input))),
    region: md(region.region),
    packagingTitle: md(steps.find((s) => s.id === 'packaging')?.title ?? '').toLowerCase(),
    preproductionTitle: md(steps.find((s) => s.id === 'preproduction')?.title ?? '').toLowerCase(),
  };
  const actions = top
    ? ctx.data.rollout.nextActions
        .filter((a) => risksHeld.has(a.when))
        .slice(0, ACTIONS)
        .map((a) => fillText(md(a.text), values))
    : [];

  return {
    flags,
    pick,
    why: why.map((r) => md(r.text)),
    quotedReasons: why.map((r) => r.text),
    runnerUp: runner,
    flips,
    risks: risks.slice(0, MAX_RISKS),
    actions,
    ties,
    assumptionEffects,
    weakPrices,
    region,
  };
}

function costDelta(top: RankedOption, other: RankedOption): string {
  if (other.monthlyCostUsd === null || top.monthlyCostUsd === null) return '';
  const d = other.monthlyCostUsd - top.monthlyCostUsd;
  return Math.abs(d) < 0.005
    ? ', at the same cost'
    : `, ${usd(Math.abs(d))} a month ${d < 0 ? 'cheaper' : 'dearer'}`;
}

/** The rules whose effects differ most between two options, with each option's effect. */
function separatingRules(a: RankedOption, b: RankedOption, nameOf: (id: OptionId) => string): string {
  const effects = new Map<string, { topic: string; a: number; b: number }>();
  for (const r of a.reasons) effects.set(r.rule, { topic: r.topic, a: r.effect, b: 0 });
  for (const r of b.reasons) {
    effects.set(r.rule, { topic: r.topic, a: effects.get(r.rule)?.a ?? 0, b: r.effect });
  }
  const differing = [...effects]
    .filter(([, e]) => e.a !== e.b)
    .sort((m, n) => Math.abs(n[1].a - n[1].b) - Math.abs(m[1].a - m[1].b))
    .slice(0, 3);
  if (differing.length === 0) return 'none (they differ only after clamping to 0-100)';
  const sign = (n: number) => `${n > 0 ? '+' : ''}${n}`;
  // The rule's topic is the reader's word for it; the id finds it in the appendix.
  return listText(
    differing.map(
      ([rule, e]) =>
        `${md(e.topic)} (${code(rule)}: ${nameOf(a.option)} ${sign(e.a)}, ${nameOf(b.option)} ${sign(e.b)})`,
    ),
  );
}

function budgetShare(cost: number, budget: number): string {
  if (budget <= 0) return cost > 0 ? 'against a budget of $0' : 'within a budget of $0';
  return `${percent(cost / budget)} of the ${usd(budget)} monthly budget`;
}

/** "Average request rate over the month (`requestsPerSecond`)": the answer's words, then its key. */
function inputLabel(input: string): string {
  const words = (ANSWER_FIELDS as Record<string, string>)[input];
  if (!words) return code(input);
  return `${md(words.charAt(0).toUpperCase() + words.slice(1)).replace(/ \(null for offline work\)$/, '')} (${code(input)})`;
}

/** The AWS bill without people's time: what the budget is compared with. */
export function billOf(row: RankedOption): number | null {
  return row.cost?.billUsd ?? row.monthlyCostUsd;
}
