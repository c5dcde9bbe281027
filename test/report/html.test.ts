import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { runCli } from '../support/run-cli.js';
import { EXAMPLES, htmlFor, readAnswers } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mlda-report-html-'));
export const HEADINGS = [
  'Contents',
  'Decision',
  'Comparison',
  'Assumptions that move the result',
  'Costs',
  'Cost against traffic',
  'Total cost of ownership',
  'Rollout plan',
  'Organisation',
  'Appendix A: the options',
  'Appendix B: corrected facts',
  'Appendix C: inputs as understood',
  'Appendix D: sources',
];

describe('report --format html', () => {
  const out = join(dir, 'report.html');
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
  const html = existsSync(out) ? readFileSync(out, 'utf8') : '';

  it('is one self-contained file: inline CSS and SVG, no script, nothing fetched', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toMatch(/<figure class="chart"><svg [^>]*role="img"/);
    expect(html).not.toMatch(/<script|<link |<img |<iframe|@import|url\(/i);
    expect(html).not.toContain('```');
    expect(html).not.toContain('xychart-beta');
    // Links are for the reader only: no attribute but href points off the page.
    expect(html).not.toMatch(/\bsrc=/);
    for (const heading of HEADINGS)
      expect(html).toMatch(new RegExp(`<h[23] id="[a-z0-9-]+"[^>]*>${heading}</h[23]>`));
    for (const id of OPTION_IDS) expect(html).toContain(`<code>${id}</code>`);
  });

  it('escapes what the answers say: a project name cannot inject markup', () => {
    const hostile = htmlFor({
      ...readAnswers(EXAMPLES.answers),
      projectName: '<img src=x onerror=alert(1)> *x*',
    });
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('report HTML for reading and printing', () => {
  const html = htmlFor(readAnswers(EXAMPLES.gpu));

  it('every link of the contents and of the appendix references lands on a heading id', () => {
    const ids = new Set([...html.matchAll(/<h[1-6] id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(20);
    for (const t of targets) expect(ids.has(t), t).toBe(true);
    expect(html).toMatch(
      /<h2 id="contents"[^>]*>Contents<\/h2>\s*<ul>\s*<li><a href="#decision">Decision<\/a>/,
    );
  });

  it('has a print stylesheet: the decision on page one, a page break before the contents and each appendix', () => {
    expect(html).toMatch(/@media print \{[\s\S]*h2#contents, h2\.appendix \{ break-before: page;/);
    expect(html.indexOf('<h2 id="decision"')).toBeLessThan(html.indexOf('<h2 id="contents"'));
    expect(html).toMatch(/@page \{/);
    expect([...html.matchAll(/<h2 id="appendix-[a-d]-[^"]+" class="appendix">/g)]).toHaveLength(4);
  });

  it('the chart has a legend naming each line, the answered rate and its break-even markers', () => {
    // The CPU example charts three options (the GPU one has only two feasible since SageMaker
    // Async is blocked under a 1 s p95 target).
    const cpuHtml = htmlFor(readAnswers(EXAMPLES.answers));
    const svg = /<svg[\s\S]*?<\/svg>/.exec(cpuHtml)![0];
    const names = ['SageMaker Serverless Inference', 'AWS Lambda', 'SageMaker real-time endpoint'];
    for (const name of names) expect(svg).toContain(`>${name}</text>`);
    expect([...svg.matchAll(/<polyline /g)]).toHaveLength(names.length);
    expect(svg).toContain('>answered</text>');
    expect(cpuHtml).toContain('<p>Legend: blue line, SageMaker Serverless Inference;');
  });
});
