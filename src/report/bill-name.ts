import type { RankedOption } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import { phrase, type Phrases } from './phrases.js';

/**
 * What an option's bill is called: an AWS bill for a cloud service, hardware and power for own
 * servers (their amortisation and electricity are not billed by AWS). The names are phrases
 * (`bill.<option>`, else `bill.aws`), so each is written once. Pure.
 */
export function billName(phrases: Phrases, option: OptionId): string {
  return phrase(phrases, phrases[`bill.${option}`] === undefined ? 'bill.aws' : `bill.${option}`);
}

/** The bill line of own servers' hardware: one server-month of amortisation per server. */
const HARDWARE_UNIT = 'server-month';

export interface UpFront {
  servers: number;
  serverUsd: number;
  usd: number;
}

/**
 * The cash own hardware needs before it serves: servers times the price of one, from the engine's
 * hardware line (servers x price / months written off) and the months it is written off over.
 * Null when the option buys no hardware.
 */
export function upFrontHardware(row: RankedOption, amortizeMonths: number | null): UpFront | null {
  if (amortizeMonths === null) return null;
  const lines = row.lineItems.filter((l) => l.unit === HARDWARE_UNIT && l.quantity > 0);
  if (lines.length === 0) return null;
  const servers = lines.reduce((n, l) => n + l.quantity, 0);
  const usd = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceUsd * amortizeMonths, 0);
  // The line's monthly price is rounded to the cent, so times the months it misses the server
  // price by up to half a cent a month ($34,000 came back as $33,999.84, and 4 servers as
  // $135,999 beside "4 x $34,000"): a server's price is whole dollars, and the total its multiple.
  const serverUsd = Math.round(usd / servers);
  return { servers, serverUsd, usd: serverUsd * servers };
}
