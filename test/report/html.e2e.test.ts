import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from './png.js';
import { requireTools, which } from '../support/e2e-tools.js';
import { packageRoot } from '../../src/paths.js';
import { renderReportHtml } from '../../src/report/index.js';
import { EXAMPLES, readAnswers, reportInput } from './support.js';

/**
 * The HTML report in a real browser: headless Chromium renders it on screen and prints it to
 * PDF. Needs Debian's chromium, found on PATH as the e2e preflight finds it
 * (test/support/e2e-tools.ts): without it the run stops with the apt-get line that installs it.
 */
requireTools('chromium');
const CHROMIUM = which('chromium') ?? 'chromium';
const dir = mkdtempSync(join(tmpdir(), 'mlda-report-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chromium(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const profile = mkdtempSync(join(dir, 'profile-'));
  try {
    const result = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Pages in a PDF Chromium wrote (each page object says `/Type /Page`). */
function pdfPages(path: string): number {
  return (readFileSync(path, 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/**
 * The page (1-based) each named destination of a Chromium PDF is on: `/Dests` maps a heading's
 * id to `[N 0 R /XYZ ...]`, and the page tree's `/Kids`, read in order, numbers the pages.
 */
function headingPages(path: string): Map<string, number> {
  const pdf = readFileSync(path, 'latin1');
  const object = (n: string) => new RegExp(`(?:^|\\n)${n} 0 obj\\s*([\\s\\S]*?)endobj`).exec(pdf)?.[1] ?? '';
  const order: string[] = [];
  const walk = (n: string) => {
    const body = object(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1];
    if (kids === undefined) order.push(n);
    else for (const kid of kids.match(/\d+(?= 0 R)/g) ?? []) walk(kid);
  };
  const catalog = /\/Type \/Catalog[\s\S]*?\/Pages (\d+) 0 R/.exec(pdf)?.[1];
  expect(catalog, 'the PDF has a page tree').toBeDefined();
  walk(catalog!);
  const destsRef = /\/Dests (\d+) 0 R/.exec(pdf)?.[1];
  expect(destsRef, 'the PDF has named destinations').toBeDefined();
  const out = new Map<string, number>();
  for (const m of object(destsRef!).matchAll(/\/([a-z0-9-]+) \[(\d+) 0 R/g)) {
    out.set(m[1]!, order.indexOf(m[2]!) + 1);
  }
  return out;
}

/** Prints the HTML to a PDF and returns the PDF's path. */
function printToPdf(html: string, name: string): string {
  const file = join(dir, `${name}.html`);
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(file, html);
  const result = chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`]);
  expect(result.status, result.stderr).toBe(0);
  expect(statSync(pdf).size).toBeGreaterThan(5_000);
  return pdf;
}

describe.each([
  ['gpu-realtime', EXAMPLES.gpu],
  ['answers', EXAMPLES.answers],
  ['team-on-eks', join(packageRoot(), 'test', 'golden', 'report', 'team-on-eks.yaml')],
])('the %s report in headless Chromium', (name, answers) => {
  const input = reportInput(readAnswers(answers));
  const html = renderReportHtml(input);
  const pick = input.recommendation.ranking.find((r) => r.feasible)!.name;
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);

  it('renders on screen: the DOM has the sections, the screenshot shows content', () => {
    const dom = chromium(['--dump-dom', `file://${file}`]);
    expect(dom.status, dom.stderr).toBe(0);
    for (const id of ['contents', 'decision', 'comparison', 'appendix-a-the-options', 'appendix-d-sources']) {
      expect(dom.stdout).toContain(`<h2 id="${id}"`);
    }
    expect(dom.stdout).toContain('<svg');
    expect(dom.stdout).toContain(`Recommended: ${pick}`);

    const png = join(dir, `${name}.png`);
    const shot = chromium([`--screenshot=${png}`, '--window-size=1200,2000', `file://${file}`]);
    expect(shot.status, shot.stderr).toBe(0);
    const image = decodePng(readFileSync(png));
    expect(image).toMatchObject({ width: 1200, height: 2000 });
    expect(image.distinctColours).toBeGreaterThan(50);
    expect(image.nonWhiteShare).toBeGreaterThan(0.02);
  }, 180_000);

  it('prints: page one is the title and the whole decision; the contents start page two', () => {
    // Measured on the whole report as printed: the PDF's named destinations (the headings the
    // contents link to) say on which page each heading lands. The contents start a new page, so
    // the comparison, right after them, is on page two only if the decision ended on page one.
    const pdf = printToPdf(html, `${name}-whole`);
    const pages = headingPages(pdf);
    expect(pages.get('decision')).toBe(1);
    expect(pages.get('comparison')).toBe(2);
    expect(html.indexOf('<h2 id="decision"')).toBeLessThan(html.indexOf('<h2 id="contents"'));
    const whole = pdfPages(pdf);
    // The appendices each start a new page: without those breaks the same report takes fewer.
    const unbroken = html.replace(/h2#contents, h2\.appendix \{[^}]*\}/, '');
    expect(unbroken).not.toBe(html);
    expect(pdfPages(printToPdf(unbroken, `${name}-unbroken`))).toBeLessThan(whole);
  }, 240_000);

  it('the print layout itself renders: the print rules forced on screen still show content', () => {
    const printed = html.replace('@media print {', '@media all {');
    const file2 = join(dir, `${name}-print.html`);
    writeFileSync(file2, printed);
    const png = join(dir, `${name}-print.png`);
    const shot = chromium([`--screenshot=${png}`, '--window-size=900,1300', `file://${file2}`]);
    expect(shot.status, shot.stderr).toBe(0);
    const image = decodePng(readFileSync(png));
    expect(image.distinctColours).toBeGreaterThan(20);
    expect(image.nonWhiteShare).toBeGreaterThan(0.01);
  }, 120_000);
});
