import { lineItem } from './money.js';
import type { LineItem } from './types.js';

/**
 * On-premises servers: hardware written off evenly over `amortizeMonths`, electricity for the
 * hours run, and operations time. Every input is an assumption (see the `onprem.*` entries of the
 * price snapshot), not an AWS price; the line names say so.
 */
export interface OnPremParams {
  servers: number;
  serverUsd: number;
  amortizeMonths: number;
  watts: number;
  usdPerKwh: number;
  hours: number;
  opsHours: number;
  opsUsdPerHour: number;
}

export function onPremLineItems(p: OnPremParams): LineItem[] {
  return [
    lineItem(
      `Hardware, amortised over ${p.amortizeMonths} months (assumption)`,
      p.servers,
      'server-month',
      p.serverUsd / p.amortizeMonths,
    ),
    lineItem(
      `Electricity, ${p.servers} x ${p.watts} W for ${p.hours} h (assumption)`,
      (p.servers * p.watts * p.hours) / 1000,
      'kWh',
      p.usdPerKwh,
    ),
    lineItem('Operations time (assumption)', p.opsHours, 'hour', p.opsUsdPerHour),
  ];
}
