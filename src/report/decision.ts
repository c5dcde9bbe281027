import { budgetVerdictOf } from '../core/budget-verdict.js';
import { fillText } from '../core/condition.js';
import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Facts, FactValue } from '../core/facts.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Price } from '../pricing/types.js';
import { HEADINGS, linkTo } from './anchor.js';
import type { CostCurves } from './curves.js';
import type { ActionWhen, ReportData } from './data.js';
import { engineFlips, regionOf, sizingOf, type FlipView } from './engine-view.js';
import { capitalised, inputName, inputValue } from './inputs-view.js';
import { limitDistances } from './limits-view.js';
import type { NotebookSummary } from './model.js';
import { phrase, type Phrases } from './phrases.js';
import type { AssumptionEffect, Prober } from './probes.js';
import { cheaperOption, ruleGaps, savingText } from './rule-gaps.js';
import type { PeopleCost } from './tco.js';
import { code, counted, listText, md, num, percent, plural, readerText, usd, usdShort } from './text.js';
import { weakLead, weakPricesOf } from './weak-prices.js';
import { billName, upFrontHardware } from './bill-name.js';

/**
 * The one-page decision: the pick and why, its AWS bill and its total with people's time against
 * the budget, its multi-year cost, how it is sized and how fast it answers, the runner-up, a
 * materially cheaper option ranked lower, what would change the choice, what to check first, the
 * risks and the next three actions. Inputs are named as people know them (answer-fields.ts), rules
 * by their topic. Every sentence comes from templates/report/phrases.yaml, the rules base or
 * report.md.hbs; every figure is the engine's.
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
const MAX_FLIP_LINES = 4;
const MAX_RISKS = 4;
/** A pick scoring below the neutral start (50) has more rules against it than for it: a risk. */
export const LOW_SCORE = 50;
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
  /** Every price the cost models read, and those behind the pick's and the runner-up's figures. */
  usedPrices: Price[];
  pickPrices: Price[];
  runnerUpPrices: Price[];
  fromNotebook: readonly string[];
  notebook: NotebookSummary | null;
  peopleOf: (row: RankedOption) => PeopleCost;
  planningMonths: number;
  /** Months own hardware is written off over (the price book's assumption); null without prices. */
  amortizeMonths: number | null;
}

export type Decision = ReturnType<typeof buildDecision>;

/** The top-level budget signal before the pick's budget sentence, when nothing feasible fits it. */
function budgetSignal(rec: Recommendation): string {
  const v = budgetVerdictOf(rec);
  return v.anyFeasibleWithinBudget || v.cheapestFeasible === null ? '' : `**${md(v.text)}** `;
}

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
  const weakPrices = weakPricesOf(ctx.usedPrices);
  const weak = top ? weakLead(top, runnerUp, ctx.pickPrices, ctx.runnerUpPrices) : null;
  if (weak && weak.prices.length) {
    const n = weak.prices.length;
    const whose =
      weak.pick && weak.runnerUp ? 'the pick and the runner-up' : weak.pick ? 'the pick' : 'the runner-up';
    // How much of each option's own bill rests on its own weak prices, said per option.
    const shares = [
      { row: top, weakUsd: weak.pickUsd },
      { row: runnerUp, weakUsd: weak.runnerUpUsd },
    ].flatMap(({ row, weakUsd }) => {
      const bill = row ? billOf(row) : null;
      if (!row || bill === null || bill <= 0 || weakUsd <= 0) return [];
      const whole = weakUsd >= bill - 0.005;
      return [
        phrase(p, whole ? 'flag.weakWhole' : 'flag.weakShare', {
          usd: usd(weakUsd),
          share: percent(Math.min(1, weakUsd / bill)),
          option: nameOf(row.option),
          bill: usd(bill),
          billName: billName(p, row.option),
        }),
      ];
    });
    flags.push(
      phrase(p, 'flag.weakPrices', {
        prices: counted(n, 'price'),
        whose,
        are: plural(n, 'is', 'are'),
        share: shares.length
          ? phrase(p, 'flag.weakShares', {
              they: plural(n, 'It prices', 'They price'),
              shares: listText(shares),
            })
          : '',
        link: linkTo('assumptions', HEADINGS.assumptions),
      }),
    );
    risksHeld.add('weakPrices');
  }
  let thinLatency = false;
  if (top && answers.latencyP95Ms !== null) {
    const sizing = sizingOf(top);
    const margin = sizing.latencyMarginMs;
    const values = {
      latencyMs: num(top.sizing?.latencyMs ?? rec.workload.inferenceMs),
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
  if (topBill !== null && topBill > budget) risksHeld.add('overBudget');
  const upFront = top ? upFrontHardware(top, ctx.amortizeMonths) : null;

  // --- The pick --------------------------------------------------------------------------------
  // The engine's figures: the AWS bill (what the budget check counts) and the total with people's
  // time (what the comparison ranks and shows), each against the budget.
  const total = top?.monthlyCostUsd ?? null;
  const pick = top
    ? {
        name: nameOf(top.option),
        id: code(top.option),
        score: top.score,
        budget:
          total === null || topBill === null
            ? null
            : budgetSignal(rec) +
              phrase(p, 'pick.budget', {
                budget: usd(budget),
                billName: billName(p, top.option),
                bill: usd(topBill),
                billShare: shareOf(topBill, budget),
                people: usd(total - topBill),
                total: usd(total),
                totalShare: shareOf(total, budget),
                tco: linkTo("people's time", HEADINGS.tco),
              }),
        planning:
          total === null
            ? null
            : phrase(p, upFront ? 'pick.planningOwn' : 'pick.planningCloud', {
                usd: usdShort(total * ctx.planningMonths),
                months: ctx.planningMonths,
                ...(upFront
                  ? {
                      upFront: usdShort(upFront.usd),
                      servers: counted(upFront.servers, 'server'),
                      serverUsd: usdShort(upFront.serverUsd),
                    }
                  : {}),
              }),
        sized: pickSizing(ctx, top),
        // The best 3-year Savings Plan the engine found for the pick, over the same months.
        commitment: (() => {
          const best = [...top.commitments].sort((a, b) => a.threeYearMonthlyUsd - b.threeYearMonthlyUsd)[0];
          return best
            ? { plan: md(best.plan), planning: usdShort(best.threeYearMonthlyUsd * ctx.planningMonths) }
            : null;
        })(),
      }
    : null;
  // The budget bullet already gives the budget verdict, so the Why does not repeat one. A reason
  // that names an option hosting rules out (by its name or an alias, knowledge/options.yaml)
  // keeps only its premise, the clause before the colon: the pick's Why talks about the pick.
  const blockedNames = ctx.knowledge.options
    .filter((o) =>
      rec.ranking.some((r) => r.option === o.id && r.blockers.some((b) => b.limit.startsWith('hosting-'))),
    )
    .flatMap((o) => [o.name, ...o.aliases].map((a) => a.toLowerCase()));
  const namesBlocked = (text: string) => {
    const lower = text.toLowerCase();
    return blockedNames.some((n) => new RegExp(`(^|[^a-z])${escapeRegExp(n)}([^a-z]|$)`).test(lower));
  };
  const why = top
    ? [...top.reasons]
        .filter((r) => r.effect > 0 && r.topic !== 'budget')
        .sort((a, b) => b.effect - a.effect)
        .slice(0, 2)
        .map((r) => {
          const colon = r.text.indexOf(': ');
          return namesBlocked(r.text) && colon > 0 ? { ...r, text: `${r.text.slice(0, colon)}.` } : r;
        })
    : [];

  // --- Runner-up, ties, a cheaper option ranked lower -------------------------------------------
  const ties: string[] = [];
  // `gapSaid`: the sentence follows one that gives the gap in points (the runner-up line).
  const pairText = (a: RankedOption, b: RankedOption, gapSaid = false): string | null => {
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
    const rules = ruleGaps(a, b, p);
    if (gapSaid) return phrase(p, 'tie.nearRunnerUp', { rules: rules ?? phrase(p, 'tie.clamped') });
    return phrase(p, 'tie.near', {
      first: nameOf(a.option),
      second: nameOf(b.option),
      points: counted(gap, 'point'),
      rules: rules ?? phrase(p, 'tie.clamped'),
    });
  };
  // The leaders in order: #1 against #2 first (a tie or near tie is said in the decision and
  // referred to; otherwise the rules that separate them), then a near tie further down.
  const cheaper = cheaperOption(feasible, p);
  const runnerTie = runnerUp ? pairText(top!, runnerUp, true) : null;
  if (top && runnerUp && !runnerTie) {
    const rules = ruleGaps(top, runnerUp, p);
    if (rules) {
      ties.push(
        phrase(p, 'order.lead', {
          first: nameOf(top.option),
          second: nameOf(runnerUp.option),
          points: counted(top.score - runnerUp.score, 'point'),
          rules,
        }),
      );
    }
  }
  for (let i = 1; i + 1 < Math.min(feasible.length, 3); i++) {
    const text = pairText(feasible[i]!, feasible[i + 1]!);
    if (text) ties.push(text);
  }
  const runnerIsCheaper = cheaper !== null && cheaper.row === runnerUp;
  const runner = runnerUp
    ? {
        name: nameOf(runnerUp.option),
        score: runnerUp.score,
        behind: counted(top!.score - runnerUp.score, 'point'),
        cost: modelledText(runnerUp),
        delta: runnerIsCheaper
          ? phrase(p, 'runnerUp.cheaper', { saving: savingText(cheaper) })
          : costDelta(top!, runnerUp),
        tie: runnerTie,
        // Why the pick beats the runner-up: the rules that separate them most, both effects, and
        // the engine's sentence for the largest; a near tie already names the rules.
        whyNot: runnerTie ? null : whyNotText(top!, runnerUp, p, new Set(why.map((r) => r.text)), nameOf),
      }
    : null;
  // With no runner-up, why: what blocks every other option, grouped by the first limit it breaks.
  const noRunnerUp =
    top && !runnerUp && rec.ranking.length > 1
      ? phrase(p, 'runnerUp.none', { blocked: blockedText(rec.ranking.filter((r) => !r.feasible)) })
      : null;
  if (runner?.tie) risksHeld.add('nearTie');
  const cheaperOther =
    cheaper && !runnerIsCheaper
      ? {
          name: nameOf(cheaper.row.option),
          text: phrase(p, 'cheaper.other', {
            rank: cheaper.row.rank,
            cost: usd(cheaper.row.monthlyCostUsd!),
            saving: savingText(cheaper),
            why: cheaper.why ? ` ${phrase(p, 'cheaper.why', { rules: cheaper.why })}` : '',
          }),
        }
      : null;

  // --- What would change the decision ----------------------------------------------------------
  const flipsFound: FlipView[] = engineFlips(rec).slice(0, MAX_FLIPS);
  // One line per option that would become the pick, with every change that makes it so.
  const byNewTop = new Map<OptionId, string[]>();
  for (const f of flipsFound) {
    const condition = phrase(p, `flip.${f.direction}`, {
      input: inputName(f.input),
      threshold: inputValue(f.input, f.threshold),
      current: inputValue(f.input, f.current),
    });
    byNewTop.set(f.newTop, [...(byNewTop.get(f.newTop) ?? []), condition]);
  }
  const flips = [...byNewTop].map(([newTop, conditions]) =>
    phrase(p, 'flip.pick', {
      conditions: capitalised(listText(conditions, 'or')),
      newTop: nameOf(newTop),
    }),
  );
  if (top && ctx.curves) {
    const traffic = flipsFound.some((f) => f.input === 'requestsPerSecond');
    for (const b of ctx.curves.breakEvens) {
      if (flips.length >= MAX_FLIP_LINES || traffic) break;
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
  // Where a change leaves no option feasible and none makes another option the pick: said, or "no
  // change makes another option the pick" would read as the pick standing over the whole range.
  const unmet = rec.robustness
    .filter((r) => r.threshold !== null && r.newTop === null)
    .map((r) =>
      phrase(p, `flip.${r.direction}`, {
        input: inputName(r.input),
        threshold: inputValue(r.input, r.threshold!),
        current: inputValue(r.input, r.current),
      }),
    );
  if (top && flips.length === 0)
    flips.push(
      unmet.length
        ? phrase(p, 'flip.noneFeasible', { conditions: capitalised(listText(unmet, 'or')) })
        : phrase(p, 'flip.none'),
    );
  // Where the pick's own bill jumps (>25%) with the latency target, nearest each way: a cliff
  // the pick survives is still a number a budget rests on.
  // costCliffsOf keeps the nearest cliff each way, and only for a feasible first option.
  if (top) {
    for (const cliff of rec.costCliffs ?? []) {
      const { direction } = cliff;
      const values = { direction, threshold: num(cliff.threshold), current: num(cliff.current) };
      const bill = { from: usd(cliff.fromUsd), to: usd(cliff.toUsd ?? 0) };
      // The bill moves right past today's target: say so rather than "above 4,010 (now 4,000)".
      // Thresholds are rounded to 3 significant digits away from today's value, so one step
      // (4,000 -> 4,010) is as near as a quoted threshold gets.
      const step = 10 ** (Math.floor(Math.log10(cliff.current)) - 2);
      const here = Math.abs(cliff.threshold - cliff.current) <= step * (1 + 1e-9);
      flips.push(
        cliff.toUsd === null
          ? phrase(p, 'flip.costCliffUnmet', values)
          : here
            ? phrase(p, 'flip.costCliffHere', {
                ...values,
                ...bill,
                looser: direction === 'above' ? 'looser' : 'tighter',
              })
            : phrase(p, 'flip.costCliff', { ...values, ...bill }),
      );
    }
  }

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
    if (topBill !== null && topBill > budget) {
      risks.push(
        phrase(p, 'risk.overBudget', {
          billName: billName(p, top.option),
          times: budget > 0 ? `${num(topBill / budget, 1)} times` : 'more than',
          budget: usd(budget),
        }),
      );
    }
    if (!runnerUp) risks.push(phrase(p, 'risk.onlyOption', { option: nameOf(top.option) }));
    if (upFront) {
      risks.push(
        phrase(p, 'risk.hardware', {
          servers: counted(upFront.servers, 'server'),
          upFront: usdShort(upFront.usd),
        }),
      );
    }
    if (top.score < LOW_SCORE) risks.push(phrase(p, 'risk.lowScore', { score: top.score }));
    if (assumptionEffects.length) {
      const n = assumptionEffects.length;
      risks.push(
        phrase(p, 'risk.assumed', {
          inputs: counted(n, 'input'),
          move: plural(n, 'moves', 'move'),
          were: plural(n, 'was', 'were'),
          names: `${listText(assumptionEffects.map((e) => inputName(e.input)))} (see ${linkTo('assumptions', HEADINGS.assumptions)})`,
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
              ? `${num(people.usd / topBill, 0)} times the ${billName(p, top.option)}`
              : `${percent(people.usd / topBill)} of the ${billName(p, top.option)}`,
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
    inputs: listText(assumptionEffects.map((e) => inputName(e.input))),
    them: plural(assumptionEffects.length, 'it', 'them'),
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
    why: why.map((r) => readerText(r.text, nameOf)),
    quotedReasons: why.map((r) => r.text),
    runnerUp: runner,
    noRunnerUp,
    cheaper: cheaperOther,
    flips,
    risks: risks.slice(0, MAX_RISKS),
    actions,
    ties,
    assumptionEffects,
    weakPrices,
    weakLead: weak,
    region,
  };
}

/**
 * "Why not X": the rules that separate the pick from the runner-up most (both effects, the
 * pick's first) and the engine's sentence for the runner-up's penalty that separates them most.
 */
function whyNotText(
  top: RankedOption,
  runnerUp: RankedOption,
  p: Phrases,
  said: ReadonlySet<string>,
  nameOf: (id: OptionId) => string,
): string | null {
  const rules = ruleGaps(top, runnerUp, p);
  if (!rules) return null;
  const effectOf = (row: RankedOption, rule: string) => row.reasons.find((r) => r.rule === rule)?.effect ?? 0;
  // The runner-up's own penalty that separates them most, in the engine's words.
  const largest = runnerUp.reasons
    .filter((r) => r.effect < 0 && effectOf(top, r.rule) > r.effect && !said.has(r.text))
    .sort((a, b) => effectOf(top, b.rule) - b.effect - (effectOf(top, a.rule) - a.effect))[0];
  return phrase(p, 'runnerUp.whyNot', {
    rules,
    reason: largest ? ` ${readerText(largest.text, nameOf)}` : '',
  });
}

/** "On-premises only (6 options) and Lambda has no GPU (1 option)": why the others are blocked. */
function blockedText(blocked: readonly RankedOption[]): string {
  const byLimit = new Map<string, number>();
  for (const row of blocked) {
    const title = md(row.blockers[0]?.title ?? 'a hard limit');
    byLimit.set(title, (byLimit.get(title) ?? 0) + 1);
  }
  return listText(
    [...byLimit].sort((a, b) => b[1] - a[1]).map(([title, n]) => `${title} (${counted(n, 'option')})`),
  );
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** ", $55.76 a month dearer": the runner-up's monthly total against the pick's. */
function costDelta(top: RankedOption, other: RankedOption): string {
  if (other.monthlyCostUsd === null || top.monthlyCostUsd === null) return '';
  const d = other.monthlyCostUsd - top.monthlyCostUsd;
  return Math.abs(d) < 0.005 ? ', at the same cost' : `, ${usd(Math.abs(d))} ${d < 0 ? 'cheaper' : 'dearer'}`;
}

/** A figure as a share of the budget: "3%", or against a budget of $0. */
function shareOf(cost: number, budget: number): string {
  if (budget <= 0) return cost > 0 ? 'over a budget of $0' : 'within a budget of $0';
  return percent(cost / budget);
}

/** "modelled at $439.66 a month", or "not priced" when the engine could not price it. */
export function modelledText(row: RankedOption): string {
  return row.monthlyCostUsd === null ? 'not priced' : `modelled at ${usd(row.monthlyCostUsd)} a month`;
}

/**
 * How the pick is sized (the engine's words, which for a batch job say the hours the volume
 * takes) and, for online work, its p95 against the target: "estimated" with the estimate's basis
 * when one prediction's time was not answered.
 */
function pickSizing(ctx: DecisionContext, top: RankedOption): string | null {
  const p = ctx.phrases;
  const w = ctx.rec.workload;
  const sizing = top.sizing;
  if (!sizing) return null;
  const target = w.answers.latencyP95Ms;
  const estimate = w.estimates.find((e) => e.field === 'inferenceMs');
  const latency =
    target === null || sizing.latencyMs === null
      ? ''
      : phrase(p, estimate ? 'pick.latencyEstimated' : 'pick.latencyModelled', {
          ms: num(sizing.latencyMs, 1),
          target: num(target),
          inferenceMs: num(w.inferenceMs, 1),
          ...(estimate ? { how: readerText(estimate.how) } : {}),
        });
  return `${readerText(sizing.description)}${latency ? `; ${latency}` : ''}`;
}

/** The AWS bill without people's time: what the budget is compared with. */
export function billOf(row: RankedOption): number | null {
  return row.cost?.billUsd ?? row.monthlyCostUsd;
}
