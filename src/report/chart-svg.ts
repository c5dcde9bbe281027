import { formatNumber } from '../core/format.js';
import { niceCeiling, type ChartModel } from './chart.js';

/**
 * The cost-against-traffic chart as inline SVG, for the HTML report (no script, no network:
 * Mermaid is not available offline). Both axes are linear and start at zero: x in requests per
 * second, y in USD a month. The answered rate and break-even points are marked; the legend sits
 * under the plot.
 */
/** Dashes tell apart lines that lie on top of each other (two options at the same cost). */
const DASHES = ['', ' stroke-dasharray="9 5"', ' stroke-dasharray="3 4"'];

const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Markdown escapes (backslashes) are not wanted inside the SVG. */
const plain = (text: string): string => text.replace(/\\(.)/g, '$1');

export function chartSvg(chart: ChartModel): string {
  const width = 760;
  const left = 80;
  const right = 40;
  const topPad = 40;
  const plotH = 270;
  const legendRows = Math.ceil(chart.series.length / 2);
  const height = topPad + plotH + 70 + legendRows * 20;
  const plotW = width - left - right;
  const values = chart.series.flatMap((s) => s.usd.filter((v): v is number => v !== null));
  const yMax = niceCeiling(Math.max(1, ...values));
  const xMax = Math.max(...chart.rates) || 1;
  const x = (rate: number) => left + (rate / xMax) * plotW;
  const y = (v: number) => topPad + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="cost-chart-title">`,
    `<title id="cost-chart-title">Modelled monthly cost (USD) against traffic</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">Modelled monthly cost (USD) against traffic</text>`,
  );
  for (let k = 0; k <= 5; k++) {
    const v = (yMax * k) / 5;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12">$${formatNumber(v, 0)}</text>`,
    );
  }
  parts.push(`<text x="${left}" y="${topPad + plotH + 18}" text-anchor="middle" font-size="12">0</text>`);
  chart.xLabels.forEach((label, i) => {
    parts.push(
      `<text x="${x(chart.rates[i]!).toFixed(1)}" y="${topPad + plotH + 18}" text-anchor="middle" font-size="12">${escapeXml(plain(label))}</text>`,
    );
  });
  const answered = chart.rates[chart.answeredIndex]!;
  parts.push(
    `<text x="${left + plotW / 2}" y="${topPad + plotH + 40}" text-anchor="middle" font-size="12">${escapeXml(plain(chart.axisTitle))}</text>`,
    `<line x1="${left}" x2="${left}" y1="${topPad}" y2="${topPad + plotH}" stroke="#57606a"/>`,
    `<line x1="${left}" x2="${width - right}" y1="${topPad + plotH}" y2="${topPad + plotH}" stroke="#57606a"/>`,
    `<line x1="${x(answered).toFixed(1)}" x2="${x(answered).toFixed(1)}" y1="${topPad}" y2="${topPad + plotH}" stroke="#57606a" stroke-dasharray="2 3"/>`,
    `<text x="${(x(answered) + 4).toFixed(1)}" y="${topPad + 12}" font-size="11" fill="#57606a">answered</text>`,
  );
  chart.markers.forEach((m, i) => {
    const mx = x(m.rate).toFixed(1);
    parts.push(
      `<line x1="${mx}" x2="${mx}" y1="${topPad}" y2="${topPad + plotH}" stroke="#cf222e" stroke-dasharray="6 4"/>`,
      `<text x="${(x(m.rate) + 4).toFixed(1)}" y="${topPad + 26 + i * 14}" font-size="11" fill="#cf222e">${escapeXml(m.label)}</text>`,
    );
  });
  chart.series.forEach((series, s) => {
    const points = series.usd
      .map((v, i) => (v === null ? null : `${x(chart.rates[i]!).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const dash = DASHES[s % DASHES.length]!;
    parts.push(
      `<polyline fill="none" stroke="${series.colour}" stroke-width="2.5"${dash} points="${points.join(' ')}"/>`,
    );
    for (const p of points) {
      const [px, py] = p.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3.5" fill="${series.colour}"/>`);
    }
    const ly = topPad + plotH + 66 + Math.floor(s / 2) * 20;
    const lx = left + (s % 2) * (plotW / 2);
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.colour}" stroke-width="3"${dash}/>`,
      `<text x="${lx + 28}" y="${ly}" font-size="12">${escapeXml(plain(series.name))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
