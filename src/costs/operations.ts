import { holds } from '../core/condition.js';
import { baseFactsOf } from '../core/facts.js';
import { OPTION_IDS, type OptionId } from '../core/options.js';
import type { Workload } from '../core/workload.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { lineItem } from './money.js';
import type { LineItem } from './types.js';

/**
 * People's time as a line of every option's bill (knowledge/tco.yaml), so that own hardware and
 * managed services compare on one basis: the hours a month the option takes a team of the
 * answered maturity, at the loaded engineer rate. `extraHours` are hours the option's own sizing
 * adds (servers to look after).
 */
export function operationsHours(option: OptionId, w: Workload, knowledge: Knowledge): number {
  // Every option asks once per evaluation, hybrid once per plan it weighs: worked out once per
  // workload and rules base (the facts are the workload's alone).
  if (w !== hoursWorkload || knowledge !== hoursKnowledge) {
    hoursWorkload = w;
    hoursKnowledge = knowledge;
    hoursByOption.fill(NaN);
  }
  const index = OPTION_IDS.indexOf(option);
  let hours = hoursByOption[index]!;
  if (Number.isNaN(hours)) hoursByOption[index] = hours = workOutHours(option, w, knowledge);
  return hours;
}

// The last workload and rules base asked about, and their hours per option (NaN: not worked out
// yet), by the option's place in OPTION_IDS: a workload is not kept past the next one.
let hoursWorkload: Workload | null = null;
let hoursKnowledge: Knowledge | null = null;
const hoursByOption: number[] = OPTION_IDS.map(() => NaN);

function workOutHours(option: OptionId, w: Workload, knowledge: Knowledge): number {
  const tco = knowledge.tco;
  const base = tco.options[option].hours;
  let factor = tco.maturityFactor[w.answers.teamOpsMaturity];
  const facts = baseFactsOf(w);
  for (const adjustment of tco.adjustments) {
    if (adjustment.options.includes(option) && holds(adjustment.when, facts)) factor *= adjustment.factor;
  }
  return Math.round((base.operations + base.onCall + base.upgrades) * factor * 10) / 10;
}

export function operationsLine(
  option: OptionId,
  w: Workload,
  knowledge: Knowledge,
  extraHours = 0,
  /** False: no label (the ranking's numbers pass, see CostContext.explain). */
  explain = true,
): LineItem {
  const hours = Math.round((operationsHours(option, w, knowledge) + extraHours) * 10) / 10;
  return lineItem(
    explain ? `Operations: people's time, ${hours} h a month (assumption, knowledge/tco.yaml)` : '',
    hours,
    'hour',
    knowledge.tco.engineerUsdPerHour.value,
  );
}
