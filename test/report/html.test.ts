import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { runCli } from '../support/run-cli.js';
import { EXAMPLES, htmlFor, readAnswers } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mlda-report-html-'));
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
    for (const heading of HEADINGS) expect(html).toMatch(new RegExp(`<h[23]>${heading}</h[23]>`));
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
