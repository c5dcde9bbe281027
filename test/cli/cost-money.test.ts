import { describe, expect, it } from 'vitest';
import { COST_FLAG_RANGES } from '../../src/cli/commands/cost.js';
import { formatUsd } from '../../src/core/format.js';
import { runMain } from '../support/run-main.js';

/**
 * Money as printed: never $0.00 for a positive cost, never an exponent, thousands grouped; every
 * numeric cost flag bounded. Before: a small Lambda workload printed "$0.00 per month",
 * `--server-usd 1e-300` a unit price "$0.", `--watts 1e-300` "1 x 1e-300 W", and 1e12 servers
 * "$2.777777782705278e+22".
 */

describe('formatUsd', () => {
  it.each([
    [0, '0.00'],
    [0.0019, '0.0019'],
    [0.00017, '0.00017'],
    [1e-9, '0.000000001'],
    [1e-300, '<0.00000000000000000001'],
    [0.006, '0.01'],
    [1234.5, '1,234.50'],
    [27777778547.06, '27,777,778,547.06'],
    [2.777777782705278e22, '27,777,777,827,052,779,470,848.00'],
  ])('%d -> %s', (usd, shown) => {
    expect(formatUsd(usd)).toBe(shown);
  });
});

describe('cost output', () => {
  it('prints a sub-cent Lambda month as it is, not $0.00', async () => {
    const r = await runMain([
      'cost',
      'lambda',
      '--memory-mb',
      '1024',
      '--requests',
      '1000',
      '--duration-ms',
      '100',
    ]);
    expect(r.code).toBe(0);
    // Compute $0.0019, API Gateway's 1,000 requests $0.001 and the responses' data out $0.00017
    // (billed as the ranking bills them).
    expect(r.stdout).toContain('lambda: $0.003 per month');
    expect(r.stdout).not.toMatch(/\$0\.00\b/);
  });

  it('groups thousands and never writes an exponent', async () => {
    const r = await runMain(['cost', 'on-prem', '--servers', '100000', '--server-usd', '10000000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/on-prem: \$\d{1,3}(,\d{3})+\.\d\d per month/);
    expect(r.stdout).not.toMatch(/e[+-]\d/);
  });

  it.each([
    ['on-prem', '--server-usd', '1e-300'],
    ['on-prem', '--watts', '1e-300'],
    ['on-prem', '--servers', '1e12'],
    ['on-prem', '--server-usd', '1e12'],
    ['on-prem', '--usd-per-kwh', '1e9'],
    ['on-prem', '--amortize-months', '1e9'],
    ['on-prem', '--ops-hours', '1e15'],
    ['lambda', '--duration-ms', '1e15'],
    ['sagemaker-realtime', '--data-gb', '1e300'],
  ])('cost %s %s %s is refused, naming the flag and its range', async (option, flag, value) => {
    const extra =
      option === 'lambda'
        ? ['--memory-mb', '1024', '--requests', '10']
        : option === 'sagemaker-realtime'
          ? ['--instance-type', 'ml.m5.large']
          : [];
    const r = await runMain(['cost', option, flag, value, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag}: "${value}" is not allowed`);
  });

  it('every numeric cost flag has a finite range', () => {
    for (const range of Object.values(COST_FLAG_RANGES)) {
      expect(Number.isFinite(range.min) && Number.isFinite(range.max) && range.max > range.min).toBe(true);
    }
  });
});
