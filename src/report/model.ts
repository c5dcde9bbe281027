import type { DependencyJson } from '../notebook/requirements.js';
import { ANSWER_FIELDS, ANSWER_KEYS, unusedAnswer, type AnswerKey } from '../core/answers.js';
import { fillText } from '../core/condition.js';
import type { Recommendation, RankedOption } from '../core/engine.js';
import { optionFacts, workloadFacts, type Facts, type FactValue } from '../core/facts.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook } from '../pricing/types.js';
import { anchor, HEADINGS, linkTo } from './anchor.js';
import { chartModel } from './chart.js';
import { costCurves, type CostCurves } from './curves.js';
import type { ReportData } from './data.js';
import { chooseVariant } from './organisation.js';
import { billOf, buildDecision, modelledText, type DecisionContext } from './decision.js';
import { sizingOf } from './engine-view.js';
import { limitDistances } from './limits-view.js';
import { phrase } from './phrases.js';
import { pricesUsed } from './price-use.js';
import { billName } from './bill-name.js';
import { ONPREM } from '../pricing/keys.js';
import { Prober } from './probes.js';
import { billedPeopleCost, peopleCost } from './tco.js';
import { capitalised } from './inputs-view.js';
import { code, counted, listText, md, num, percent, plural, readerText, usd, usdShort } from './text.js';
import { factName } from './inputs-view.js';

/**
 * Everything the report says, as Markdown-safe strings for the templates. Pure: the same
 * recommendation, knowledge, prices and data always give the same model.
 *
 * The order is the reader's: a one-page decision, the comparison, what the result depends on,
 * costs, rollout and organisation, then appendices (each option with only what is particular to
 * it, the corrected facts once, the inputs, the sources). A sentence is said once; later parts
 * refer back to it.
 */

/** What a notebook gave (`--from-notebook`): detected answers and findings, already redacted. */
export interface NotebookSummary {
  file: string;
  detected: { field: string; value: string | number; cell: number | null; evidence: string }[];
  /** The findings as Markdown (src/notebook formatFindings(..., 'markdown')). */
  findingsMarkdown: string;
  /** The kinds of finding made (credential, local-path, train-and-predict, ...), for advice. */
  findingKinds?: string[];
  /** pip packages the notebook needs, with versions where it shows them (src/notebook dependencyJson). */
  dependencies?: DependencyJson[];
  /** The same as a Markdown list (src/notebook formatDependencies). */
  dependenciesMarkdown?: string;
}

export interface ReportInput {
  recommendation: Recommendation;
  knowledge: Knowledge;
  /** Null when no prices could be had: costs then say they are not modelled. */
  prices: PriceBook | null;
  /** The day the report is written (YYYY-MM-DD); left out of the report when absent. */
  generatedOn?: string;
  notebook?: NotebookSummary;
  /** Answers that came from the notebook rather than the answers file. */
  fromNotebook?: string[];
  /**
   * The option a scaffold was generated for, when the report goes into that repository: the
   * summary names it and the rollout plan is for it (default: the recommended option).
   */
  target?: OptionId;
}

/** How many feasible options the cost sections compare. */
const LEADING = 3;
/** Months in the multi-year figure of the decision (the usual planning and hardware horizon). */
export const PLANNING_MONTHS = 36;

const TRADEOFFS = [
  ['cost', 'Cost'],
  ['complexity', 'Complexity'],
  ['control', 'Control and customisation'],
  ['lockIn', 'Lock-in and interoperability'],
  ['frameworks', 'Framework support'],
  ['operations', 'Operations load'],
] as const;

export type ReportModel = ReturnType<typeof buildReportModel>;

/** The heading of an option's appendix, and a link to it. */
export const optionHeading = (rank: number, name: string, id: OptionId): string =>
  `${rank}. ${name} (\`${id}\`)`;

export function buildReportModel(input: ReportInput, data: ReportData) {
  const { recommendation: rec, knowledge, prices } = input;
  const { workload, ranking } = rec;
  const answers = workload.answers;
  const phrases = data.phrases;
  const base = workloadFacts(workload);
  const factsOf = (row: RankedOption): Facts => optionFacts(base, row.monthlyCostUsd);
  const feasible = ranking.filter((r) => r.feasible);
  const top = feasible[0] ?? null;
  const leading = feasible.slice(0, LEADING);
  const infoOf = (id: OptionId) => knowledge.options.find((o) => o.id === id);
  const nameOf = (id: OptionId) => md(infoOf(id)?.name ?? id);
  const rowOf = (id: OptionId) => ranking.find((r) => r.option === id)!;
  const optionLink = (id: OptionId) => {
    const row = rowOf(id);
    return linkTo(nameOf(id), optionHeading(row.rank, nameOf(id), id));
  };
  const costText = (row: RankedOption) =>
    row.monthlyCostUsd === null ? 'not priced' : usd(row.monthlyCostUsd);
  const pricing = rec.pricing;
  const priceLine = `${pricing.source} prices for ${pricing.region}, as of ${pricing.asOf}`;
  const budget = answers.monthlyBudgetUsd;
  const prober = prices ? new Prober(rec, knowledge, prices) : null;
  const fromNotebook = input.fromNotebook ?? [];

  // --- Curves (the decision names break-even points) ------------------------------------------
  const curves: CostCurves | null =
    prices && leading.length > 0
      ? costCurves(
          leading.map((r) => r.option),
          workload,
          knowledge,
          prices,
        )
      : null;
  const chart = curves ? chartModel(curves, nameOf, answers.requestsPerSecond) : null;

  // --- People's time (the decision weighs it; the cost section details it) ---------------------
  const peopleOf = (row: RankedOption) =>
    billedPeopleCost(peopleCost(row.option, factsOf(row), data.tco), row.lineItems);

  // --- Decision ---------------------------------------------------------------------------------
  const targetRow = input.target ? rowOf(input.target) : undefined;
  const used = prices ? pricesUsed(workload, prices, knowledge) : { prices: [], assumptions: [] };
  const ctx: DecisionContext = {
    rec,
    knowledge,
    data,
    phrases,
    nameOf,
    optionLink,
    costText,
    factsOf,
    prober,
    curves,
    usedPrices: used.prices,
    pickPrices: prices && top ? pricesUsed(workload, prices, knowledge, [top.option]).prices : [],
    runnerUpPrices:
      prices && feasible[1] ? pricesUsed(workload, prices, knowledge, [feasible[1].option]).prices : [],
    fromNotebook,
    notebook: input.notebook ?? null,
    peopleOf,
    planningMonths: PLANNING_MONTHS,
    amortizeMonths: prices?.assumptionKeys().includes(ONPREM.amortizeMonths)
      ? prices.assumption(ONPREM.amortizeMonths).value
      : null,
  };
  const decision = buildDecision(ctx);
  /** Texts the decision quotes: later parts point back to it instead of repeating them. */
  const quoted = new Set(decision.quotedReasons);

  const target =
    targetRow && targetRow.option !== top?.option
      ? {
          name: nameOf(targetRow.option),
          id: code(targetRow.option),
          rank: targetRow.rank,
          of: ranking.length,
          detail: targetRow.feasible
            ? `with a score of ${targetRow.score}, ${modelledText(targetRow)}`
            : `although it breaks a hard limit (${md(targetRow.blockers[0]?.title ?? '')})`,
        }
      : null;

  // --- Comparison ------------------------------------------------------------------------------
  const comparison = ranking.map((row) => ({
    rank: row.rank,
    name: optionLink(row.option),
    score: row.feasible ? String(row.score) : '-',
    bill: billOf(row) === null ? 'not priced' : usd(billOf(row)!),
    cost: costText(row),
    planning: row.monthlyCostUsd === null ? 'not priced' : usdShort(row.monthlyCostUsd * PLANNING_MONTHS),
    status: row.feasible ? 'feasible' : `blocked: ${md(row.blockers[0]?.title ?? 'a hard limit')}`,
  }));
  const blockedCount = ranking.length - feasible.length;
  const comparisonIntro = `${feasible.length} of the ${ranking.length} options ${plural(feasible.length, 'is', 'are')} feasible${blockedCount ? `; ${blockedCount} ${plural(blockedCount, 'breaks', 'break')} a hard limit and ${plural(blockedCount, 'is', 'are')} ranked last` : ''}.`;

  // Reasons said the same way for several options are listed once, with each option's effect.
  const reasonUse = new Map<string, { topic: string; effects: { option: OptionId; effect: number }[] }>();
  for (const row of ranking) {
    for (const r of row.reasons) {
      const entry = reasonUse.get(r.text) ?? { topic: r.topic, effects: [] };
      entry.effects.push({ option: row.option, effect: r.effect });
      reasonUse.set(r.text, entry);
    }
  }
  const shared = new Set([...reasonUse].filter(([, v]) => v.effects.length > 1).map(([text]) => text));
  // Numbered R1, R2, ... so each option's appendix can refer to them (rule ids stay internal).
  const sharedList = [...reasonUse].filter(([text]) => shared.has(text));
  const sharedRef = new Map(sharedList.map(([text], i) => [text, `R${i + 1}`]));
  const sharedReasons = sharedList.map(([text, v]) => ({
    // The effects close the reason's own sentence, so two rules with the same effects never
    // make the same sentence.
    label: quoted.has(text)
      ? `**${sharedRef.get(text)}** ${capitalised(phrase(phrases, `topic.${v.topic}`))}, quoted in the ${linkTo('decision', HEADINGS.decision)}`
      : `**${sharedRef.get(text)}** ${readerText(text, nameOf).replace(/\.$/, '')}`,
    effects: v.effects.map((e) => `${nameOf(e.option)} ${signed(e.effect)}`).join(', '),
  }));

  // Cost-model assumptions written the same way for several options: listed once.
  const assumptionOwners = new Map<string, OptionId[]>();
  for (const row of ranking) {
    for (const a of new Set(row.cost?.assumptions ?? [])) {
      assumptionOwners.set(a, [...(assumptionOwners.get(a) ?? []), row.option]);
    }
  }
  const assumptionUse = new Map([...assumptionOwners].map(([a, o]) => [a, o.length]));
  const sharedAssumptions = [...assumptionOwners]
    .filter(([, o]) => o.length > 1)
    .map(([a, o]) => `${readerText(a)} (${listText(o.map(nameOf))})`);

  // --- Assumptions -----------------------------------------------------------------------------
  const defaulted = new Map(rec.defaulted.map((d) => [d.field, d.value]));
  const estimated = new Map(workload.estimates.map((e) => [e.field as string, e]));
  const notebookSet = new Set(fromNotebook);
  const inputs: { field: string; value: string; meaning: string; how: string }[] = [];
  for (const key of ANSWER_KEYS) {
    const est = estimated.get(key);
    const raw = (answers as Record<string, unknown>)[key];
    let value: string;
    let how: string;
    if (raw === undefined && est) {
      value = num(est.value);
      how = `estimated: ${readerText(est.how)}`;
    } else if (raw === undefined) {
      continue;
    } else if (est) {
      // An answer the advice could not use as given (a peak below the average): what it used.
      value = num(est.value);
      how = `answered ${typeof raw === 'number' ? num(raw) : md(String(raw))}; ${readerText(est.how)}`;
    } else {
      value = raw === null ? 'null (offline)' : typeof raw === 'number' ? num(raw) : md(String(raw));
      // A default the advice cannot use (own servers under cloud hosting) is no assumption.
      const unused = defaulted.has(key as AnswerKey) ? unusedAnswer(key as AnswerKey, answers) : null;
      how = unused
        ? `default, not used: ${unused}`
        : defaulted.has(key as AnswerKey)
          ? 'assumed (default)'
          : notebookSet.has(key)
            ? 'from the notebook'
            : 'answered';
    }
    inputs.push({ field: code(key), value, meaning: md(ANSWER_FIELDS[key]), how });
  }
  for (const est of workload.estimates.filter((e) => !(ANSWER_KEYS as readonly string[]).includes(e.field))) {
    inputs.push({
      field: code(est.field),
      value: num(est.value),
      meaning: DERIVED_MEANING[est.field] ?? est.field,
      how: `estimated: ${readerText(est.how)}`,
    });
  }
  const assumedCount = inputs.filter((i) => i.how.startsWith('assumed')).length;
  const estimatedCount = inputs.filter((i) => i.how.startsWith('estimated')).length;
  const assumedText = `${
    assumedCount === 0
      ? 'Every input was answered'
      : `${counted(assumedCount, 'value')} ${plural(assumedCount, 'was', 'were')} not answered and ${plural(assumedCount, 'is', 'are')} assumed (the documented default)`
  }${
    estimatedCount === 0
      ? '.'
      : `; ${counted(estimatedCount, 'value')} ${plural(estimatedCount, 'was', 'were')} estimated from the rules base.`
  }`;
  const effects = decision.assumptionEffects.map((e) => ({
    input: code(e.input),
    value: valueText(e.current),
    how: e.how,
    effects: e.moves
      .map((m) => {
        const effect =
          m.top !== top?.option && m.top !== null
            ? phrase(phrases, 'effect.pick', { newTop: nameOf(m.top) })
            : m.top === null
              ? phrase(phrases, 'effect.nothing')
              : phrase(phrases, 'effect.cost', {
                  cost: usd(m.topCostUsd ?? 0),
                  change: changeText(m.topCostUsd ?? 0, top?.monthlyCostUsd ?? 0),
                });
        return `${typeof m.value === 'number' ? num(m.value) : code(m.value)}: ${effect}`;
      })
      .join('; '),
  }));
  const assumptions = {
    effects,
    none: prober && effects.length === 0 ? phrase(phrases, 'effect.none', { share: percent(0.1) }) : null,
    unprobed: prober === null,
    // The pick's and the runner-up's weak prices by the bill line they price; the others, which
    // only options ranked lower read, in one line (each is in the sources appendix).
    weakPrices: decision.weakPrices
      .flatMap((w) => {
        const lead = decision.weakLead?.prices.find((l) => l.price.key === w.price.key);
        return lead ? [{ w, lead }] : [];
      })
      // The pick's first, then the runner-up's.
      .sort((a, b) => Number(a.lead.options[0] !== top?.option) - Number(b.lead.options[0] !== top?.option))
      .map(({ w, lead }) => ({
        key: `${listText(lead.options.map(nameOf))}: ${lead.name}`,
        price: `$${num(w.price.usd, 10)} per ${md(w.price.unit)}`,
        why: phrase(phrases, `weak.${w.why}`, { asOf: w.price.asOf }),
      })),
    weakOthers: (() => {
      const n = decision.weakPrices.filter(
        (w) => !decision.weakLead?.prices.some((l) => l.price.key === w.price.key),
      ).length;
      return n
        ? phrase(phrases, 'weak.others', {
            prices: counted(n, 'more price'),
            are: plural(n, 'is', 'are'),
            link: linkTo('sources', HEADINGS.sources),
          })
        : null;
    })(),
    region: decision.region,
  };

  // --- Costs -----------------------------------------------------------------------------------
  const budgetLines: string[] = [];
  const priced = ranking.filter((r) => r.feasible && billOf(r) !== null);
  const within = priced.filter((r) => billOf(r)! <= budget);
  // Both bases in one sentence: the bill alone (what the budget check counts) and the total with
  // people's time (the comparison's), so the two counts are never read as contradicting.
  const withinTotal = priced.filter((r) => r.monthlyCostUsd !== null && r.monthlyCostUsd <= budget);
  const fitText = (fit: RankedOption[]) =>
    fit.length === 0
      ? 'none fits'
      : fit.length === priced.length
        ? `${plural(fit.length, 'it fits', `all ${num(fit.length, 0)} fit`)}`
        : `${num(fit.length, 0)} ${plural(fit.length, 'fits', 'fit')} (${listText(fit.map((r) => nameOf(r.option)))})`;
  budgetLines.push(
    phrase(phrases, 'budget.fit', {
      budget: usd(budget),
      options: counted(priced.length, 'feasible, priced option'),
      billFit: fitText(within),
      totalFit: fitText(withinTotal),
    }),
  );
  const topBill = top ? billOf(top) : null;
  if (top && topBill !== null) {
    const left = budget - topBill;
    budgetLines.push(
      left >= 0
        ? `${nameOf(top.option)} leaves ${usd(left)} a month of headroom.`
        : `${nameOf(top.option)} is ${usd(-left)} a month over budget: raise the budget or ${feasible.length > 1 ? 'accept a lower-ranked option' : 'change the answers that rule out every other option'}.`,
    );
    const limitRps = curves ? budgetLimit(curves, top.option, budget) : null;
    if (limitRps) budgetLines.push(limitRps);
  }

  const engineerRate = data.tco.engineerUsdPerHour.value;
  // Bill, people's time and total are the engine's figures (the same as the comparison's); the
  // hours' breakdown is the rules base's.
  const tcoRows = leading.map((row) => {
    const people = peopleOf(row);
    const bill = billOf(row);
    // Hours and dollars are the engine's operations line (peopleOf); hours it adds beyond the
    // rules base's breakdown (each further server's care) are their own part.
    const care = people.extraHours;
    return {
      name: nameOf(row.option),
      bill: bill === null ? 'not priced' : usd(bill),
      hours: num(people.hours, 1),
      detail: `${num(people.operations, 1)} + ${num(people.onCall, 1)} + ${num(people.upgrades, 1)}${care > 0 ? ` + ${num(care, 1)}` : ''}`,
      people: usd(people.usd),
      care,
      total: costText(row),
      note: readerText(people.note),
      adjustments: people.adjustments,
    };
  });
  const tcoCare = tcoRows.some((r) => r.care > 0);
  // An adjustment that applies to several options is said once, naming them.
  const adjustmentUse = new Map<string, string[]>();
  for (const row of tcoRows) {
    for (const a of row.adjustments) adjustmentUse.set(a, [...(adjustmentUse.get(a) ?? []), row.name]);
  }
  const tcoNotes = [
    ...[...adjustmentUse].map(([a, names]) => `${listText(names)}: ${md(a)}`),
    `People's time is priced at ${usd(engineerRate)} an hour (${readerText(data.tco.engineerUsdPerHour.note)})`,
    `Hours are for a team of ${md(answers.teamOpsMaturity)} operations maturity (x${num(data.tco.maturityFactor[answers.teamOpsMaturity], 2)}; ${md(data.tco.maturityNote)})`,
    `Every figure in this table is an assumption of this tool (listed in the ${linkTo('sources', HEADINGS.sources)}), not a measurement: replace it with your own.`,
  ];

  // --- Rollout ---------------------------------------------------------------------------------
  const rolloutOption = targetRow ?? top ?? null;
  const rollout = rolloutOption
    ? (() => {
        const plan = data.rollout.options[rolloutOption.option];
        const values: Record<string, FactValue> = {
          ...factsOf(rolloutOption),
          projectName: answers.projectName,
          latencyTarget:
            answers.latencyP95Ms === null ? 'the agreed latency' : `${num(answers.latencyP95Ms)} ms`,
        };
        return {
          name: nameOf(rolloutOption.option),
          steps: data.rollout.steps.map((s, i) => ({
            n: i + 1,
            title: md(s.title),
            text: md(fillText(plan[s.id], values)),
          })),
          see: plan.see ?? [],
        };
      })()
    : null;

  // --- Organisation ----------------------------------------------------------------------------
  const orgFacts: Facts = top ? factsOf(top) : optionFacts(base, null);
  const orgValues: Record<string, FactValue> = {
    ...orgFacts,
    topOption: top ? (infoOf(top.option)?.name ?? top.option) : 'the chosen option',
  };
  const notebookFacts = { findingKinds: input.notebook ? (input.notebook.findingKinds ?? []) : null };
  const organisation = data.organisation.topics.map((topic) => {
    const variant = topic.variants[chooseVariant(topic, orgFacts, notebookFacts)]!;
    return { title: md(topic.title), text: md(fillText(variant.text, orgValues)) };
  });
  const organisationBasis = `Chosen for a team of ${md(answers.teamOpsMaturity)} operations maturity ${answers.kubernetes === 'none' ? 'that runs no Kubernetes' : `that runs ${answers.kubernetes === 'eks' ? 'EKS' : 'self-managed Kubernetes'}`}, for the budget and the recommended option${input.notebook ? ', and for what the notebook shows' : ''}.`;

  // --- Corrected facts (once) ------------------------------------------------------------------
  const facts = knowledge.corrections.map((c, i) => ({
    ref: `F${i + 1}`,
    id: c.id,
    myth: md(c.myth),
    fact: md(c.fact),
    source: md(c.source.title),
    url: c.source.url,
    checked: c.source.checked,
    options: listText(c.options.map((o) => nameOf(o))),
  }));
  const factRef = new Map(facts.map((f) => [f.id, f.ref]));

  // --- Appendix: the options -------------------------------------------------------------------
  const blockerSaid = new Map<string, string>();
  const options = ranking.map((row) => {
    const info = infoOf(row.option);
    const facts_ = factsOf(row);
    const broken = new Set(row.blockers.map((b) => b.limit));
    const { applies, farCount, nearest } = limitDistances(knowledge.limits, row.option, facts_, broken);
    const distance = (d: {
      fact: string | null;
      value: number | null;
      bound: number | null;
      share: number | null;
    }) =>
      `the workload's ${factName(phrases, d.fact ?? '')} is ${num(d.value ?? 0)} against ${num(d.bound ?? 0)} (${percent(d.share ?? 0)} of the way)`;
    const sizing = sizingOf(row);
    const sumEffects = row.reasons.reduce((s, r) => s + r.effect, 0);
    const own = row.reasons.filter((r) => !shared.has(r.text));
    const sharedHere = row.reasons.filter((r) => shared.has(r.text));
    const corrections = knowledge.corrections
      .filter((c) => c.options.includes(row.option))
      .map((c) => linkTo(factRef.get(c.id)!, HEADINGS.facts));
    const name = nameOf(row.option);
    const sizingText = sizing.description ? readerText(sizing.description) : null;
    const perK =
      row.per1kInferencesUsd === null ? '' : ` (${per1kText(row.per1kInferencesUsd)} per 1,000 inferences)`;
    // A blocker sentence shared with an option earlier in the appendix is referred to, not repeated.
    const blockers = row.blockers.map((b) => {
      const earlier = blockerSaid.get(b.text);
      if (earlier === undefined) blockerSaid.set(b.text, name);
      return {
        title: md(b.title),
        text:
          earlier === undefined
            ? readerText(b.text, nameOf)
            : `${name} breaks it for the same reason as ${earlier}.`,
      };
    });
    const close = applies.filter((d) => !d.breaks);
    return {
      heading: optionHeading(row.rank, name, row.option),
      feasible: row.feasible,
      summary: md(info?.summary ?? ''),
      scoreLine: row.feasible
        ? `${name} scores ${row.score} (50 to start, ${signed(sumEffects)} from the rules${50 + sumEffects !== row.score ? ', kept within 0-100' : ''}) and is ${modelledText(row)}${perK}${sizingText ? `, sized as ${sizingText}` : ''}.`
        : `Not feasible: ${name} breaks ${row.blockers.length === 1 ? 'a hard limit' : counted(row.blockers.length, 'hard limit')}, so it scores 0 and is ranked after every feasible option (${modelledText(row)}).`,
      blockers,
      reasons: row.feasible
        ? own.map((r) => ({
            effect: signed(r.effect),
            text: quoted.has(r.text)
              ? `As quoted in the ${linkTo('decision', HEADINGS.decision)}.`
              : readerText(r.text, nameOf),
            rule: phrase(phrases, `topic.${r.topic}`),
            corrects: r.corrects ? md(r.corrects) : null,
          }))
        : [],
      sharedReasons:
        row.feasible && sharedHere.length
          ? `${name} ${sharedHere.map((r) => `${sharedRef.get(r.text)} ${signed(r.effect)}`).join(', ')} (see ${linkTo(HEADINGS.sharedReasons.toLowerCase(), HEADINGS.sharedReasons)})`
          : null,
      limits: close.map((d) => ({
        title: md(d.limit.title),
        value: limitValue(d.limit.limit),
        state: distance(d),
      })),
      noOtherLimit: `${name} has no other hard limit in the rules base.`,
      limitsFar:
        farCount === 0
          ? null
          : `${counted(farCount, 'other limit')} of ${name} ${plural(farCount, 'is', 'are')} far from this workload (under half used, or not about it)${nearest ? `; the nearest is ${md(nearest.limit.title)} (${limitValue(nearest.limit.limit)}): ${distance(nearest)}` : ''}; all are in ${linkTo('the sources', HEADINGS.sources)}.`,
      lines: row.feasible
        ? (row.cost?.lineItems ?? []).map((l) => ({
            item: readerText(l.item),
            quantity: num(l.quantity, 3),
            unit: md(l.unit),
            unitPrice: l.unitPriceUsd >= 1 ? usd(l.unitPriceUsd) : `$${num(l.unitPriceUsd, 10)}`,
            usd: usd(l.usd),
          }))
        : [],
      costAssumptions: row.feasible
        ? [...new Set(row.cost?.assumptions ?? [])]
            .filter((a) => (assumptionUse.get(a) ?? 0) <= 1)
            .map((a) => readerText(a))
        : [],
      costError: row.feasible && !row.cost ? md(row.costError ?? 'not priced') : null,
      // Trade-offs matter for options that can be chosen; a blocked one is explained by its blocker.
      tradeoffs:
        info && row.feasible
          ? TRADEOFFS.map(([key, label]) => ({ label, text: md(info.tradeoffs[key]) }))
          : [],
      corrections: corrections.length ? `Corrected facts about ${name}: ${corrections.join(', ')}.` : null,
    };
  });
  // Retired services with the same status are listed together.
  const retiredByStatus = new Map<string, (typeof knowledge.retired)[number][]>();
  for (const r of knowledge.retired)
    retiredByStatus.set(r.status, [...(retiredByStatus.get(r.status) ?? []), r]);
  const retired = [...retiredByStatus].map(([status, list]) => ({
    names: listText(
      list.map((r) => `**${md(r.name)}** (${r.date}${list.length > 1 ? `; instead: ${md(r.instead)}` : ''})`),
    ),
    status: md(status),
    instead: list.length === 1 ? md(list[0]!.instead) : null,
    sources: list.map((r, i) => `[source${list.length > 1 ? ` ${i + 1}` : ''}](${r.source.url})`).join(', '),
  }));
  // --- Sources ---------------------------------------------------------------------------------
  const bySource = new Map<string, { source: string; url: string; checked: string; limits: string[] }>();
  for (const l of knowledge.limits) {
    const entry = bySource.get(l.source.url) ?? {
      source: md(l.source.title),
      url: l.source.url,
      checked: l.source.checked,
      limits: [],
    };
    entry.limits.push(`${md(l.title)} (${limitValue(l.limit)})`);
    bySource.set(l.source.url, entry);
  }
  const weakKeys = new Set(decision.weakPrices.map((w) => w.price.key));
  const priceSources = used.prices.map((p) => ({
    key: code(p.key),
    price: `$${num(p.usd, 10)} per ${md(p.unit)}${p.tiers && p.tiers.length > 1 ? ' (first tier)' : ''}`,
    source: /^https?:\/\//.test(p.source) ? `<${p.source}>` : md(p.source),
    asOf: p.asOf,
    weak: weakKeys.has(p.key),
  }));
  const assumptionSources = used.assumptions.map((a) => ({
    key: code(a.key),
    value: `${num(a.value, 4)} ${md(a.unit)}`,
    note: md(a.note),
    source: a.source ? (/^https?:\/\//.test(a.source) ? `<${a.source}>` : md(a.source)) : null,
    asOf: a.asOf ?? null,
  }));
  const optionLinks = knowledge.options.map((o) => ({
    name: md(o.name),
    links: o.links.map((l) => ({ title: md(l.title), url: l.url, checked: l.checked })),
  }));
  const otherSources = [
    {
      title: md(knowledge.sizing.source.title),
      url: knowledge.sizing.source.url,
      checked: knowledge.sizing.source.checked,
    },
  ];

  const toc = [
    HEADINGS.decision,
    HEADINGS.comparison,
    HEADINGS.assumptions,
    ...(input.notebook ? [HEADINGS.notebook] : []),
    HEADINGS.costs,
    HEADINGS.rollout,
    HEADINGS.organisation,
    HEADINGS.options,
    HEADINGS.facts,
    HEADINGS.inputs,
    HEADINGS.sources,
  ].map((h) => ({ link: linkTo(h, h) }));

  return {
    title: `Deployment recommendation: ${md(answers.projectName)}`,
    generatedOn: input.generatedOn ?? null,
    priceLine: md(priceLine),
    headings: HEADINGS,
    toc,
    decision,
    target,
    comparison: {
      rows: comparison,
      feasibleCount: feasible.length,
      total: ranking.length,
      blockedCount,
      intro: comparisonIntro,
      billBasis: phrase(phrases, 'comparison.bill', {
        aws: billName(phrases, 'lambda'),
        onPrem: billName(phrases, 'on-prem'),
        hybrid: billName(phrases, 'hybrid'),
      }),
      planningMonths: PLANNING_MONTHS,
      ties: decision.ties,
      ordered: decision.ties.length > 0 || Boolean(decision.runnerUp?.tie),
      sharedReasons,
      sharedAssumptions,
    },
    assumptions,
    inputs,
    assumedText,
    options,
    facts,
    retired,
    costs: {
      leadingNames: listText(leading.map((r) => nameOf(r.option))),
      chart,
      budget: budgetLines,
      tco: tcoRows,
      tcoParts: `operations + on-call + upgrades${tcoCare ? ' + care of each further server' : ''}`,
      tcoPartsShort: `ops + on-call + upgrades${tcoCare ? ' + server care' : ''}`,
      tcoNotes,
    },
    rollout,
    organisation,
    organisationBasis,
    notebook: input.notebook
      ? {
          file: code(input.notebook.file),
          detected: input.notebook.detected.map((d) => ({
            field: code(d.field),
            value: md(String(d.value)),
            where: d.cell === null ? 'notebook metadata' : `cell ${d.cell}`,
            evidence: code(d.evidence.slice(0, 120)),
          })),
          findings: input.notebook.findingsMarkdown.trim(),
          dependencies: input.notebook.dependenciesMarkdown?.trim() ?? '',
        }
      : null,
    sources: {
      limits: [...bySource.values()].map((s) => ({ ...s, limits: s.limits.join('; ') })),
      prices: priceSources,
      assumptions: assumptionSources,
      options: optionLinks,
      other: otherSources,
      pricing: md(priceLine),
    },
    anchors: { facts: anchor(HEADINGS.facts) },
  };
}

const signed = (n: number): string => `${n > 0 ? '+' : ''}${n}`;

function valueText(value: number | string | null): string {
  if (value === null) return 'null (offline)';
  return typeof value === 'number' ? num(value) : md(value);
}

function changeText(now: number, before: number): string {
  if (before === 0) return 'from $0';
  const share = (now - before) / before;
  return `${share >= 0 ? '+' : '-'}${percent(Math.abs(share))}`;
}

/** "10,240 MB" for a number; "GPU: none" for a word. */
function limitValue(limit: { value: number | string; unit: string }): string {
  if (typeof limit.value === 'number') return `${num(limit.value)}${limit.unit ? ` ${md(limit.unit)}` : ''}`;
  return limit.unit ? `${md(limit.unit)}: ${md(limit.value)}` : md(limit.value);
}

export const per1kText = (value: number): string => `$${num(value, value >= 1 ? 2 : 4)}`;

/** The traffic at which the recommended option's curve crosses the budget, if it does in range. */
function budgetLimit(curves: CostCurves, option: OptionId, budget: number): string | null {
  const curve = curves.curves.find((c) => c.option === option);
  if (!curve) return null;
  const idx = curve.usd.findIndex((v) => v !== null && v > budget);
  if (idx <= 0) return null;
  const m = curves.multiples[idx]!;
  const prev = curves.multiples[idx - 1]!;
  return `At ${num(prev)}x today's traffic it still fits the budget; by ${num(m)}x (${num(curves.baseRequestsPerSecond * m)} requests/s) it is modelled at ${usd(curve.usd[idx]!)}, over the budget.`;
}

/** What each estimate that is not an answer field means, as the assumptions table states it. */
const DERIVED_MEANING: Record<string, string> = {
  memoryNeededMb: 'memory one serving process needs, in MB',
  inputTokens: 'prompt tokens of one request to a generative LLM',
  outputTokens: "output tokens of one request's answer from a generative LLM",
};
