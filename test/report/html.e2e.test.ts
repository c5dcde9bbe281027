import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from './png.js';
import { renderReportHtml } from '../../src/report/index.js';
import { EXAMPLES, readAnswers, reportInput } from './support.js';

/**
 * The HTML report in a real browser: headless Chromium renders it on screen and prints it to
 * PDF. Needs Debian's chromium (`apt-get install -y chromium`); without it every test here
 * fails with that line rather than skipping.
 */
const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'headless Chromium is missing: apt-get install -y chromium';
const dir = mkdtempSync(join(tmpdir(), 'mlda-report-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chromium(args: string[]): { status: number | null; stdout: string; stderr: string } {
  expect(existsSync(CHROMIUM), INSTALL).toBe(true);
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

function printToPdf(html: string, name: string): number {
  const file = join(dir, `${name}.html`);
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(file, html);
  const result = chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`]);
  expect(result.status, result.stderr).toBe(0);
  expect(statSync(pdf).size).toBeGreaterThan(5_000);
  return pdfPages(pdf);
}

describe.each([
  ['gpu-realtime', EXAMPLES.gpu],
  ['answers', EXAMPLES.answers],
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

  it('prints: the decision alone fits one page, and the whole report prints with its appendices', () => {
    // The decision as the print stylesheet lays it out: from its heading to the comparison's.
    const start = html.indexOf('<h2 id="decision"');
    const end = html.indexOf('<h2 id="comparison"');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const main = html.indexOf('<main>') + '<main>'.length;
    const decisionOnly = `${html.slice(0, main)}\n${html.slice(start, end)}\n${html.slice(html.indexOf('</main>'))}`;
    expect(printToPdf(decisionOnly, `${name}-decision`)).toBe(1);

    const whole = printToPdf(html, `${name}-whole`);
    // Title and contents, the decision, then the comparison and four appendices each on new pages.
    expect(whole).toBeGreaterThanOrEqual(7);
    // Without the page breaks the same report takes fewer pages: the breaks are applied.
    const unbroken = html.replace(/h2#decision, h2#comparison, h2\.appendix \{[^}]*\}/, '');
    expect(unbroken).not.toBe(html);
    expect(printToPdf(unbroken, `${name}-unbroken`)).toBeLessThan(whole);
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
