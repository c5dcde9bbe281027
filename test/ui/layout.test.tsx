import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { rankingLines } from '../../src/chat/ranking-text.js';
import { formatTable, padCells, truncateCells, wrapText } from '../../src/chat/text-table.js';
import { toneProps } from '../../src/ui/theme.js';
import { colorAllowed } from '../../src/chat/terminal-mode.js';
import { inCi, isInteractive } from '../../src/chat/terminal-mode.js';
import { realAdvisor } from './chat-harness.js';

const rec = () =>
  realAdvisor().advise({
    framework: 'sklearn',
    requestsPerSecond: 20,
    latencyP95Ms: 250,
    monthlyBudgetUsd: 800,
  });

describe('the ranking table (the one the chat prints)', () => {
  it.each([40, 60, 80, 120])('fits %i columns with every option, its cost and the price source', (width) => {
    const lines = rankingLines(rec(), width).map((l) => l.text);
    for (const line of lines) expect(stringWidth(`  ${line}`)).toBeLessThanOrEqual(width);
    for (const r of rec().ranking) {
      const row = lines.find((l) => new RegExp(`^\\s*(${r.rank}|-)\\s+${r.option.slice(0, 16)}`).test(l));
      expect(row, `${r.option} at ${width}`).toBeDefined();
      expect(row).toMatch(r.monthlyCostUsd === null ? /n\/a/ : /\$[\d,.]+/);
    }
    expect(lines.join(' ').replace(/\s+/g, ' ')).toMatch(/Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1/);
  });

  it('shows the blocker of an infeasible option', () => {
    const text = rankingLines(rec(), 140)
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(/-\s+on-prem\s+-\s+\$[\d,]+\s+Hosting is cloud/);
  });
});

describe('UI components', () => {
  it('are all in use: each file under src/ui/components is imported by the app', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'ui');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const file of readdirSync(join(dir, 'components'))) {
      const name = file.replace(/\.tsx?$/, '');
      expect(sources, `${file} is imported nowhere`).toMatch(
        new RegExp(`from '[./]+(components/)?${name}\\.js'`),
      );
    }
  });
});

describe('plain-text columns', () => {
  it('keeps columns aligned with wide characters', () => {
    const lines = formatTable(
      [{ header: 'name' }, { header: 'cost', align: 'right' }],
      [
        ['機械学習モデル', '$12'],
        ['ascii', '$1,234'],
        ['emoji 🚀', '$5'],
      ],
    );
    const ends = lines.map((l) => stringWidth(l));
    expect(new Set(ends).size).toBe(1);
  });
  it('cuts and pads by terminal cells', () => {
    expect(stringWidth(padCells('日本語テキスト', 6))).toBe(6);
    expect(truncateCells('日本語テキスト', 6)).toBe('日本…');
    expect(padCells('ab', 4, 'right')).toBe('  ab');
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('shrinks the flexible column to fit', () => {
    const lines = formatTable([{ header: 'a' }, { header: 'b', flex: true }], [['x', 'y'.repeat(100)]], 40);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
  });
});

describe('terminal decisions', () => {
  it('honours NO_COLOR and dumb terminals', () => {
    expect(colorAllowed({})).toBe(true);
    expect(colorAllowed({ NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed({ TERM: 'dumb' })).toBe(false);
    expect(toneProps('bad', false)).toEqual({});
    expect(toneProps('bad', true)).toEqual({ color: 'red' });
  });
  it('is interactive only with a TTY on both ends and outside CI', () => {
    const tty = { isTTY: true };
    expect(isInteractive({ stdin: tty, stdout: tty, env: {} })).toBe(true);
    expect(isInteractive({ stdin: {}, stdout: tty, env: {} })).toBe(false);
    expect(isInteractive({ stdin: tty, stdout: {}, env: {} })).toBe(false);
    expect(isInteractive({ stdin: tty, stdout: tty, env: { CI: 'true' } })).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
  });
});
