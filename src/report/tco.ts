import { holds } from '../core/condition.js';
import type { Facts } from '../core/facts.js';
import type { OpsMaturity } from '../core/answers.js';
import type { OptionId } from '../core/options.js';
import type { TcoData } from './data.js';

/** People's time an option takes each month, beyond the bill: hours and their cost. Pure. */
export interface PeopleCost {
  option: OptionId;
  operations: number;
  onCall: number;
  upgrades: number;
  hours: number;
  usd: number;
  /** Why the hours differ from the base figure (adjustments that applied). */
  adjustments: string[];
  note: string;
}

export function peopleCost(option: OptionId, facts: Facts, tco: TcoData): PeopleCost {
  const base = tco.options[option];
  const maturity = facts.teamOpsMaturity as OpsMaturity;
  let factor = tco.maturityFactor[maturity] ?? 1;
  const adjustments: string[] = [];
  for (const adjustment of tco.adjustments) {
    if (adjustment.options.includes(option) && holds(adjustment.when, facts)) {
      factor *= adjustment.factor;
      adjustments.push(adjustment.because);
    }
  }
  const scale = (h: number) => Math.round(h * factor * 10) / 10;
  const operations = scale(base.hours.operations);
  const onCall = scale(base.hours.onCall);
  const upgrades = scale(base.hours.upgrades);
  const hours = Math.round((operations + onCall + upgrades) * 10) / 10;
  return {
    option,
    operations,
    onCall,
    upgrades,
    hours,
    usd: Math.round(hours * tco.engineerUsdPerHour.value * 100) / 100,
    adjustments,
    note: base.note,
  };
}
