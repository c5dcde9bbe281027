import type { TcoData } from '../report/data.js';
import type { InstanceType } from './instances-schema.js';
import type { Correction, Limit, OptionInfo, RetiredService, Rule, ServicePrices, Sizing } from './schema.js';

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
  /** Load balancer, API, NAT, transfer and link prices, and Savings Plans rates. */
  servicePrices: ServicePrices;
}
