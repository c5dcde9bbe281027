import { ANSWER_FACT_KEYS, ESTIMATED_FACT_KEYS } from './answer-fields.js';
import { formatNumber, formatUsd } from './format.js';
import type { Workload } from './workload.js';

/** Facts derived from the answers that are not answers themselves. */
const DERIVED_FACTS = [
  'memoryNeededMb',
  'peakConcurrency',
  'monthlyRequests',
  'payloadMb',
  'offline',
  'coldStartLambdaS',
  'coldStartServerlessS',
  'queueScalesToZero',
] as const;
/**
 * Facts that depend on the option being judged: its bill (what the budget is for), the bill with
 * people's time (the table's total), people's time alone (the difference), and the bill's share of
 * the budget; and for the budget sentence, the bill's parts by basis (the AWS bill, the team's own
 * hardware) and `billBasis`, the bill said one basis per sentence (see setBillBasis).
 */
export const OPTION_FACTS = [
  'monthlyCostUsd',
  'totalCostUsd',
  'peopleCostUsd',
  'costToBudget',
  'awsBillUsd',
  'ownHardwareUsd',
  'billBasis',
] as const;
type OptionFactName = (typeof OPTION_FACTS)[number];

/**
 * The facts rules and limits may test: every answer (from the table of answer fields), the
 * derived workload, and per option its modelled cost. Knowledge files name facts by these keys;
 * `knowledge check` rejects others.
 */
export const FACT_NAMES = [
  ...ANSWER_FACT_KEYS,
  // answers estimated from the others when not given
  ...ESTIMATED_FACT_KEYS,
  ...DERIVED_FACTS,
  ...OPTION_FACTS,
] as const;

export type FactName = (typeof FACT_NAMES)[number];
export type FactValue = string | number | boolean | null;
export type Facts = Record<FactName, FactValue>;

export function workloadFacts(w: Workload): Omit<Facts, OptionFactName> {
  const a = w.answers;
  return {
    framework: a.framework,
    modelSizeMb: a.modelSizeMb,
    gpu: a.gpu,
    trafficPattern: a.trafficPattern,
    requestsPerSecond: a.requestsPerSecond,
    payloadKb: a.payloadKb,
    latencyP95Ms: a.latencyP95Ms,
    monthlyBudgetUsd: a.monthlyBudgetUsd,
    region: a.region,
    hosting: a.hosting,
    kubernetes: a.kubernetes,
    teamOpsMaturity: a.teamOpsMaturity,
    existingServers: a.existingServers,
    inputTokens: w.inputTokens,
    outputTokens: w.outputTokens,
    peakRequestsPerSecond: w.peakRequestsPerSecond,
    inferenceMs: w.inferenceMs,
    memoryNeededMb: w.memoryNeededMb,
    peakConcurrency: w.peakConcurrency,
    monthlyRequests: w.monthlyRequests,
    payloadMb: Math.round((a.payloadKb / 1024) * 1000) / 1000,
    offline: a.latencyP95Ms === null,
    coldStartLambdaS: w.coldStartLambdaS,
    coldStartServerlessS: w.coldStartServerlessS,
    queueScalesToZero: w.queueScalesToZero,
  };
}

/**
 * The workload's facts with no option's cost (the cost facts null), made once per workload and
 * shared by the engine and the cost models: read only; copy it to set cost facts.
 */
let lastWorkload: Workload | null = null;
let lastBaseFacts: Facts | null = null;

export function baseFactsOf(w: Workload): Readonly<Facts> {
  if (w !== lastWorkload || !lastBaseFacts) {
    // The cost facts set on the object made, not on a spread copy: a copy given seven more
    // properties leaves V8's fast object shapes and took a tenth of an evaluation.
    const facts = workloadFacts(w) as Facts;
    for (const name of OPTION_FACTS) facts[name] = null;
    lastBaseFacts = setCostFacts(facts, null);
    lastWorkload = w;
  }
  return lastBaseFacts;
}

/**
 * `monthlyCostUsd` is the bill; `totalCostUsd` adds people's time (the bill when not given);
 * `peopleCostUsd` is that time alone, to the cent.
 */
export function optionFacts(
  base: Omit<Facts, OptionFactName>,
  monthlyCostUsd: number | null,
  totalCostUsd: number | null = monthlyCostUsd,
): Facts {
  return setCostFacts(
    {
      ...base,
      monthlyCostUsd: null,
      totalCostUsd: null,
      peopleCostUsd: null,
      costToBudget: null,
      awsBillUsd: null,
      ownHardwareUsd: null,
      billBasis: null,
    },
    monthlyCostUsd,
    totalCostUsd,
  );
}

/**
 * Sets the per-option cost facts in place and returns the same object: the engine judges every
 * option of one evaluation with one facts object rather than a copy each.
 */
export function setCostFacts(
  facts: Facts,
  monthlyCostUsd: number | null,
  totalCostUsd: number | null = monthlyCostUsd,
): Facts {
  const budget = Number(facts.monthlyBudgetUsd);
  facts.monthlyCostUsd = monthlyCostUsd;
  facts.totalCostUsd = totalCostUsd;
  facts.peopleCostUsd =
    monthlyCostUsd === null || totalCostUsd === null
      ? null
      : Math.round((totalCostUsd - monthlyCostUsd) * 100) / 100;
  facts.costToBudget =
    monthlyCostUsd === null ? null : budget > 0 ? monthlyCostUsd / budget : monthlyCostUsd > 0 ? Infinity : 0;
  return facts;
}

/**
 * Sets the bill's parts and `billBasis` in place, for the sentences that quote them (the budget
 * verdict): each basis named, in a sentence of its own when there are two: the AWS bill, the
 * team's own hardware (amortisation and power, for on-prem and hybrid) and then their sum; people's
 * time follows in the rule's own clause. When the
 * AWS prices are another region's (no snapshot for the answered one), the AWS bill says so, so
 * the verdict is read as made on those prices. Only where a sentence is written: the ranking's
 * numbers need none of it.
 */
export function setBillBasis(
  facts: Facts,
  ownHardwareUsd: number,
  /** The region whose prices priced the AWS bill. */
  priceRegion: string | undefined,
): Facts {
  const bill = facts.monthlyCostUsd;
  if (typeof bill !== 'number') {
    facts.awsBillUsd = facts.ownHardwareUsd = facts.billBasis = null;
    return facts;
  }
  const own = Math.max(0, Math.min(bill, ownHardwareUsd));
  const aws = Math.round((bill - own) * 100) / 100;
  facts.awsBillUsd = aws;
  facts.ownHardwareUsd = own;
  const answered = facts.region;
  const elsewhere =
    priceRegion !== undefined && typeof answered === 'string' && priceRegion !== answered
      ? ` at ${priceRegion} prices (no price snapshot for ${answered}; prices differ by region)`
      : '';
  const awsText = `AWS bill ${money(aws)} a month${elsewhere}`;
  // Servers the team owns already are not bought again: their bill is the power alone.
  const parts =
    facts.existingServers === 'available' ? 'power, the servers owned already' : 'amortisation and power';
  const ownText = `Own hardware ${money(own)} a month (${parts})`;
  facts.billBasis =
    own === 0
      ? awsText
      : aws === 0
        ? `Own hardware ${money(own)} a month (${parts}, no AWS bill)`
        : `${awsText}. ${ownText}. Together ${money(bill)}`;
  return facts;
}

/** Money as the sentences print it (see condition.ts): $800, $21.30. */
function money(usd: number): string {
  return `$${Number.isInteger(usd) ? formatNumber(usd, 0) : formatUsd(usd)}`;
}
