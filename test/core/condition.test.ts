import { describe, expect, it } from 'vitest';
import { fillText, holds } from '../../src/core/condition.js';
import type { Facts } from '../../src/core/facts.js';

const facts = {
  framework: 'sklearn',
  requestsPerSecond: 20,
  latencyP95Ms: null,
  offline: true,
} as unknown as Facts;

describe('conditions', () => {
  it('tests equality, membership and bounds', () => {
    expect(holds({ fact: 'framework', eq: 'sklearn' }, facts)).toBe(true);
    expect(holds({ fact: 'framework', in: ['pytorch', 'onnx'] }, facts)).toBe(false);
    expect(holds({ fact: 'framework', notIn: ['pytorch'] }, facts)).toBe(true);
    expect(holds({ fact: 'requestsPerSecond', gte: 20, lt: 21 }, facts)).toBe(true);
    expect(holds({ fact: 'requestsPerSecond', gt: 20 }, facts)).toBe(false);
    expect(holds({ fact: 'requestsPerSecond', lte: 19 }, facts)).toBe(false);
  });

  it('treats a numeric test on a null fact as false, and supports null equality', () => {
    expect(holds({ fact: 'latencyP95Ms', lt: 100 }, facts)).toBe(false);
    expect(holds({ fact: 'latencyP95Ms', eq: null }, facts)).toBe(true);
  });

  it('combines with all, any and not', () => {
    const yes = { fact: 'offline', eq: true };
    const no = { fact: 'offline', eq: false };
    expect(holds({ all: [yes, no] }, facts)).toBe(false);
    expect(holds({ any: [yes, no] }, facts)).toBe(true);
    expect(holds({ not: no }, facts)).toBe(true);
  });

  it('fills placeholders with readable numbers and leaves unknown ones', () => {
    expect(fillText('{requestsPerSecond} rps, {x}', { requestsPerSecond: 12345.678 })).toBe(
      '12,346 rps, {x}',
    );
    expect(fillText('{v}', { v: 0.1234 })).toBe('0.123');
    expect(fillText('{v}', { v: Infinity })).toBe('unbounded');
    expect(
      fillText('${monthlyCostUsd} of ${monthlyBudgetUsd}', { monthlyCostUsd: 21.3, monthlyBudgetUsd: 800 }),
    ).toBe('$21.30 of $800');
  });
});
