import type { DependencyJson } from '../notebook/requirements.js';
import { ANSWER_FIELDS, ANSWER_KEYS, type AnswerKey } from '../core/answers.js';
import { fillText, holds } from '../core/condition.js';
import type { Recommendation, RankedOption } from '../core/engine.js';
import { optionFacts, workloadFacts, type Facts, type FactValue } from '../core/facts.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook } from '../pricing/types.js';
import { chartModel } from './chart.js';
import { costCurves, type CostCurves } from './curves.js';
import type { ReportData } from './data.js';
import { pricesUsed } from './price-use.js';
import { peopleCost } from './tco.js';
import { code, listText, md, num, percent, usd } from './text.js';

/**
 * Everything the report says, as Markdown-safe strings for the templates. Pure: the same
 * recommendation, knowledge, prices and data always give the same model.
 */

/** What a notebook gave (`--from-notebook`): detected answers and findings, already redacted. */
export interface NotebookSummary {
  file: string;
  detected: { field: string; value: string | number; cell: number | null; evidence: string }[];
  /** The findings as Markdown (src/notebook formatFindings(..., 'markdown')). */
  findingsMarkdown: string;
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

const LEADING = 3;

const TRADEOFFS = [
  ['cost', 'Cost'],
  ['complexity', 'Complexity'],
  ['control', 'Control and customisation'],
  ['lockIn', 'Lock-in and interoperability'],
  ['frameworks', 'Framework support'],
  ['operations', 'Operations load'],
] as const;

export type ReportModel = ReturnType<typeof buildReportModel>;

export function buildReportModel(input: ReportInput, data: ReportData) {
  const { recommendation: rec, knowledge, prices } = input;
  const { workload, ranking } = rec;
  const answers = workload.answers;
  const base = workloadFacts(workload);
  const factsOf = (row: RankedOption): Facts => optionFacts(base, row.monthlyCostUsd);
  const feasible = ranking.filter((r) => r.feasible);
  const top = feasible[0] ?? null;
  const runnerUp = feasible[1] ?? null;
  const leading = feasible.slice(0, LEADING);
  const infoOf = (id: OptionId) => knowledge.options.find((o) => o.id === id);
  const nameOf = (id: OptionId) => md(infoOf(id)?.name ?? id);
  const costText = (row: RankedOption) =>
    row.monthlyCostUsd === null ? 'not priced' : usd(row.monthlyCostUsd);
  const pricing = rec.pricing;
  const priceLine = `${pricing.source} prices for ${pricing.region}, as of ${pricing.asOf}`;
  const budget = answers.monthlyBudgetUsd;

  // --- Summary ---------------------------------------------------------------------------------
  const summary: string[] = [];
  if (top) {
    const perK =
      top.per1kInferencesUsd === null ? '' : ` (${per1kText(top.per1kInferencesUsd)} per 1,000 inferences)`;
    const cost =
      top.monthlyCostUsd === null
        ? 'its cost could not be modelled'
        : `it is modelled at **${usd(top.monthlyCostUsd)} a month**${perK}, ${budgetShare(top.monthlyCostUsd, budget)}`;
    summary.push(
      `**Recommended: ${nameOf(top.option)}** (${code(top.option)}), with a score of ${top.score} out of 100; ${cost}. Costs come from ${md(priceLine)}.`,
    );
    const why = [...top.reasons]
      .filter((r) => r.effect > 0)
      .sort((a, b) => b.effect - a.effect)
      .slice(0, 2);
    if (why.length) summary.push(`Why: ${why.map((r) => md(r.text)).join(' ')}`);
    if (runnerUp) {
      const gap = top.score - runnerUp.score;
      let delta = '';
      if (runnerUp.monthlyCostUsd !== null && top.monthlyCostUsd !== null) {
        const d = runnerUp.monthlyCostUsd - top.monthlyCostUsd;
        delta =
          Math.abs(d) < 0.005
            ? ', at the same cost'
            : `, ${usd(Math.abs(d))} a month ${d < 0 ? 'cheaper' : 'more expensive'}`;
      }
      summary.push(
        `**Runner-up: ${nameOf(runnerUp.option)}** (${code(runnerUp.option)}), score ${runnerUp.score} (${gap} point${gap === 1 ? '' : 's'} behind), modelled at ${costText(runnerUp)}${delta}.`,
      );
    }
  } else {
    summary.push(
      `**No option is feasible** for these answers: every one breaks at least one hard limit (see the ranking). Costs come from ${md(priceLine)}.`,
    );
  }
  const targetRow = input.target ? ranking.find((r) => r.option === input.target) : undefined;
  if (targetRow && targetRow.option !== top?.option) {
    summary.push(
      `**This repository targets ${nameOf(targetRow.option)}** (${code(targetRow.option)}), ranked ${targetRow.rank} of ${ranking.length}${targetRow.feasible ? ` with a score of ${targetRow.score}, modelled at ${costText(targetRow)}` : `, although it breaks a hard limit: ${md(targetRow.blockers[0]?.text ?? '')}`}. The rollout plan below is for it.`,
    );
  }
  const blocked = ranking.length - feasible.length;
  summary.push(
    `${feasible.length} of the ${ranking.length} options are feasible${blocked ? `; ${blocked} break a hard limit and are ranked last` : ''}. Every cost here is modelled from list prices, not quoted.`,
  );

  // --- Inputs ----------------------------------------------------------------------------------
  const defaulted = new Map(rec.defaulted.map((d) => [d.field, d.value]));
  const estimated = new Map(workload.estimates.map((e) => [e.field as string, e]));
  const fromNotebook = new Set(input.fromNotebook ?? []);
  const inputs: { field: string; value: string; meaning: string; how: string }[] = [];
  for (const key of ANSWER_KEYS) {
    const est = estimated.get(key);
    const raw = (answers as Record<string, unknown>)[key];
    let value: string;
    let how: string;
    if (raw === undefined && est) {
      value = num(est.value);
      how = `estimated: ${md(est.how)}`;
    } else if (raw === undefined) {
      continue;
    } else {
      value = raw === null ? 'null (offline)' : typeof raw === 'number' ? num(raw) : md(String(raw));
      how = defaulted.has(key as AnswerKey)
        ? 'assumed (default)'
        : fromNotebook.has(key)
          ? 'from the notebook'
          : 'answered';
    }
    inputs.push({ field: code(key), value, meaning: md(ANSWER_FIELDS[key]), how });
  }
  for (const est of workload.estimates.filter((e) => !(ANSWER_KEYS as readonly string[]).includes(e.field))) {
    inputs.push({
      field: code(est.field),
      value: num(est.value),
      meaning: 'memory one serving process needs, in MB',
      how: `estimated: ${md(est.how)}`,
    });
  }
  const assumedCount = inputs.filter((i) => i.how.startsWith('assumed')).length;
  const estimatedCount = inputs.filter((i) => i.how.startsWith('estimated')).length;

  // --- Ranking ---------------------------------------------------------------------------------
  const rankingRows = ranking.map((row) => ({
    rank: row.rank,
    name: nameOf(row.option),
    id: code(row.option),
    score: row.feasible ? String(row.score) : '-',
    cost: costText(row),
    status: row.feasible ? 'feasible' : `blocked: ${md(row.blockers[0]?.title ?? 'a hard limit')}`,
  }));

  // --- Options ---------------------------------------------------------------------------------
  const options = ranking.map((row) => {
    const info = infoOf(row.option);
    const limits = knowledge.limits
      .filter((l) => l.options.includes(row.option))
      .map((l) => ({
        title: md(l.title),
        value: limitValue(l.limit),
        breaks: row.blockers.some((b) => b.limit === l.id),
        source: md(l.source.title),
        url: l.source.url,
        checked: l.source.checked,
      }));
    const corrections = knowledge.corrections
      .filter((c) => c.options.includes(row.option))
      .map((c) => ({ myth: md(c.myth), fact: md(c.fact), url: c.source.url }));
    const sumEffects = row.reasons.reduce((s, r) => s + r.effect, 0);
    return {
      rank: row.rank,
      name: nameOf(row.option),
      id: code(row.option),
      feasible: row.feasible,
      summary: md(info?.summary ?? ''),
      scoreLine: row.feasible
        ? `Score ${row.score}: 50 to start, ${sumEffects >= 0 ? '+' : ''}${sumEffects} from the rules below${50 + sumEffects !== row.score ? ', kept within 0-100' : ''}. Modelled cost: ${costText(row)}.`
        : `Not feasible: it breaks ${row.blockers.length === 1 ? 'a hard limit' : `${row.blockers.length} hard limits`}, so it scores 0 and is ranked after every feasible option. Modelled cost: ${costText(row)}.`,
      blockers: row.blockers.map((b) => ({ title: md(b.title), text: md(b.text) })),
      reasons: row.reasons.map((r) => ({
        effect: `${r.effect > 0 ? '+' : ''}${r.effect}`,
        text: md(r.text),
        rule: code(r.rule),
        corrects: r.corrects ? md(r.corrects) : null,
      })),
      tradeoffs: info ? TRADEOFFS.map(([key, label]) => ({ label, text: md(info.tradeoffs[key]) })) : [],
      limits,
      corrections,
    };
  });
  const retired = knowledge.retired.map((r) => ({
    name: md(r.name),
    status: md(r.status),
    date: r.date,
    instead: md(r.instead),
  }));

  // --- Costs -----------------------------------------------------------------------------------
  const leadingCosts = leading.map((row) => ({
    name: nameOf(row.option),
    id: code(row.option),
    total: costText(row),
    perK: row.per1kInferencesUsd === null ? null : per1kText(row.per1kInferencesUsd),
    lines: (row.cost?.lineItems ?? []).map((l) => ({
      item: md(l.item),
      quantity: num(l.quantity, 3),
      unit: md(l.unit),
      unitPrice: `$${num(l.unitPriceUsd, 10)}`,
      usd: usd(l.usd),
    })),
    assumptions: (row.cost?.assumptions ?? []).map(md),
    error: row.cost ? null : md(row.costError ?? 'not priced'),
  }));
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

  const budgetLines: string[] = [];
  const priced = ranking.filter((r) => r.feasible && r.monthlyCostUsd !== null);
  const within = priced.filter((r) => r.monthlyCostUsd! <= budget);
  budgetLines.push(
    `The budget is ${usd(budget)} a month. ${within.length} of the ${priced.length} feasible, priced options ${within.length === 1 ? 'fits' : 'fit'} within it${within.length ? `: ${listText(within.map((r) => nameOf(r.option)))}` : ''}.`,
  );
  if (top && top.monthlyCostUsd !== null) {
    const left = budget - top.monthlyCostUsd;
    budgetLines.push(
      left >= 0
        ? `${nameOf(top.option)} leaves ${usd(left)} a month of headroom (${budgetShare(top.monthlyCostUsd, budget)}).`
        : `${nameOf(top.option)} is ${usd(-left)} a month over budget (${budgetShare(top.monthlyCostUsd, budget)}): raise the budget or accept a lower-ranked option.`,
    );
    const limitRps = curves ? budgetLimit(curves, top.option, budget) : null;
    if (limitRps) budgetLines.push(limitRps);
  }

  const engineerRate = data.tco.engineerUsdPerHour.value;
  const tcoRows = leading.map((row) => {
    const people = peopleCost(row.option, factsOf(row), data.tco);
    return {
      name: nameOf(row.option),
      bill: costText(row),
      hours: num(people.hours, 1),
      detail: `${num(people.operations, 1)} + ${num(people.onCall, 1)} + ${num(people.upgrades, 1)}`,
      people: usd(people.usd),
      total: row.monthlyCostUsd === null ? 'not priced' : usd(row.monthlyCostUsd + people.usd),
      note: md(people.note),
      adjustments: people.adjustments.map(md),
    };
  });
  const tcoNotes = [
    `People's time is priced at ${usd(engineerRate)} an hour (${md(data.tco.engineerUsdPerHour.note)})`,
    `Hours are for a team of ${md(answers.teamOpsMaturity)} operations maturity (x${num(data.tco.maturityFactor[answers.teamOpsMaturity], 2)}; ${md(data.tco.maturityNote)})`,
    'Every figure in this table is an assumption of this tool (knowledge/tco.yaml), not a measurement: replace it with your own.',
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
  const organisation = data.organisation.topics.map((topic) => {
    const variant = topic.variants.find((v) => v.when === undefined || holds(v.when, orgFacts))!;
    return { title: md(topic.title), text: md(fillText(variant.text, orgValues)) };
  });
  const organisationBasis = `Chosen for a team of ${md(answers.teamOpsMaturity)} operations maturity ${answers.kubernetes === 'none' ? 'that runs no Kubernetes' : `that runs ${answers.kubernetes === 'eks' ? 'EKS' : 'self-managed Kubernetes'}`}, and for the budget and the recommended option.`;

  // --- Sources ---------------------------------------------------------------------------------
  const used = prices ? pricesUsed(workload, prices, knowledge) : { prices: [], assumptions: [] };
  const limitSources = knowledge.limits.map((l) => ({
    title: md(l.title),
    value: limitValue(l.limit),
    url: l.source.url,
    source: md(l.source.title),
    checked: l.source.checked,
  }));
  const priceSources = used.prices.map((p) => ({
    key: code(p.key),
    price: `$${num(p.usd, 10)} per ${md(p.unit)}${p.tiers && p.tiers.length > 1 ? ' (first tier)' : ''}`,
    source: /^https?:\/\//.test(p.source) ? `<${p.source}>` : md(p.source),
    asOf: p.asOf,
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
    ...knowledge.corrections.map((c) => ({
      title: md(c.source.title),
      url: c.source.url,
      checked: c.source.checked,
    })),
    ...knowledge.retired.map((r) => ({
      title: md(r.source.title),
      url: r.source.url,
      checked: r.source.checked,
    })),
    {
      title: md(knowledge.sizing.source.title),
      url: knowledge.sizing.source.url,
      checked: knowledge.sizing.source.checked,
    },
  ].filter((s, i, all) => all.findIndex((t) => t.url === s.url) === i);

  return {
    title: `Deployment recommendation: ${md(answers.projectName)}`,
    generatedOn: input.generatedOn ?? null,
    priceLine: md(priceLine),
    summary,
    inputs,
    assumedCount,
    estimatedCount,
    ranking: rankingRows,
    options,
    retired,
    costs: {
      leading: leadingCosts,
      leadingNames: listText(leading.map((r) => nameOf(r.option))),
      chart,
      budget: budgetLines,
      tco: tcoRows,
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
      limits: limitSources,
      prices: priceSources,
      assumptions: assumptionSources,
      options: optionLinks,
      other: otherSources,
      pricing: md(priceLine),
    },
  };
}

/** "10,240 MB" for a number; "GPU: none" for a word. */
function limitValue(limit: { value: number | string; unit: string }): string {
  if (typeof limit.value === 'number') return `${num(limit.value)}${limit.unit ? ` ${md(limit.unit)}` : ''}`;
  return limit.unit ? `${md(limit.unit)}: ${md(limit.value)}` : md(limit.value);
}

const per1kText = (value: number): string => `$${num(value, value >= 1 ? 2 : 4)}`;

function budgetShare(cost: number, budget: number): string {
  if (budget <= 0) return cost > 0 ? 'against a budget of $0' : 'within a budget of $0';
  return `${percent(cost / budget)} of the ${usd(budget)} monthly budget`;
}

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
