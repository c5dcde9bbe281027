import { holds } from '../core/condition.js';
import type { Facts } from '../core/facts.js';
import type { OpsMaturity } from '../core/answers.js';
import type { OptionId } from '../core/options.js';
import type { TcoData } from './data.js';
import type { LineItem } from '../costs/types.js';

/** People's time an option takes each month, beyond the bill: hours and their cost. Pure. */
export interface PeopleCost {
  option: OptionId;
  operations: number;
  onCall: number;
  upgrades: number;
  hours: number;
  usd: number;
  /** Hours the engine's sizing adds beyond the breakdown (care of each further server). */
  extraHours: number;
  /** Why the hours differ from the base figure (adjustments that applied). */
  adjustments: string[];
  note: string;
}

/**
 * People's time as the engine billed it: hours and dollars from the option's operations line, the
 * breakdown from the rules base, and the hours the engine adds beyond it as their own part.
 */
export function billedPeopleCost(people: PeopleCost, lines: readonly LineItem[]): PeopleCost {
  const ops = lines.find((l) => l.unit === 'hour' && /^(.*: )?operations/i.test(l.item));
  if (!ops) return people;
  return {
    ...people,
    hours: ops.quantity,
    usd: ops.usd,
    extraHours: Math.max(0, Math.round((ops.quantity - people.hours) * 10) / 10),
  };
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
    extraHours: 0,
    adjustments,
    note: base.note,
  };
}
