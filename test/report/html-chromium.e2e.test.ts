import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { requireTools, which } from '../support/e2e-tools.js';
import { runCli } from '../support/run-cli.js';
import { EXAMPLES } from './support.js';

/** The HTML report as a reader sees it: rendered by headless Chromium. */
requireTools('chromium');

const dir = mkdtempSync(join(tmpdir(), 'mlda-report-chromium-'));
const HEADINGS = [
  'Summary',
  'Inputs as understood',
  'Ranking',
  'Options',
  'Costs',
  'Cost against traffic',
  'Total cost of ownership',
  'Rollout plan',
  'Organisation',
  'Sources',
];

describe('report --format html in a browser', () => {
  const out = join(dir, 'report.html');

  it('renders in headless Chromium: the DOM has the headings and the screenshot shows content', () => {
    const result = runCli([
      'report',
      '--answers',
      EXAMPLES.gpu,
      '--out',
      out,
      '--format',
      'html',
      '--pricing',
      'snapshot',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const CHROMIUM = which('chromium')!;
    const profile = mkdtempSync(join(tmpdir(), 'mlda-chromium-'));
    const png = join(dir, 'report.png');
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ];
    try {
      const dom = spawnSync(CHROMIUM, [...flags, '--dump-dom', `file://${out}`], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(dom.status, dom.stderr).toBe(0);
      for (const heading of HEADINGS) expect(dom.stdout).toContain(`>${heading}</h`);
      expect(dom.stdout).toContain('<svg');
      expect(dom.stdout).toContain('Recommended: SageMaker real-time endpoint');

      const shot = spawnSync(
        CHROMIUM,
        [...flags, `--screenshot=${png}`, '--window-size=1200,2000', `file://${out}`],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(shot.status, shot.stderr).toBe(0);
      expect(statSync(png).size).toBeGreaterThan(20_000);
      const image = decodePng(readFileSync(png));
      expect(image).toMatchObject({ width: 1200, height: 2000 });
      // Not blank: many distinct colours, and a good share of the page is not background.
      expect(image.distinctColours).toBeGreaterThan(50);
      expect(image.nonWhiteShare).toBeGreaterThan(0.02);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Just enough PNG decoding (8-bit RGB/RGBA, any filter) to look at the pixels. */
function decodePng(data: Buffer): {
  width: number;
  height: number;
  distinctColours: number;
  nonWhiteShare: number;
} {
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const colours = new Set<number>();
  let nonWhite = 0;
  for (let p = 0; p < width * height; p++) {
    const i = p * channels;
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    colours.add((r << 16) | (g << 8) | b);
    if (r < 235 || g < 235 || b < 235) nonWhite++;
  }
  return { width, height, distinctColours: colours.size, nonWhiteShare: nonWhite / (width * height) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
