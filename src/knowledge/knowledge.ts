import type { TcoData } from './tco-schema.js';
import type { InstanceType } from './instances-schema.js';
import type { Correction, Limit, OptionInfo, RetiredService, Rule, SavingsPlans, Sizing } from './schema.js';

/** The whole rules base, loaded and validated (see knowledge/load.ts). Plain data. */
export interface Knowledge {
  options: OptionInfo[];
  limits: Limit[];
  rules: Rule[];
  corrections: Correction[];
  retired: RetiredService[];
  sizing: Sizing;
  /** The instance catalogue (knowledge/instances.yaml): specs, and prices by region. */
  instances: InstanceType[];
  /** People's time each option takes a month (knowledge/tco.yaml). */
  tco: TcoData;
  /** Which Savings Plan covers which service, and the rates applied (knowledge/savings-plans.yaml). */
  savingsPlans: SavingsPlans;
}
