import { formatNumber } from '../core/format.js';
import type { LineItem } from '../costs/types.js';

/** The text form: one line per item, then the total and where the prices came from. */
export function renderCost(result: {
  option: string;
  monthlyUsd: number;
  lineItems: LineItem[];
  pricing: { source: string; asOf: string; region: string };
}): string {
  const rows = result.lineItems.map((l) => [
    l.item,
    formatAmount(l.quantity),
    l.unit,
    `$${formatAmount(l.unitPriceUsd)}`,
    `$${l.usd.toFixed(2)}`,
  ]);
  const header = ['item', 'quantity', 'unit', 'unit price', 'USD'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `${result.option}: $${result.monthlyUsd.toFixed(2)} per month`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `Prices: ${result.pricing.source}, ${result.pricing.region}, as of ${result.pricing.asOf}. Each line is rounded to the cent; the total is their sum.`,
  ].join('\n');
}

/** Quantities and unit prices in full: tiny unit prices keep their digits ($0.0000166667). */
function formatAmount(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.001) return n.toFixed(12).replace(/0+$/, '');
  return formatNumber(n, 6);
}
