import { formatNumber, formatUsd } from '../core/format.js';
import { lineItem, roundCents } from './money.js';
import type { LineItem } from './types.js';

/**
 * Own servers' lines, as the ranking prices them (src/costs/options/on-prem-common.ts) and as
 * `cost on-prem` and `cost hybrid` print them: hardware written off evenly over `amortizeMonths`,
 * and electricity for the hours run times the room's PUE (cooling and power distribution,
 * knowledge/tco.yaml). Every input is an assumption (the `onprem.*` entries of the price snapshot),
 * not an AWS price; the line names say so.
 */
export interface OwnServers {
  servers: number;
  /** What a server is ("CPU server", "8 x A100 server"). */
  name: string;
  serverUsd: number;
  amortizeMonths: number;
  watts: number;
  /** Power usage effectiveness of the room: facility power over IT power. */
  pue: number;
  usdPerKwh: number;
  hours: number;
  /** The team owns the servers already (existingServers: available): nothing to amortise. */
  owned?: boolean;
  /**
   * One server bought new: said beside owned servers, so a $0 hardware line never hides what
   * the sizing assumed the team owns (a reviewer read "2 x 8 x H100, owned already, $0").
   */
  newServerUsd?: number;
}

export function ownServerLines(p: OwnServers, label = '', explain = true): LineItem[] {
  return [
    lineItem(
      explain
        ? p.owned
          ? `${label}Hardware: ${formatNumber(p.servers)} x ${p.name}, owned already (existingServers: available), not bought again${boughtNew(p)}`
          : `${label}Hardware: ${formatNumber(p.servers)} x ${p.name}, amortised over ${formatNumber(p.amortizeMonths)} months (assumption)`
        : '',
      p.servers,
      'server-month',
      // A price per server-month, to the cent like every price: $8,888.89, not $8,888.8888888889.
      roundCents(p.serverUsd / p.amortizeMonths),
    ),
    lineItem(
      explain
        ? `${label}Electricity, ${formatNumber(p.servers)} x ${formatNumber(p.watts)} W x PUE ${formatNumber(p.pue)} for ${formatNumber(p.hours)} h (assumption: PUE, cooling and power distribution, knowledge/tco.yaml)`
        : '',
      (p.servers * p.watts * p.pue * p.hours) / 1000,
      'kWh',
      p.usdPerKwh,
    ),
  ];
}

/** "; bought new: $2,400,000 ($26,666.67 a month over 36 months)" for owned servers, when known. */
function boughtNew(p: OwnServers): string {
  if (!p.newServerUsd) return '';
  const total = p.servers * p.newServerUsd;
  return `; bought new: $${formatUsd(total)} ($${formatUsd(total / p.amortizeMonths)} a month over ${formatNumber(p.amortizeMonths)} months)`;
}

/** People's time, as the ranking's operations line reads (src/costs/operations.ts). */
export function operationsTimeLine(hours: number, usdPerHour: number, explain = true): LineItem {
  return lineItem(
    explain ? `Operations: people's time, ${formatNumber(hours)} h a month (assumption)` : '',
    hours,
    'hour',
    usdPerHour,
  );
}

/** `cost on-prem`: own CPU servers and the people's time to run them. */
export interface OnPremParams extends Omit<OwnServers, 'name'> {
  opsHours: number;
  opsUsdPerHour: number;
}

export function onPremLineItems(p: OnPremParams): LineItem[] {
  return [...ownServerLines({ ...p, name: 'CPU server' }), operationsTimeLine(p.opsHours, p.opsUsdPerHour)];
}
