import { formatAmount, formatUsd } from '../core/format.js';
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
    `$${formatUsd(shownUsd(l))}`,
  ]);
  const header = ['item', 'quantity', 'unit', 'unit price', 'USD'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `${result.option}: $${formatUsd(shownTotal(result.monthlyUsd, result.lineItems))} per month`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `Prices: ${result.pricing.source}, ${result.pricing.region}, as of ${result.pricing.asOf}. Each line is rounded to the cent (an amount under a cent is shown as it is); the total is their sum.`,
  ].join('\n');
}

/**
 * A line's amount: rounded to the cent like AWS's bills, except a positive amount under half a
 * cent, which rounds to 0 and is shown as it is ($0.0017), so a cost is never printed as $0.00.
 */
function shownUsd(l: LineItem): number {
  const exact = l.quantity * l.unitPriceUsd;
  return l.usd === 0 && exact > 0 ? exact : l.usd;
}

/** The total: the sum of the rounded lines, or of the shown ones when every line was under a cent. */
function shownTotal(monthlyUsd: number, lines: readonly LineItem[]): number {
  return monthlyUsd === 0 ? lines.reduce((sum, l) => sum + shownUsd(l), 0) : monthlyUsd;
}
