import { formatNumber } from '../core/format.js';
import { niceCeiling, type ChartModel } from './chart.js';

/**
 * The cost-against-traffic chart as inline SVG, for the HTML report (no script, no network:
 * Mermaid is not available offline). Equally spaced x categories (the multiples double), linear y.
 */
const COLOURS = ['#1f6feb', '#d9480f', '#2b8a3e', '#9c36b5', '#e67700'];
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
  const height = 420;
  const left = 80;
  const right = 40;
  const topPad = 40;
  const bottom = 110;
  const plotW = width - left - right;
  const plotH = height - topPad - bottom;
  const values = chart.series.flatMap((s) => s.usd.filter((v): v is number => v !== null));
  const yMax = niceCeiling(Math.max(1, ...values));
  const n = chart.xLabels.length;
  const x = (i: number) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
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
  chart.xLabels.forEach((label, i) => {
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${topPad + plotH + 18}" text-anchor="middle" font-size="12">${escapeXml(plain(label))}</text>`,
    );
  });
  parts.push(
    `<text x="${left + plotW / 2}" y="${topPad + plotH + 40}" text-anchor="middle" font-size="12">${escapeXml(plain(chart.axisTitle))}</text>`,
    `<line x1="${left}" x2="${left}" y1="${topPad}" y2="${topPad + plotH}" stroke="#57606a"/>`,
    `<line x1="${left}" x2="${width - right}" y1="${topPad + plotH}" y2="${topPad + plotH}" stroke="#57606a"/>`,
  );
  chart.series.forEach((series, s) => {
    const colour = COLOURS[s % COLOURS.length]!;
    const points = series.usd
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const dash = DASHES[s % DASHES.length]!;
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2.5"${dash} points="${points.join(' ')}"/>`,
    );
    for (const p of points) {
      const [px, py] = p.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3.5" fill="${colour}"/>`);
    }
    const ly = topPad + plotH + 62 + Math.floor(s / 2) * 18;
    const lx = left + (s % 2) * (plotW / 2);
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly - 8}" y2="${ly - 8}" stroke="${colour}" stroke-width="3"${dash}/>`,
      `<text x="${lx + 28}" y="${ly - 4}" font-size="12">${escapeXml(plain(series.name))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
