import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/core/format.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';
import { runInProcess } from '../support/run-main.js';
import { EXAMPLES, lintMarkdown, readAnswers, rowOption, sections } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mlda-report-'));
const file = (name: string, text?: string): string => {
  const path = join(dir, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

interface RankingJson {
  ranking: {
    option: string;
    rank: number;
    feasible: boolean;
    score: number;
    monthlyCostUsd: number | null;
  }[];
}

// The first report runs as a process (the built bundle: exit code, nothing on stdout); the rest
// call main() in this process (test/support/run-main.ts), which returns the same exit code.
describe.each([
  ['examples/answers.yaml', EXAMPLES.answers, runCliAsync],
  ['examples/gpu-realtime.yaml', EXAMPLES.gpu, runInProcess],
])('report --answers %s', (_name, answers, runReport) => {
  const out = file(`${_name.replace(/\W/g, '-')}.md`);
  let result: CliResult;
  let text = '';
  let json: RankingJson;
  beforeAll(async () => {
    result = await runReport(['report', '--answers', answers, '--out', out, '--pricing', 'snapshot']);
    text = existsSync(out) ? readFileSync(out, 'utf8') : '';
    json = JSON.parse(
      (await runInProcess(['recommend', '--answers', answers, '--json', '--pricing', 'snapshot'])).stdout,
    ) as RankingJson;
  });

  it('writes the file, says so on stderr, prints nothing on stdout', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`wrote ${out}`);
    expect(text.startsWith('# Deployment recommendation: ')).toBe(true);
  });

  it('agrees with recommend --json on the top option and its monthly cost', () => {
    const top = json.ranking[0]!;
    const summary = sections(text).get('Decision')!;
    // Page one names the option; its id is in the appendix heading of rank 1.
    const match = /\*\*Recommended: ([^*]+)\*\*[\s\S]*? the total is \$([\d,.]+)/.exec(summary);
    expect(match, summary).not.toBeNull();
    expect(text).toContain(`### 1. ${match![1]} (\`${top.option}\`)`);
    expect(match![2]).toBe(formatUsd(top.monthlyCostUsd!));
    const firstRow = sections(text)
      .get('Comparison')!
      .split('\n')
      .find((l) => l.startsWith('| 1 |'))!;
    expect(rowOption(firstRow)).toBe(top.option);
    expect(firstRow).toContain(`$${formatUsd(top.monthlyCostUsd!)}`);
  });

  it('ranks all ten options in the same order as recommend --json, each with its own section', () => {
    const rows = sections(text)
      .get('Comparison')!
      .split('\n')
      .filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(OPTION_IDS.length);
    rows.forEach((row, i) => {
      const expected = json.ranking[i]!;
      expect(rowOption(row)).toBe(expected.option);
      expect(row).toContain(
        expected.monthlyCostUsd === null ? 'not priced' : `$${formatUsd(expected.monthlyCostUsd)}`,
      );
      expect(row).toContain(expected.feasible ? `| ${expected.score} |` : 'blocked:');
    });
    const options = sections(text).get('Appendix A: the options')!;
    for (const id of OPTION_IDS) expect(options).toMatch(new RegExp(`^### \\d+\\. .+ \\(\`${id}\`\\)$`, 'm'));
  });

  it('charts cost against traffic for the leading options, through the answered point', () => {
    const fence = /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1];
    expect(fence).toBeDefined();
    const lines = fence!.split('\n').map((l) => l.trim());
    expect(lines[0]).toMatch(/^%%\{init: .*plotColorPalette/);
    expect(lines[1]).toBe('xychart-beta');
    const labels = /^x-axis ".*" \[(.*)\]$/.exec(lines.find((l) => l.startsWith('x-axis'))!)![1]!.split(', ');
    // The axis is in requests/s, linear, and passes through the answered rate (the first point
    // when it reaches out to a far break-even in whole steps of it).
    const one = labels.indexOf(`"${String(readAnswers(answers).requestsPerSecond)}"`);
    expect(one).toBeGreaterThanOrEqual(0);
    const series = lines
      .filter((l) => l.startsWith('line ['))
      .map((l) => l.slice(6, -1).split(', ').map(Number));
    const leading = json.ranking.filter((r) => r.feasible).slice(0, 3);
    expect(series).toHaveLength(leading.length);
    series.forEach((values, i) => {
      expect(values).toHaveLength(labels.length);
      expect(values[one]).toBeCloseTo(leading[i]!.monthlyCostUsd!, 2);
    });
    expect(sections(text).get('Costs')).toContain('#### Break-even points');
  });

  it('has every section, and parses as Markdown without a lint warning', async () => {
    expect([...sections(text).keys()]).toEqual([
      'Decision',
      'Contents',
      'Comparison',
      'Assumptions that move the result',
      'Costs',
      'Rollout plan',
      'Organisation',
      'Appendix A: the options',
      'Appendix B: corrected facts',
      'Appendix C: inputs as understood',
      'Appendix D: sources',
    ]);
    expect(await lintMarkdown(text)).toEqual([]);
    const tokens = new MarkdownIt().parse(text, {});
    const h2 = tokens
      .filter((t, i) => t.type === 'inline' && tokens[i - 1]?.tag === 'h2')
      .map((t) => t.content);
    expect(h2).toContain('Appendix D: sources');
    expect(tokens.filter((t) => t.type === 'table_open').length).toBeGreaterThanOrEqual(4);
  });
});

describe('report: writing the file', () => {
  const answers = EXAMPLES.answers;

  it('keeps an existing file unless --force, and replaces it atomically with --force', async () => {
    const out = file('kept.md', 'my own notes\n');
    const refused = await runInProcess([
      'report',
      '--answers',
      answers,
      '--out',
      out,
      '--pricing',
      'snapshot',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out .*kept\.md: the file exists and is kept; add --force/);
    expect(readFileSync(out, 'utf8')).toBe('my own notes\n');

    const forced = await runInProcess([
      'report',
      '--answers',
      answers,
      '--out',
      out,
      '--force',
      '--pricing',
      'snapshot',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Deployment recommendation: churn-scorer\n/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a bad answers file exits 2 naming the field, and writes nothing', async () => {
    const bad = file(
      'bad.yaml',
      'framework: sklearn\nrequestsPerSecond: -3\nlatencyP95Ms: 250\nmonthlyBudgetUsd: 800\n',
    );
    const out = file('never.md');
    const result = await runInProcess(['report', '--answers', bad, '--out', out, '--pricing', 'snapshot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('requestsPerSecond');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.never'))).toEqual([]);
  });

  it('usage errors exit 2 and name the flag', async () => {
    const noOut = await runInProcess(['report', '--answers', answers]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const format = await runInProcess([
      'report',
      '--answers',
      answers,
      '--out',
      file('f.md'),
      '--format',
      'pdf',
    ]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format: "pdf" is not allowed; use one of md, html/);
    const folder = await runInProcess([
      'report',
      '--answers',
      answers,
      '--out',
      join(dir, 'no-such-dir', 'r.md'),
    ]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('does not exist');
  });

  it('an .html name without --format writes HTML; --format md wins over the name', async () => {
    const html = file('by-name.html');
    expect(
      (await runInProcess(['report', '--answers', answers, '--out', html, '--pricing', 'snapshot'])).code,
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    const md = file('forced-md.html');
    const result = await runInProcess([
      'report',
      '--answers',
      answers,
      '--out',
      md,
      '--format',
      'md',
      '--pricing',
      'snapshot',
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Deployment recommendation/);
  });

  it('--help describes the flags', async () => {
    const help = await runInProcess(['report', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--answers', '--out', '--format', '--force', '--from-notebook', '--pricing']) {
      expect(help.stdout).toContain(flag);
    }
  });
});
